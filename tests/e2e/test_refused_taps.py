"""A tap that cannot act answers with a short toast: no new chat message, no edit of the message.

Each case presses a button the person may no longer (or never could) use, then sends /help: the
chat is handled in order, so once /help is answered everything the tap caused has been sent.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.core.models import Dyad
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.dyads import callback_answer
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad
from tests.e2e.world import fresh_message, literal

LANGS = ["en", "fr"]


async def _toast_only(bot: BotHarness, user: SimulatedUser, data: str, stranger: bool) -> str:
    """Press `data` on a fresh message; return the toast once nothing else came of the tap."""
    message_id = await fresh_message(user, stranger)
    pressed = await user.press_data(message_id, data)
    toast = await callback_answer(bot, pressed)
    last = await fresh_message(user, stranger)
    after = [m for m in await user.messages() if m["message_id"] >= message_id]
    assert [m["message_id"] for m in after] == [message_id, last], f"{data}: a chat message"
    assert after[0]["edits"] == 0, f"{data}: the pressed message was edited"
    return toast


@pytest.mark.parametrize("lang", LANGS)
async def test_a_strangers_taps_are_toasts(bot: BotHarness, lang: str) -> None:
    stranger = await bot.user("Sam", lang)

    for data, key in (("lang:fr", "language.stranger"), ("forget:yes", "error.not_enrolled"),
                      ("gone:1", "error.not_enrolled"), ("rp:1", "lead.not_lead"),
                      ("ss:1", "error.not_enrolled")):
        assert await _toast_only(bot, stranger, data, stranger=True) == t(lang, key), data


@pytest.mark.parametrize("lang", LANGS)
async def test_a_leads_stale_or_forged_program_buttons_are_toasts(
    bot: BotHarness, lang: str
) -> None:
    _, lead, _, _ = await make_dyad(bot, lang=lang)

    for data in ("rp:999999", "pick:st:999999", "inv:r:coach:999999", "cl:y:999999"):
        assert await _toast_only(bot, lead, data, stranger=False) == t(lang, "lead.not_lead")
    for data in ("inv:c:abcdef:1", "lx:abcdef", "np:d:abcdef"):
        assert await _toast_only(bot, lead, data, stranger=False) == t(lang, "lead.step_over")
    for data, key in (("iv:s:999999", "fallback.button_toast"),
                      ("set:rh:999999:12", "lead.not_lead"), ("pp:y:1:2:999999", "lead.not_lead")):
        assert await _toast_only(bot, lead, data, stranger=False) == t(lang, key), data


@pytest.mark.parametrize("lang", LANGS)
async def test_a_paused_coachs_session_buttons_are_toasts(bot: BotHarness, lang: str) -> None:
    program_id, _, coach, _ = await make_dyad(bot, lang=lang)
    async with bot.db() as session:
        dyad_id = await session.scalar(select(Dyad.id).where(Dyad.program_id == program_id))
    await coach.send("/pause")
    await coach.expect(literal(lang, "privacy.paused"))

    for data in (f"ss:{dyad_id}", f"pc:{dyad_id}"):
        assert await _toast_only(bot, coach, data, stranger=False) == t(lang, "error.paused")
