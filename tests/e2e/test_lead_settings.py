"""/settings: a lead changes reminder delay, expiry, quiet hours and modules with buttons."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.core.models import AuditEvent, Membership, Program, Role
from bot.texts import t
from tests.e2e.dyads import callback_answer, claim
from tests.e2e.harness import BotHarness
from tests.e2e.leads import labels, person_id, program_with_lead
from tests.e2e.world import snapshot

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])


async def _program(bot: BotHarness, program_id: int) -> Program:
    async with bot.db() as session:
        program = await session.get(Program, program_id)
    assert program is not None
    return program


@LANGS
async def test_the_settings_show_what_the_program_is_set_to(bot: BotHarness, lang: str) -> None:
    _, lead = await program_with_lead(bot, lang)

    await lead.send("/settings")

    message = await lead.expect(t(lang, "settings.view", program="Leaders 2027",
                                  reminder="24 h", expiry="72 h", quiet="21:00–08:00",
                                  modules="").split("\n")[0])
    for line in ("24 h", "72 h", "21:00–08:00",
                 t(lang, "settings.module_line", module=t(lang, "settings.module.mood"),
                   state=t(lang, "settings.off"))):
        assert line in message["text"]
    assert t(lang, "settings.button.turn_on", module=t(lang, "settings.module.mood")) in \
        labels(message)


@LANGS
async def test_a_lead_changes_each_setting_and_is_told_what_changed(
    bot: BotHarness, lang: str
) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    await lead.send("/settings")
    view = await lead.message_with_button(t(lang, "settings.button.reminder"))

    await lead.press(t(lang, "settings.button.reminder"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.ask_reminder", current="24 h"))
    await lead.press("12 h", view)
    await lead.expect_edit(view["message_id"],
                           t(lang, "settings.changed_reminder", now="12 h", was="24 h"))
    await lead.press(t(lang, "settings.button.expiry"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.ask_expiry", current="72 h"))
    await lead.press("48 h", view)
    await lead.expect_edit(view["message_id"],
                           t(lang, "settings.changed_expiry", now="48 h", was="72 h"))
    await lead.press(t(lang, "settings.button.quiet"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.ask_quiet",
                                                 current="21:00–08:00"))
    await lead.press(t(lang, "settings.quiet_none"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.changed_quiet",
                                                 now=t(lang, "settings.quiet_none"),
                                                 was="21:00–08:00"))
    mood = t(lang, "settings.module.mood")
    await lead.press(t(lang, "settings.button.turn_on", module=mood), view)
    done = await lead.expect_edit(view["message_id"], t(lang, "settings.changed_module",
                                                        module=mood, now=t(lang, "settings.on")))

    assert t(lang, "settings.button.turn_off", module=mood) in labels(done)
    program = await _program(bot, program_id)
    assert (program.reminder_delay_minutes, program.expiry_minutes) == (12 * 60, 48 * 60)
    assert (program.quiet_start_hour, program.quiet_end_hour) == (0, 0)
    assert program.modules.get("mood") is True
    async with bot.db() as session:
        audited = list(await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "program_configured")
            .order_by(AuditEvent.id)))
    assert [a.details["changed"] for a in audited] == [
        ["reminder_hours"], ["expiry_hours"], ["quiet_hours"], ["modules"]]
    await lead.press(t(lang, "settings.button.done"), view)
    closed = await lead.expect_edit(view["message_id"], lambda m: not m["buttons"])
    assert "12 h" in closed["text"]


@LANGS
async def test_a_reminder_after_the_closing_is_refused_and_changes_nothing(
    bot: BotHarness, lang: str
) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    await lead.send("/settings")
    view = await lead.message_with_button(t(lang, "settings.button.expiry"))
    await lead.press(t(lang, "settings.button.expiry"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.ask_expiry", current="72 h"))
    await lead.press("48 h", view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.changed_expiry",
                                                 now="48 h", was="72 h"))
    await lead.press(t(lang, "settings.button.reminder"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.ask_reminder", current="24 h"))
    async with bot.db() as session:
        before = await snapshot(session)

    pressed = await lead.press("48 h", view)

    assert await callback_answer(bot, pressed) == t(
        lang, "settings.reminder_before_expiry", reminder="48 h", expiry="48 h")
    async with bot.db() as session:
        assert await snapshot(session) == before
    forged = await lead.press_data(view["message_id"], f"set:rh:{program_id}:1")
    assert await callback_answer(bot, forged) == t(lang, "fallback.button_toast")
    assert (await _program(bot, program_id)).reminder_delay_minutes == 24 * 60


@LANGS
async def test_only_the_programs_lead_may_change_settings(bot: BotHarness, lang: str) -> None:
    program_id, _ = await program_with_lead(bot, lang)
    coach = await bot.user("Cole", lang)
    await claim(bot, coach, (await bot.invite(program_id, Role.COACH, "Cole")).token)
    other = await bot.program("Someone else's")
    async with bot.db() as session:
        before = await snapshot(session)

    await coach.send("/settings")
    refusal = await coach.expect(t(lang, "lead.not_lead"))
    for data in (f"set:rh:{program_id}:12", f"set:m:{program_id}:mood", f"set:r:{program_id}",
                 f"set:qh:{other}:22-7"):
        pressed = await coach.press_data(refusal["message_id"], data)
        assert await callback_answer(bot, pressed) == t(lang, "lead.not_lead"), data
    async with bot.db() as session:
        assert await snapshot(session) == before


@LANGS
async def test_a_lead_of_two_programs_picks_one_first(bot: BotHarness, lang: str) -> None:
    _, lead = await program_with_lead(bot, lang)
    second = await bot.program("Summit 2027")
    async with bot.db() as session:
        session.add(Membership(person_id=await person_id(bot, lead), program_id=second,
                               role=Role.LEAD))
    for command in ("/settings", "/invites", "/people"):
        await lead.send(command)
        picker = await lead.expect(t(lang, "lead.pick_program"))
        assert labels(picker) == ["Leaders 2027", "Summit 2027", t(lang, "button.cancel")]
        await lead.press("Summit 2027", picker)
        await lead.expect_edit(picker["message_id"], "Summit 2027")


@LANGS
async def test_a_typed_value_is_validated_then_applied(bot: BotHarness, lang: str) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    await lead.send("/settings")
    view = await lead.message_with_button(t(lang, "settings.button.reminder"))
    await lead.press(t(lang, "settings.button.reminder"), view)
    await lead.expect_edit(view["message_id"], t(lang, "settings.ask_reminder", current="24 h"))
    await lead.press(t(lang, "settings.button.typed"), view)
    asked = await lead.expect_edit(view["message_id"], t(lang, "settings.type_r"))
    cancel = asked["buttons"][0][0]["data"]

    await lead.send("soon")
    await lead.expect(t(lang, "settings.bad_r"))
    await lead.send("0.1")
    await lead.expect(t(lang, "settings.bad_hours", minimum="0,25 h" if lang == "fr" else
                        "0.25 h"))
    await lead.send("1,5")
    shown = "1,5 h" if lang == "fr" else "1.5 h"
    await lead.expect(t(lang, "settings.changed_reminder", now=shown, was="24 h"))

    assert (await _program(bot, program_id)).reminder_delay_minutes == 90
    pressed = await lead.press_data(view["message_id"], cancel)
    assert await callback_answer(bot, pressed) == t(lang, "lead.step_over")
    settings = await lead.message_with_button(t(lang, "settings.button.quiet"))
    await lead.press(t(lang, "settings.button.quiet"), settings)
    await lead.expect_edit(settings["message_id"], t(lang, "settings.ask_quiet",
                                                     current="21:00–08:00"))
    await lead.press(t(lang, "settings.button.typed"), settings)
    await lead.expect_edit(settings["message_id"], t(lang, "settings.type_q"))
    await lead.send("25-7")
    await lead.expect(t(lang, "settings.bad_q"))
    await lead.send("22 – 6")
    await lead.expect(t(lang, "settings.changed_quiet", now="22:00–06:00", was="21:00–08:00"))
    program = await _program(bot, program_id)
    assert (program.quiet_start_hour, program.quiet_end_hour) == (22, 6)
