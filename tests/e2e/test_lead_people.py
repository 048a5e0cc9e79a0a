"""/people: a lead fixes a person's name, or moves a coachee to another coach of the program.

Moving ends the old pair (its history kept, its open questions closed), starts the new one,
and tells the coachee and both coaches.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.core.models import AuditEvent, Dyad, Person, Prompt, PromptKind, PromptState, Role
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.dyads import callback_answer, claim, log_session
from tests.e2e.harness import BotHarness
from tests.e2e.leads import person_id, shown
from tests.e2e.people import make_dyad
from tests.e2e.world import snapshot
from tests.waiting import eventually

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])


async def _open_person(lead: SimulatedUser, label: str) -> dict[str, object]:
    """/people, then the person's button: the message now asks what to change."""
    await lead.send("/people")
    listing = await lead.message_with_button(label)
    await lead.press(label, listing)
    return await lead.expect_edit(listing["message_id"], lambda m: m["edits"] > 0)


@LANGS
async def test_a_lead_fixes_a_name(bot: BotHarness, lang: str) -> None:
    _, lead, coach, _ = await make_dyad(bot, lang=lang)
    message = await _open_person(lead, f"Cole Coach · {t(lang, 'role.coach')}")
    await lead.press(t(lang, "people.rename"), message)
    await lead.expect_edit(message["message_id"], t(lang, "people.ask_name", name="Cole Coach"))

    await lead.send("\u202eNicole\tCoach\x07")  # controls go, the tab becomes a space
    await lead.expect(t(lang, "people.renamed", old="Cole Coach", new="Nicole Coach"))

    assert not (await shown(lead, message))["buttons"]  # the step's Cancel is gone
    async with bot.db() as session:
        person = await session.get(Person, await person_id(bot, coach))
        assert person is not None and person.display_name == "Nicole Coach"
        renamed = await session.scalar(
            select(AuditEvent).where(AuditEvent.action == "person_renamed"))
        assert renamed is not None and "Nicole" not in str(renamed.details)


@LANGS
async def test_a_bad_name_is_asked_again_and_a_stale_cancel_does_nothing(
    bot: BotHarness, lang: str
) -> None:
    _, lead, coach, _ = await make_dyad(bot, lang=lang)
    message = await _open_person(lead, f"Cole Coach · {t(lang, 'role.coach')}")
    await lead.press(t(lang, "people.rename"), message)
    asked = await lead.expect_edit(message["message_id"],
                                   t(lang, "people.ask_name", name="Cole Coach"))
    cancel = asked["buttons"][0][0]["data"]

    await lead.send("x" * 201)
    await lead.expect(t(lang, "lead.bad_name", limit=200))
    await lead.send("Colette")
    await lead.expect(t(lang, "people.renamed", old="Cole Coach", new="Colette"))
    pressed = await lead.press_data(message["message_id"], cancel)

    assert await callback_answer(bot, pressed) == t(lang, "lead.step_over")
    async with bot.db() as session:
        person = await session.get(Person, await person_id(bot, coach))
        assert person is not None and person.display_name == "Colette"


async def _second_coach(bot: BotHarness, program_id: int, lang: str) -> SimulatedUser:
    dana = await bot.user("Dana", lang)
    await claim(bot, dana, (await bot.invite(program_id, Role.COACH, "Dana Coach")).token)
    return dana


async def _checkins_sent(bot: BotHarness) -> None:
    async def sent() -> bool:
        async with bot.db() as session:
            states = list(await session.scalars(
                select(Prompt.state).where(Prompt.kind == PromptKind.CHECKIN)))
        return len(states) == 2 and all(s == PromptState.SENT for s in states)

    await eventually(sent, "both check-ins to be sent")


