"""Typed input that the bot stores or looks up, property-based: names, comments, time zones.

Any Unicode of any length, control characters and NUL included, typed where the bot waits for
words: a program's name (then the program is created), an invitee's name (then the invite is
issued), a check-in comment, a program's time zone. Each is stored cleaned or refused with a
clear reply, never an error, on SQLite and PostgreSQL (which cannot store NUL).
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from alliance.core.models import Comment, Person, Program
from tests.e2e.conftest import ErrorLog
from tests.e2e.harness import BotHarness
from tests.e2e.junk import texts
from tests.e2e.world import World, build_world, literal, press, snapshot

pytestmark = pytest.mark.slow

Flow = Callable[[BotHarness, World, str], Awaitable[str]]


def _clean(stored: str) -> bool:
    """No control characters but line breaks and tabs (comments keep those)."""
    return not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in stored)


async def _reply(user: object, keys: tuple[str, ...]) -> str:
    from bot.simulation import SimulatedUser

    assert isinstance(user, SimulatedUser)
    keys = (*keys, "fallback.command")  # typed text that starts with "/" is a command
    wanted = [literal(user.lang, key) for key in keys]
    message = await user.expect(lambda m: any(w in (m.get("text") or "") for w in wanted))
    return next(key for key, w in zip(keys, wanted, strict=True) if w in message["text"])


async def step_of(user: object, prefix: str) -> str:
    """The step mark on the newest button whose data starts with `prefix` (`np:tz:`…)."""
    from bot.simulation import SimulatedUser

    assert isinstance(user, SimulatedUser)
    for message in reversed(await user.messages()):
        for button in (b for row in message.get("buttons") or [] for b in row):
            if str(button.get("data") or "").startswith(prefix):
                return str(button["data"])[len(prefix):].split(":")[0]
    raise AssertionError(f"no button {prefix}…")


async def program_name(bot: BotHarness, world: World, text: str) -> str:
    lead = world.users["lead"]
    await lead.send("/newprogram")
    await lead.expect(literal(lead.lang, "lead.ask_program_name"))
    await lead.send(text)
    outcome = await _reply(lead, ("lead.ask_timezone", "lead.bad_name"))
    if outcome == "lead.ask_timezone":
        step = await step_of(lead, "np:tz:")
        await press(bot, lead, f"np:tz:{step}:UTC", literal(lead.lang, "lead.ask_dates"))
        step = await step_of(lead, "np:d:")
        await press(bot, lead, f"np:d:{step}", literal(lead.lang, "lead.program_created"))
        async with bot.db() as db:
            newest = await db.scalar(select(Program).order_by(Program.id.desc()).limit(1))
        assert newest is not None and newest.name.strip() and _clean(newest.name)
        assert "\n" not in newest.name and len(newest.name) <= 200
    return outcome


async def invitee_name(bot: BotHarness, world: World, text: str) -> str:
    lead = world.users["lead"]
    await press(bot, lead, f"inv:r:coach:{world.a.program_id}",
                literal(lead.lang, "lead.ask_invitee_name"))
    await lead.send(text)
    outcome = await _reply(lead, ("lead.invite_link", "lead.bad_name"))
    if outcome == "lead.invite_link":
        async with bot.db() as db:
            newest = await db.scalar(select(Person).order_by(Person.id.desc()).limit(1))
        assert newest is not None and newest.display_name and _clean(newest.display_name)
        assert "\n" not in newest.display_name and len(newest.display_name) <= 200
    return outcome


async def comment(bot: BotHarness, world: World, text: str) -> str:
    coachee = world.users["coachee"]
    prompt_id = world.a.coachee_checkin
    await press(bot, coachee, f"cm:{prompt_id}:add", literal(coachee.lang, "checkin.comment_ask"))
    await coachee.send(text)
    outcome = await _reply(
        coachee, ("checkin.comment_saved", "checkin.comment_too_long", "fallback.need_text")
    )
    if outcome == "checkin.comment_saved":
        async with bot.db() as db:
            saved = await db.scalar(select(Comment).where(Comment.prompt_id == prompt_id))
        assert saved is not None and _clean(saved.text)
    return outcome


async def timezone(bot: BotHarness, world: World, text: str) -> str:
    lead = world.users["lead"]
    await lead.send("/newprogram")
    await lead.expect(literal(lead.lang, "lead.ask_program_name"))
    await lead.send("Zone test")
    await lead.expect(literal(lead.lang, "lead.ask_timezone"))
    await lead.send(text)
    return await _reply(lead, ("lead.ask_dates", "lead.bad_timezone"))


FLOWS: dict[str, Flow] = {
    "program_name": program_name, "invitee_name": invitee_name, "comment": comment,
    "timezone": timezone,
}
REFUSED = {"lead.bad_name", "lead.bad_timezone", "checkin.comment_too_long",
           "fallback.need_text", "fallback.command"}
# Long zone names reach the file system (a known crash, fixed separately): kept short here.
SHORT_TEXTS = st.text(min_size=1, max_size=60)


async def _answer_checkin(bot: BotHarness, world: World) -> None:
    """The coachee completes the check-in, so a comment can follow."""
    coachee = world.users["coachee"]
    for item in range(4):
        expected = "checkin.comment_offer" if item == 3 else "checkin.progress"
        await press(bot, coachee, f"a:{world.a.coachee_checkin}:{item}:8",
                    literal(coachee.lang, expected))


async def test_typed_names_comments_and_zones_are_cleaned_or_refused(
    bot: BotHarness, errors: ErrorLog
) -> None:
    world = await build_world(bot)
    await _answer_checkin(bot, world)
    loop = asyncio.get_running_loop()
    tally: Counter[str] = Counter()

    async def run(flow: str, text: str) -> None:
        async with bot.db() as db:
            before = await snapshot(db)
        outcome = await FLOWS[flow](bot, world, text)
        assert not errors.records, f"{flow} {text[:80]!r}: {errors.records[0].getMessage()}"
        if outcome in REFUSED:
            async with bot.db() as db:
                assert await snapshot(db) == before, f"refused {flow} {text[:80]!r} changed data"
        tally[f"{flow}:{outcome.rsplit('.', 1)[1]}"] += 1

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(flow=st.sampled_from(sorted(FLOWS)), text=texts, short=SHORT_TEXTS)
    @example(flow="program_name", text="Leaders\x00 2027", short="-")  # PostgreSQL: no NUL
    @example(flow="invitee_name", text="\u202eAda\x00\nLovelace", short="-")
    @example(flow="comment", text="\x00", short="-")
    @example(flow="comment", text="line one\r\nline two\x00", short="-")
    def typed(flow: str, text: str, short: str) -> None:
        value = short if flow == "timezone" else text
        asyncio.run_coroutine_threadsafe(run(flow, value), loop).result(timeout=60)

    await asyncio.to_thread(typed)
    print(f"\ntyped input: {sum(tally.values())} cases ran: {dict(sorted(tally.items()))}")
    assert sum(tally.values()) >= 40


@pytest.mark.parametrize("zone", ["x" * 1024, "America"])
async def test_a_time_zone_that_is_no_zone_file_is_refused(bot: BotHarness, zone: str) -> None:
    world = await build_world(bot)
    assert await timezone(bot, world, zone) == "lead.bad_timezone"
    lead = world.users["lead"]
    step = await step_of(lead, "np:tz:")
    await press(bot, lead, f"np:tz:{step}:{zone[:40]}", literal(lead.lang, "lead.bad_timezone"))
