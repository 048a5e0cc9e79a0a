"""`/session`: a coach logs the session that just ended, a coachee reports one.

Logging starts both check-ins at once, so it is asked before it is done ("a session with Alice
that just ended?") and can be taken back for a while after (Undo, `alliance.sessions.undo`). A
second log soon after the first asks whether it really is another session. With several
coachees the coach picks one; that choice is the confirmation.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.models import Person
from alliance.sessions.records import (
    DyadView,
    SessionRefused,
    dyads_coached_by,
    dyads_of_coachee,
    latest_held_session,
    log_session_by_coach,
    recent_held_session,
)
from alliance.sessions.undo import UNDO_WINDOW, undo_logged_session, undoable
from bot.callback_data import (
    LOG_ANOTHER,
    LOG_CONFIRMED,
    LOG_FOR,
    LOG_NOT_ANOTHER,
    LOG_UNDO,
    pressed,
)
from bot.handlers.common import PRIVATE, dispatch_soon
from bot.handlers.session_common import name_of, own_dyad, show, usable
from bot.handlers.session_logged import logged_text
from bot.handlers.session_reports import report
from bot.local_times import local_time, person_zone
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons, partner_keyboard

UNDO_MINUTES = int(UNDO_WINDOW.total_seconds() // 60)


@transactional
async def session_command(update: Update, context: Context, turn: Turn) -> None:
    """A coach confirms the session that just ended; a coachee reports one for the coach."""
    if not usable(turn):
        return
    assert turn.person is not None
    coached = await dyads_coached_by(turn.db, turn.person.id)
    if len(coached) == 1:
        await _ask(turn, coached[0])
    elif coached:
        choices = [(v.dyad.id, name_of(turn, v.partner)) for v in coached]
        turn.say("session.pick_coachee", partner_keyboard("ss", choices))
    elif own := await dyads_of_coachee(turn.db, turn.person.id):
        await report(turn, context, own[0])
    else:
        turn.say("session.no_dyads")


async def _ask(turn: Turn, view: DyadView) -> None:
    """ "A session with … that just ended?", unless one was just logged (then: another one?)."""
    if await _asked_if_another(turn, view, edit=False):
        return
    turn.say("session.confirm_log", buttons([
        [(turn.t("session.button.log_yes"), f"sy:{view.dyad.id}")],
        [(turn.t("button.cancel"), "sx")],
    ]), coachee=name_of(turn, view.partner))


async def _asked_if_another(turn: Turn, view: DyadView, *, edit: bool) -> bool:
    recent = await recent_held_session(turn.db, view.dyad.id, turn.now)
    if recent is None:
        return False
    assert turn.person is not None
    when = local_time(turn.lang, recent.held_at or turn.now, person_zone(turn.person, view.program))
    show(turn, edit, turn.t("session.duplicate", coachee=name_of(turn, view.partner), time=when),
         buttons([
             [(turn.t("session.button.another"), f"sl:{view.dyad.id}:{recent.id}")],
             [(turn.t("session.button.already"), "sx")],
         ]))
    return True


async def _log(turn: Turn, context: Context, view: DyadView, *, force: bool = False) -> None:
    """Store the session (check-ins start) and offer Undo while it can still be undone."""
    if not force and await _asked_if_another(turn, view, edit=True):
        return
    assert turn.person is not None
    held = await log_session_by_coach(turn.db, view=view, actor_id=turn.person.id, now=turn.now)
    undo = (
        buttons([[(turn.t("session.button.undo"), f"su:{held.id}")]])
        if undoable(held, turn.person.id, turn.now) else None
    )
    turn.outbox.edit(logged_text(turn, held.sequence, view, name_of(turn, view.partner)), undo)
    dispatch_soon(turn, context)


@transactional
async def log_pressed(update: Update, context: Context, turn: Turn) -> None:
    """ "Yes, log it", or a coachee picked from the coach's list (that choice confirms)."""
    if usable(turn) and (view := await own_dyad(turn, int(pressed(context)[0]))):
        await _log(turn, context, view)


@transactional
async def log_another_pressed(update: Update, context: Context, turn: Turn) -> None:
    """ "Yes, another session": only if no other session was logged since the question."""
    dyad_id, asked_about = (int(g) for g in pressed(context))
    if not usable(turn) or not (view := await own_dyad(turn, dyad_id)):
        return
    latest = await latest_held_session(turn.db, dyad_id)
    if latest is None or latest.id != asked_about:
        turn.outbox.edit(turn.t("session.already_logged"))
        return
    await _log(turn, context, view, force=True)


@transactional
async def log_not_another_pressed(update: Update, context: Context, turn: Turn) -> None:
    turn.outbox.edit(turn.t("session.not_duplicated"))


@transactional
async def undo_pressed(update: Update, context: Context, turn: Turn) -> None:
    """Take back a session logged by mistake; a late or repeated tap gets a toast."""
    if not usable(turn):
        return
    assert turn.person is not None
    try:
        undone = await undo_logged_session(turn.db, session_id=int(pressed(context)[0]),
                                           coach_id=turn.person.id, now=turn.now)
    except SessionRefused as refused:
        if refused.reason == "not_yours":
            turn.refuse("prompt.refused.not_yours")
            return
        turn.refuse(f"session.{refused.reason}", minutes=UNDO_MINUTES)
        turn.outbox.remove_buttons()
        return
    coachee = await turn.db.get(Person, undone.dyad.coachee_id)
    turn.outbox.edit(turn.t("session.undone", coachee=name_of(turn, coachee)))
    dispatch_soon(turn, context)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("session", session_command, filters=PRIVATE))
    for pattern, callback in (
        (LOG_FOR, log_pressed),
        (LOG_CONFIRMED, log_pressed),
        (LOG_ANOTHER, log_another_pressed),
        (LOG_NOT_ANOTHER, log_not_another_pressed),
        (LOG_UNDO, undo_pressed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
