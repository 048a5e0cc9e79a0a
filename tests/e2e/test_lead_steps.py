"""Lead flows end cleanly: a step that is over loses its buttons and a stale tap only gets a
toast; pickers have Cancel; a lead joins on a lead's terms, not the participant consent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from alliance.core.models import Membership, Program, Role
from alliance.delivery.queue_model import OutboundMessage
from bot.texts import t
from tests.e2e.dyads import callback_answer
from tests.e2e.harness import BotHarness
from tests.e2e.leads import person_id, program_with_lead, shown

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])


async def _programs(bot: BotHarness) -> int:
    async with bot.db() as session:
        return int(await session.scalar(select(func.count(Program.id))) or 0)


@LANGS
async def test_earlier_steps_of_newprogram_cannot_act_once_it_is_created(
    bot: BotHarness, lang: str
) -> None:
    _, lead = await program_with_lead(bot, lang)
    await lead.send("/newprogram")
    named = await lead.expect(t(lang, "lead.ask_program_name"))
    old_cancel = named["buttons"][0][0]["data"]
    await lead.send("Summit 2027")
    zones = await lead.message_with_button("America/Toronto")
    await lead.press("America/Toronto", zones)
    await lead.expect_edit(zones["message_id"], t(lang, "lead.ask_dates"))
    await lead.press(t(lang, "lead.dates_default"), zones)
    created = await lead.expect_edit(zones["message_id"], "Summit 2027")

    assert t(lang, "lead.what_a_lead_sees") in created["text"] and not created["buttons"]
    assert not (await shown(lead, named))["buttons"]
    pressed = await lead.press_data(named["message_id"], old_cancel)
    assert await callback_answer(bot, pressed) == t(lang, "lead.step_over")
    assert (await shown(lead, named))["text"] == named["text"]
    assert await _programs(bot) == 2


@LANGS
async def test_typed_steps_take_the_buttons_off_the_question_before(
    bot: BotHarness, lang: str
) -> None:
    _, lead = await program_with_lead(bot, lang)
    await lead.send("/newprogram")
    await lead.expect(t(lang, "lead.ask_program_name"))
    await lead.send("Prairie cohort")
    zones = await lead.message_with_button("America/Toronto")
    zone_data = zones["buttons"][0][0]["data"]
    await lead.send("America/Regina")
    dates = await lead.expect(t(lang, "lead.ask_dates"))
    await lead.send("2027-02-01 2027-09-30")
    await lead.expect("(America/Regina, 2027-02-01 → 2027-09-30)")

    assert not (await shown(lead, zones))["buttons"]
    assert not (await shown(lead, dates))["buttons"]
    pressed = await lead.press_data(zones["message_id"], zone_data)
    assert await callback_answer(bot, pressed) == t(lang, "lead.step_over")
    assert await _programs(bot) == 2


@LANGS
async def test_a_cancel_of_a_previous_run_does_not_cancel_the_next(
    bot: BotHarness, lang: str
) -> None:
    _, lead = await program_with_lead(bot, lang)
    await lead.send("/newprogram")
    first = await lead.expect(t(lang, "lead.ask_program_name"))
    await lead.send("/newprogram")
    second = await lead.expect(t(lang, "lead.ask_program_name"))

    pressed = await lead.press_data(first["message_id"], first["buttons"][0][0]["data"])
    assert await callback_answer(bot, pressed) == t(lang, "lead.step_over")
    await lead.press(t(lang, "button.cancel"), second)
    await lead.expect_edit(second["message_id"], t(lang, "lead.cancelled"))
    await lead.send("Nothing")
    assert await _programs(bot) == 1


@LANGS
async def test_a_lead_is_asked_on_a_leads_terms(bot: BotHarness, lang: str) -> None:
    program_id = await bot.program()
    lead = await bot.user("Lea", lang)
    await lead.send(f"/start {(await bot.invite(program_id, Role.LEAD, 'Lea Lead')).token}")

    consent = await lead.message_with_button(t(lang, "enrol.agree"))

    assert t(lang, "enrol.lead_terms") in consent["text"]
    assert t(lang, "enrol.consent_terms") not in consent["text"]
    await lead.press(t(lang, "enrol.agree"), consent)
    await lead.expect(t(lang, "enrol.welcome_heading"))


@LANGS
async def test_the_report_picker_has_cancel(bot: BotHarness, lang: str) -> None:
    first, lead = await program_with_lead(bot, lang)
    second = await bot.program("Summit 2027")
    async with bot.db() as session:
        session.add(Membership(person_id=await person_id(bot, lead), program_id=second,
                               role=Role.LEAD))
    await lead.send("/report")
    picker = await lead.expect(t(lang, "report.pick_program"))

    await lead.press(t(lang, "button.cancel"), picker)

    await lead.expect_edit(picker["message_id"], t(lang, "lead.cancelled"))
    async with bot.db() as session:
        assert await session.scalar(select(func.count(OutboundMessage.id)).where(
            OutboundMessage.program_id.in_((first, second)))) == 0
