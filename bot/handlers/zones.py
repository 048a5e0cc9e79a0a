"""Each person's time zone: the question after consent, and `/timezone` to change it.

The buttons put the program's zone first, then the usual ones; "Other" waits for a typed city
or zone name, checked by `alliance.core.zones` before anything is stored. A name it does not know
gets a clear reply and changes nothing. Most people never tap: no choice means the program's.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.zones import MAX_TIMEZONE_LENGTH, UnknownTimeZone, timezone_named
from alliance.delivery.quiet_now import program_waiting_for
from alliance.enrolment.people import set_timezone, zone_of_person
from bot.conversation import await_text
from bot.handlers.common import PRIVATE
from bot.local_times import format_time, place_name, promised_at, zone_label, zone_rows
from bot.texts import t
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)

PREFIX = "tz:"
OTHER = "other"
TYPED = "timezone.typed"


def zone_keyboard(lang: str, program_zone: str) -> InlineKeyboardMarkup:
    """The program's zone first, the usual ones, and "Other" to type one."""
    rows = zone_rows(program_zone, PREFIX, label=lambda zone: place_name(lang, zone))
    return buttons([*rows, [(t(lang, "timezone.other"), PREFIX + OTHER)]])


def zone_question(lang: str, program_zone: str) -> tuple[str, InlineKeyboardMarkup]:
    """Asked once after consent; tapping nothing keeps the program's zone."""
    text = t(lang, "timezone.question", label=zone_label(lang, program_zone))
    return text, zone_keyboard(lang, program_zone)


async def _zone(turn: Turn) -> str:
    assert turn.person is not None
    return await zone_of_person(turn.db, turn.person, turn.services.settings.alliance_timezone)


@transactional
async def timezone_command(update: Update, context: Context, turn: Turn) -> None:
    """`/timezone` shows the zone and the buttons; `/timezone Paris` sets it at once."""
    if turn.person is None:
        turn.say("timezone.stranger")
        return
    if context.args:
        await _choose(turn, " ".join(context.args), typed=True)
        return
    zone = await _zone(turn)
    turn.say("timezone.current", zone_keyboard(turn.lang, zone),
             label=zone_label(turn.lang, zone), time=format_time(turn.now, zone))


@transactional
async def zone_pressed(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    if turn.person is None:
        turn.refuse("timezone.stranger")
        return
    choice = update.callback_query.data.removeprefix(PREFIX)
    if choice == OTHER:
        await await_text(turn, TYPED)
        turn.outbox.remove_buttons()
        turn.say("timezone.ask_typed")
        return
    await _choose(turn, choice, typed=False)


async def zone_typed(
    update: Update, context: Context, turn: Turn, state: dict[str, Any]
) -> None:
    assert update.effective_message and update.effective_message.text
    await _choose(turn, update.effective_message.text, typed=True)


async def _choose(turn: Turn, text: str, *, typed: bool) -> None:
    """Store the zone if it is one; otherwise say so, keep the old one and, for typed text,
    keep waiting for another try."""
    assert turn.person is not None
    try:
        zone = set_timezone(turn.db, turn.person, timezone_named(text))
    except UnknownTimeZone:
        if not typed:  # a forged or outdated button
            turn.refuse("fallback.button_toast")
            return
        await await_text(turn, TYPED)
        name = text.strip()
        shown = name if len(name) <= MAX_TIMEZONE_LENGTH else name[:MAX_TIMEZONE_LENGTH] + "…"
        current = await _zone(turn)
        turn.say("timezone.unknown", name=shown, label=zone_label(turn.lang, current))
        return
    done = turn.t("timezone.done", label=zone_label(turn.lang, zone),
                  time=format_time(turn.now, zone))
    waiting = await program_waiting_for(turn.db, turn.person.id, turn.now)
    later = waiting and promised_at(turn.lang, turn.now, turn.person, waiting)
    if later:
        done += " " + turn.t("timezone.waiting", when=later)
    if typed:
        turn.outbox.reply(done)
    else:
        turn.outbox.edit(done)
    log.info("person %s chose a time zone", turn.person.id)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("timezone", timezone_command, filters=PRIVATE))
    application.add_handler(
        CallbackQueryHandler(zone_pressed, pattern=rf"^{PREFIX}[A-Za-z0-9_/+-]{{1,64}}$")
    )