@LANGS
async def test_a_coachee_moves_to_another_coach(bot: BotHarness, lang: str) -> None:
    program_id, lead, coach, coachee = await make_dyad(bot, lang=lang)
    dana = await _second_coach(bot, program_id, lang)
    await log_session(coach)
    await _checkins_sent(bot)
    message = await _open_person(lead, f"Cam Coachee · {t(lang, 'role.coachee')}")
    await lead.press(t(lang, "people.change_coach"), message)
    await lead.expect_edit(message["message_id"],
                           t(lang, "people.ask_coach", name="Cam Coachee", coach="Cole Coach"))
    await lead.press("Dana Coach", message)
    await lead.expect_edit(message["message_id"], t(
        lang, "people.move_confirm", name="Cam Coachee", old="Cole Coach", new="Dana Coach"))

    await lead.press(t(lang, "people.move_yes"), message)

    await lead.expect_edit(message["message_id"], t(
        lang, "people.moved", name="Cam Coachee", old="Cole Coach", new="Dana Coach"))
    await coach.expect(t(lang, "repair.notice_old_coach", coachee="Cam Coachee"))
    await dana.expect(t(lang, "repair.notice_new_coach", coachee="Cam Coachee"))
    await coachee.expect(t(lang, "repair.notice_coachee", coach="Dana Coach"))
    async with bot.db() as session:
        dyads = list(await session.scalars(select(Dyad).order_by(Dyad.id)))
        assert [(d.coach_id, d.active) for d in dyads] == [
            (await person_id(bot, coach), False), (await person_id(bot, dana), True)]
        prompts = {p.kind: p for p in await session.scalars(select(Prompt))}
        checkins = list(await session.scalars(
            select(Prompt.state).where(Prompt.kind == PromptKind.CHECKIN)))
        assert checkins == [PromptState.CANCELLED] * 2
        assert prompts[PromptKind.BASELINE_SE].dyad_id == dyads[1].id
        moved = await session.scalar(
            select(AuditEvent).where(AuditEvent.action == "coachee_repaired"))
        assert moved is not None and moved.details["closed_prompts"] == 2
    await log_session(dana)
    await eventually(_dana_has_a_checkin(bot, await person_id(bot, dana)),
                     "the new pair's check-in")


def _dana_has_a_checkin(bot: BotHarness, dana_id: int):  # type: ignore[no-untyped-def]
    async def check() -> bool:
        async with bot.db() as session:
            found = await session.scalar(select(Prompt.id).where(
                Prompt.kind == PromptKind.CHECKIN, Prompt.recipient_id == dana_id))
        return found is not None

    return check


@LANGS
async def test_moving_twice_and_moving_by_others_are_refused(bot: BotHarness, lang: str) -> None:
    program_id, lead, coach, coachee = await make_dyad(bot, lang=lang)
    dana_user = await _second_coach(bot, program_id, lang)
    cam = await person_id(bot, coachee)
    async with bot.db() as session:
        dana = await session.scalar(select(Person.id).where(Person.display_name == "Dana Coach"))
    message = (await lead.messages())[-1]
    first = await lead.press_data(message["message_id"], f"pp:y:{cam}:{dana}:{program_id}")
    await callback_answer(bot, first)
    await coachee.expect(t(lang, "repair.notice_coachee", coach="Dana Coach"))
    await coach.expect(t(lang, "repair.notice_old_coach", coachee="Cam Coachee"))
    await dana_user.expect(t(lang, "repair.notice_new_coach", coachee="Cam Coachee"))
    async with bot.db() as session:
        before = await snapshot(session)

    again = await lead.press_data(message["message_id"], f"pp:y:{cam}:{dana}:{program_id}")
    assert await callback_answer(bot, again) == t(lang, "lead.same_coach")
    by_coach = await coach.press_data((await coach.messages())[0]["message_id"],
                                      f"pp:y:{cam}:{await person_id(bot, coach)}:{program_id}")
    assert await callback_answer(bot, by_coach) == t(lang, "lead.not_lead")
    await coach.send("/people")
    await coach.expect(t(lang, "lead.not_lead"))
    async with bot.db() as session:
        assert await snapshot(session) == before
