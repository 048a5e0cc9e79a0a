"""Sessions in Telegram after `/session`: `/schedule` with a button picker, and the coach's
answers to "did it take place?" and "please confirm" (a session the coachee reported).

The picker keeps no state between taps: each button carries the choices made so far, and the
last tap checks them all again (own dyad, a slot still offered) before anything is stored.
"""

from __future__ import annotations

import logging
from typing import cast

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.models import Dyad, Person, Program
from alliance.questionnaires.checkins import PromptRefused, Refusal
from alliance.sessions.records import (
    DyadView,
    Outcome,
    confirm_reported_session,
    dyads_coached_by,
    dyads_of_coachee,
    record_session_outcome,
    schedule_session,
)
from alliance.sessions.slots import (
    decode_day,
    decode_slot,
    is_offered,
    picker_days,
    picker_slots,
    to_utc,
)
from alliance.sessions.waits import tell_coachee
from bot.callback_data import (
    CONFIRM,
    OUTCOME,
    PICK_CANCEL,
    PICK_DAY,
    PICK_DURATION,
    PICK_DYAD,
    PICK_TIME,
    pressed,
)
from bot.handlers.checkins import refuse
from bot.handlers.common import PRIVATE, dispatch_soon
from bot.handlers.outcome_now import show_outcome_now
from bot.handlers.session_common import name_of, own_dyad, show, usable
from bot.handlers.session_logged import logged_text
from bot.local_times import format_day, format_moment, format_time
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import day_keyboard, duration_keyboard, partner_keyboard, time_keyboard

log = logging.getLogger(__name__)


async def _dyad_view(turn: Turn, dyad_id: int) -> DyadView:
    """The dyad seen by its coach, whatever the program's state (answers to earlier prompts)."""
    dyad = await turn.db.get(Dyad, dyad_id)
    assert dyad is not None
    program = await turn.db.get(Program, dyad.program_id)
    coachee = await turn.db.get(Person, dyad.coachee_id)
    assert program is not None and coachee is not None
    return DyadView(dyad, program, coachee)


# -- answers to the session prompts -----------------------------------------------------------


@transactional
async def confirm_pressed(update: Update, context: Context, turn: Turn) -> None:
    """The coach confirms (check-ins for both) or denies a session the coachee reported."""
    prompt_text, answer = pressed(context)
    prompt_id = int(prompt_text)
    if turn.person is None:
        turn.outbox.answer(turn.t("error.not_enrolled"))
        return
    try:
        reported = await confirm_reported_session(
            turn.db,
            prompt_id=prompt_id,
            person_id=turn.person.id,
            confirmed=answer == "y",
            now=turn.now,
        )
    except PromptRefused as refused:
        refuse(turn, refused.reason)
        return
    dyad = await turn.db.get(Dyad, reported.dyad_id)
    if answer == "y":
        view = await _dyad_view(turn, reported.dyad_id)
        turn.outbox.edit(logged_text(turn, reported.sequence, view, name_of(turn, view.partner)))
        dispatch_soon(turn, context)
        return
    turn.outbox.edit(turn.t("session.not_confirmed"))
    if dyad is not None:
        await tell_coachee(turn.db, coaching_session=reported, dyad=dyad,
                           text="session.coachee_not_confirmed", now=turn.now)


@transactional
async def outcome_pressed(update: Update, context: Context, turn: Turn) -> None:
    """Held → check-ins; cancelled → noted; moved → the picker for the new slot."""
    prompt_text, chosen = pressed(context)
    prompt_id, outcome = int(prompt_text), cast(Outcome, chosen)
    if turn.person is None:
        turn.outbox.answer(turn.t("error.not_enrolled"))
        return
    try:
        planned = await record_session_outcome(
            turn.db,
            prompt_id=prompt_id,
            person_id=turn.person.id,
            outcome=outcome,
            now=turn.now,
        )
    except PromptRefused as refused:
        refuse(turn, refused.reason)
        if refused.reason in (Refusal.ANSWERED, Refusal.CLOSED):  # show where it stands now
            await show_outcome_now(turn, prompt_id)
        return
    view = await _dyad_view(turn, planned.dyad_id)
    coachee, timezone = name_of(turn, view.partner), view.program.timezone
    when = format_moment(turn.lang, planned.scheduled_start or turn.now, timezone)
    if outcome == "held":
        turn.outbox.edit(logged_text(turn, planned.sequence, view, coachee))
        dispatch_soon(turn, context)
        return
    if planned.coachee_reported_at is not None:  # they said it took place: not left waiting
        await tell_coachee(turn.db, coaching_session=planned, dyad=view.dyad,
                           text="session.coachee_planned_not_held", now=turn.now)
    if outcome == "cancelled":
        turn.outbox.edit(turn.t("session.outcome_cancelled", when=when, coachee=coachee))
    else:
        turn.outbox.edit(
            turn.t("schedule.moved_pick_day", when=when, timezone=timezone),
            day_keyboard(turn.lang, planned.dyad_id, picker_days(turn.now, timezone)),
        )


