"""A coachee's `/session`: "we just had a session", answered with what is true right now.

The reply promises a check-in only when one is on its way (and says when, if it waits for the
coachee's quiet hours): the coach is being asked (a report
to confirm, or a scheduled session's "did it take place?"), or the check-in of a session the
coach just logged is still open. Otherwise it says what happened to it.
"""

from __future__ import annotations

from alliance.core.models import Person, SessionStatus
from alliance.sessions.records import (
    DyadView,
    SessionRefused,
    recent_held_session,
    report_session_by_coachee,
)
from alliance.sessions.waits import checkin_state
from bot.handlers.common import dispatch_soon
from bot.local_times import local_moment, local_time, person_zone, promised_at
from bot.turn import Turn
from bot.types import Context

RECENT_TEXTS = {
    "open": "session.recently_logged",
    "answered": "session.recently_logged_answered",
    "closed": "session.recently_logged_closed",
}


def coach_name(turn: Turn, coach: Person) -> str:
    return coach.display_name or turn.t("session.your_coach")


async def report(turn: Turn, context: Context, view: DyadView) -> None:
    """Report a session for the coach to confirm, or say why none is needed."""
    assert turn.person is not None
    coach, zone = coach_name(turn, view.partner), person_zone(turn.person, view.program)
    try:
        reported = await report_session_by_coachee(
            turn.db, view=view, coachee_id=turn.person.id, now=turn.now
        )
    except SessionRefused as refused:
        if refused.reason == "recently_logged":
            await _recently_logged(turn, view, coach)
        else:
            turn.say("session.awaiting", coach=coach)
        return
    if reported.status == SessionStatus.SCHEDULED:
        assert reported.scheduled_start is not None
        when = local_moment(turn.lang, reported.scheduled_start, zone)
        turn.say("session.awaiting_outcome", coach=coach, when=when)
        return
    asked_at = promised_at(turn.lang, turn.now, view.partner, view.program)  # the coach's clock
    if asked_at:
        turn.say("session.reported_later", coach=coach, when=asked_at)
    else:
        turn.say("session.reported", coach=coach)
    dispatch_soon(turn, context)


async def _recently_logged(turn: Turn, view: DyadView, coach: str) -> None:
    assert turn.person is not None
    recent = await recent_held_session(turn.db, view.dyad.id, turn.now)
    assert recent is not None  # the refusal just found it, in this same transaction
    state = await checkin_state(
        turn.db, session_id=recent.id, person_id=turn.person.id, now=turn.now
    )
    zone = person_zone(turn.person, view.program)
    held_at = local_time(turn.lang, recent.held_at or turn.now, zone)
    later = promised_at(turn.lang, turn.now, turn.person, view.program)
    key = "session.recently_logged_later" if state == "open" and later else RECENT_TEXTS[state]
    turn.say(key, coach=coach, time=held_at, when=later)
