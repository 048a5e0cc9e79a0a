"""Forged button presses: other people's ids, malformed data, the 64-byte edge, no message.

Telegram delivers whatever callback data a client sends, so every press below is one a
modified client could make. Each is refused with a clear answer and changes nothing.
"""

from __future__ import annotations

import logging

import pytest

from bot.texts import t
from tests.e2e.harness import BotHarness
from tests.e2e.world import World, build_world, literal, press, snapshot
from tests.waiting import eventually

NOT_YOURS = "prompt.refused.not_yours"


def _other_programs_ids(world: World) -> list[tuple[str, str, str]]:
    """(role, data with program B's ids, expected key): A's people reaching into B."""
    b = world.b
    return [
        ("coachee", f"a:{b.coachee_checkin}:0:8", NOT_YOURS),
        ("coachee", f"cm:{b.coachee_checkin}:add", NOT_YOURS),
        ("coach", f"a:{b.coach_checkin}:0:8", NOT_YOURS),
        ("coach", f"so:{b.outcome_prompt}:held", NOT_YOURS),
        ("coach", f"sc:{b.confirm_prompt}:y", NOT_YOURS),
        ("coach", f"n:{b.nudge_id}:talked", NOT_YOURS),
        ("coach", f"ss:{b.dyad_id}", NOT_YOURS),
        ("coach", f"sl:{b.dyad_id}:{b.held_session_id}", NOT_YOURS),
        ("coach", f"pc:{b.dyad_id}", NOT_YOURS),
        ("coach", f"pm:{b.dyad_id}:20270112:1000:60", NOT_YOURS),
        ("coach", f"a:{world.a.coachee_checkin}:0:8", NOT_YOURS),  # own dyad, coachee's prompt
        ("coach", f"so:{world.a.confirm_prompt}:held", "prompt.refused.unknown"),  # wrong kind
        ("lead", f"pick:st:{b.program_id}", "lead.not_lead"),
        ("lead", f"inv:r:coachee:{b.program_id}", "lead.not_lead"),
        ("lead", f"cl:y:{b.program_id}", "lead.not_lead"),
        ("lead", f"rp:{b.program_id}", "lead.not_lead"),
    ]


async def test_ids_of_another_program_are_refused_and_change_nothing(bot: BotHarness) -> None:
    world = await build_world(bot)
    for role, data, key in _other_programs_ids(world):
        user = world.users[role]
        async with bot.db() as db:
            before = await snapshot(db)
        await press(bot, user, data, literal(user.lang, key))
        async with bot.db() as db:
            assert await snapshot(db) == before, f"{role} pressing {data!r} changed data"


BIG = "9" * 12  # fits the patterns' digits, not a database integer
HUGE = "9" * 20  # does not fit a 64-bit integer either
MALFORMED = [
    "x",
    "a:1",
    "a:x:0:5",
    "a::0:5",
    "a:1:0:5:6",
    "a:1:0:5\n",
    "A:1:0:5",
    " lang:en",
    "lang:de",
    "n:1:maybe",
    "cm:1:delete",
    "enrol:yes:",
    "enrol:maybe:abc",
    "pick:xx:1",
    "pd:1:20270231",
    "ph:1:20270112:2561",
    "pm:1:20270112:1000:0",
    "np:tz:../../etc/passwd",
    "np:tz:" + "A" * 58,
    "é" * 32,  # exactly 64 bytes
    "a:1:0:" + "5" * 58,  # exactly 64 bytes
    "\u202eevil",
    "🙂" * 16,
    "a:2147483648:0:5",  # one past the largest 32-bit integer
    f"a:{BIG}:0:5",
    f"cm:{BIG}:add",
    f"so:{BIG}:held",
    f"sc:{BIG}:y",
    f"ss:{BIG}",
    f"sl:{BIG}:{BIG}",
    f"pc:{BIG}",
    f"pm:{BIG}:20270112:1000:60",
    f"n:{BIG}:talked",
    f"pick:st:{HUGE}",
    f"inv:r:coach:{HUGE}",
    f"inv:c:abcdef:{HUGE}",
    f"cl:y:{HUGE}",
    f"rp:{HUGE}",
]


@pytest.mark.slow  # every pattern with malformed data: with the fuzz, not in the quick loop
@pytest.mark.parametrize("role", ["coach", "lead"])
async def test_malformed_data_gets_a_clear_answer_and_changes_nothing(
    bot: BotHarness, role: str, caplog: pytest.LogCaptureFixture
) -> None:
    world = await build_world(bot)
    user = world.users[role]
    refusals = [literal(user.lang, key) for key in (
        "fallback.button_open_above", "fallback.button_toast", NOT_YOURS, "prompt.refused.unknown",
        "lead.not_lead", "lead.draft_gone", "enrol.invite_unknown", "schedule.past",
        "lead.bad_timezone",
    )]
    for data in MALFORMED:
        assert len(data.encode()) <= 64, data
        async with bot.db() as db:
            before = await snapshot(db)
        with caplog.at_level(logging.ERROR, logger="bot"):
            await press(bot, user, data, refusals)
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], data
        async with bot.db() as db:
            assert await snapshot(db) == before, f"pressing {data!r} changed data"
    assert t(user.lang, "error.generic") not in await user.all_text()


async def test_coach_of_another_program_cannot_be_named_in_an_invite(bot: BotHarness) -> None:
    """Mid-invite, the coach button is forged to B's coach, then to an id past any row."""
    world = await build_world(bot)
    lead = world.users["lead"]
    await press(bot, lead, f"inv:r:coachee:{world.a.program_id}",
                literal(lead.lang, "lead.ask_invitee_name"))
    await lead.send("Nina")
    question = await lead.expect(literal(lead.lang, "lead.ask_coach"))
    step = question["buttons"][0][0]["data"].split(":")[2]  # the live step's mark
    for data, key in ((f"inv:c:{step}:{world.b.coach_id}", "lead.invite_failed"),
                      (f"inv:c:{step}:{HUGE}", "fallback.button_toast")):
        async with bot.db() as db:
            before = await snapshot(db)
        await press(bot, lead, data, literal(lead.lang, key))
        async with bot.db() as db:
            assert await snapshot(db) == before, f"pressing {data!r} changed data"


async def test_callback_with_inline_message_id_and_no_message_changes_nothing(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    world = await build_world(bot)
    coachee = world.users["coachee"]
    async with bot.db() as db:
        before = await snapshot(db)
    sender = {"id": coachee.id, "is_bot": False, "first_name": coachee.name,
              "language_code": coachee.lang}
    with caplog.at_level(logging.ERROR, logger="bot"):
        for data in (f"a:{world.a.coachee_checkin}:0:8", "forget:no", "lead:cancel", "px"):
            injected = await bot.client.inject("callback_query", {
                "from": sender, "chat_instance": "42", "inline_message_id": "AAEAAAE", "data": data,
            })
            answer = await _answered(bot, injected["callback_query_id"])
            assert answer["answered"], data
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    async with bot.db() as db:
        assert await snapshot(db) == before


async def _answered(bot: BotHarness, callback_query_id: str) -> dict[str, object]:
    async def answered() -> dict[str, object] | None:
        answer = await bot.client.callback(callback_query_id)
        return answer if answer["answered"] else None

    return await eventually(answered, "the press to be answered")
