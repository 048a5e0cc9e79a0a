"""Input the bot did not ask for, or cannot place, gets a clear answer and changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from alliance.core.models import AuditEvent, Person, PersonState, ProcessedUpdate, Program
from tests.e2e.dyads import callback_answer, count
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad

LONG_ZONE = "A" * 1024


async def test_newprogram_refuses_a_1024_character_time_zone_and_asks_again(
    bot: BotHarness,
) -> None:
    _, lead, _, _ = await make_dyad(bot)
    await lead.send("/newprogram")
    await lead.expect("What is the new program called")
    await lead.send("Prairie cohort")

    await lead.send(LONG_ZONE)
    await lead.expect("I don't know that time zone")
    await lead.send("America/Regina")
    await lead.expect("When does it run?")
    await lead.send("2027-02-01 2027-09-30")

    await lead.expect("(America/Regina, 2027-02-01 → 2027-09-30)")
    async with bot.db() as session:
        zones = set(await session.scalars(select(Program.timezone)))
    assert LONG_ZONE not in zones


# Data every button handler would act on, as a real keyboard would carry it.
LIVE_BUTTONS = ("forget:yes", "lang:fr", "np:tz:abcdef:UTC", "rp:1", "enrol:yes:" + "A" * 32,
                "a:1:goal:7", "nonsense")


async def test_a_button_on_an_inline_message_is_refused_with_a_toast(bot: BotHarness) -> None:
    _, lead, _, coachee = await make_dyad(bot)
    await coachee.expect("Leadership confidence")  # the baseline, sent on enrolment
    before = await coachee.messages()
    events_before = await count(bot, AuditEvent)
    updates_before = await count(bot, ProcessedUpdate)

    for user, data in ((user, data) for user in (coachee, lead) for data in LIVE_BUTTONS):
        pressed = await bot.client.press_inline(user.id, "AgAAAB2xAQBkcXk", data)
        assert await callback_answer(bot, pressed) == (
            "This button only works in our private chat."
        )

    assert await coachee.messages() == before
    assert await count(bot, AuditEvent) == events_before
    assert await count(bot, ProcessedUpdate) == updates_before
    async with bot.db() as session:
        person = await session.scalar(select(Person).where(Person.telegram_user_id == coachee.id))
        assert person is not None and person.state == PersonState.ACTIVE
        assert person.language == "en"