# -- /schedule and its picker -----------------------------------------------------------------


def _day_picker(turn: Turn, view: DyadView, edit: bool, key: str = "schedule.pick_day") -> None:
    timezone = view.program.timezone
    show(
        turn,
        edit,
        turn.t(key, coachee=name_of(turn, view.partner), timezone=timezone),
        day_keyboard(turn.lang, view.dyad.id, picker_days(turn.now, timezone)),
    )


@transactional
async def schedule_command(update: Update, context: Context, turn: Turn) -> None:
    if not usable(turn):
        return
    assert turn.person is not None
    coached = await dyads_coached_by(turn.db, turn.person.id)
    if len(coached) == 1:
        _day_picker(turn, coached[0], edit=False)
    elif coached:
        choices = [(v.dyad.id, name_of(turn, v.partner)) for v in coached]
        turn.say("schedule.pick_coachee", partner_keyboard("pc", choices))
    elif await dyads_of_coachee(turn.db, turn.person.id):
        turn.say("schedule.only_coaches")
    else:
        turn.say("session.no_dyads")


@transactional
async def dyad_picked(update: Update, context: Context, turn: Turn) -> None:
    if usable(turn) and (view := await own_dyad(turn, int(pressed(context)[0]))):
        _day_picker(turn, view, edit=True)


@transactional
async def day_picked(update: Update, context: Context, turn: Turn) -> None:
    dyad_id, day_text = pressed(context)
    if not usable(turn) or not (view := await own_dyad(turn, int(dyad_id))):
        return
    timezone = view.program.timezone
    day = decode_day(day_text)
    slots = picker_slots(day, turn.now, timezone) if day else []
    if day is None or day not in picker_days(turn.now, timezone) or not slots:
        _day_picker(turn, view, edit=True, key="schedule.past")
        return
    turn.outbox.edit(
        turn.t(
            "schedule.pick_time",
            coachee=name_of(turn, view.partner),
            day=format_day(turn.lang, day),
            timezone=timezone,
        ),
        time_keyboard(turn.lang, view.dyad.id, day, slots),
    )


@transactional
async def time_picked(update: Update, context: Context, turn: Turn) -> None:
    dyad_id, day_text, slot_text = pressed(context)
    if not usable(turn) or not (view := await own_dyad(turn, int(dyad_id))):
        return
    day, slot = decode_day(day_text), decode_slot(slot_text)
    timezone = view.program.timezone
    if day is None or slot is None or not is_offered(day, slot, 60, turn.now, timezone):
        _day_picker(turn, view, edit=True, key="schedule.past")
        return
    turn.outbox.edit(
        turn.t(
            "schedule.pick_duration",
            coachee=name_of(turn, view.partner),
            day=format_day(turn.lang, day),
            time=slot.strftime("%H:%M"),
        ),
        duration_keyboard(turn.lang, view.dyad.id, day, slot),
    )


@transactional
async def duration_picked(update: Update, context: Context, turn: Turn) -> None:
    """The last tap: every earlier choice is checked again, then the session is stored."""
    dyad_id, day_text, slot_text, minutes_text = pressed(context)
    if not usable(turn) or not (view := await own_dyad(turn, int(dyad_id))):
        return
    assert turn.person is not None
    day, slot, minutes = decode_day(day_text), decode_slot(slot_text), int(minutes_text)
    timezone = view.program.timezone
    if day is None or slot is None or not is_offered(day, slot, minutes, turn.now, timezone):
        _day_picker(turn, view, edit=True, key="schedule.past")
        return
    planned = await schedule_session(
        turn.db,
        view=view,
        start=to_utc(day, slot, timezone),
        duration_minutes=minutes,
        actor_id=turn.person.id,
        now=turn.now,
    )
    assert planned.scheduled_start is not None and planned.scheduled_end is not None
    turn.outbox.edit(
        turn.t(
            "schedule.done",
            coachee=name_of(turn, view.partner),
            when=format_moment(turn.lang, planned.scheduled_start, timezone),
            end=format_time(planned.scheduled_end, timezone),
            timezone=timezone,
        )
    )
    log.info("session %s scheduled for dyad %s", planned.id, view.dyad.id)


@transactional
async def picker_cancelled(update: Update, context: Context, turn: Turn) -> None:
    turn.outbox.edit(turn.t("schedule.cancelled"))


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("schedule", schedule_command, filters=PRIVATE))
    for pattern, callback in (
        (CONFIRM, confirm_pressed),
        (OUTCOME, outcome_pressed),
        (PICK_DYAD, dyad_picked),
        (PICK_DAY, day_picked),
        (PICK_TIME, time_picked),
        (PICK_DURATION, duration_picked),
        (PICK_CANCEL, picker_cancelled),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
