"""The coach's "session logged" reply, which says when each side's check-in comes.

Logging, confirming a coachee's report and answering "did it take place?" all end here, so
the promise is worded once: the check-ins follow now, or after the quiet hours of whoever is
asleep, at the hour on that person's own clock.
"""

from __future__ import annotations

from alliance.sessions.records import DyadView
from bot.local_times import promised_at
from bot.turn import Turn

CHECKIN_TIMING = {
    (False, False): "session.checkins_now",
    (True, False): "session.checkins_coach_later",
    (False, True): "session.checkins_coachee_later",
    (True, True): "session.checkins_later",
}


def logged_text(turn: Turn, sequence: int | None, view: DyadView, coachee: str) -> str:
    """"Session n with … is logged", then when the coach's and the coachee's check-ins come."""
    assert turn.person is not None
    mine = promised_at(turn.lang, turn.now, turn.person, view.program)
    theirs = promised_at(turn.lang, turn.now, view.partner, view.program)
    key = CHECKIN_TIMING[(mine is not None, theirs is not None)]
    checkins = turn.t(key, coachee=coachee, mine=mine, theirs=theirs)
    return turn.t("session.logged", sequence=sequence, coachee=coachee, checkins=checkins)
