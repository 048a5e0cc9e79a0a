"""Where a scheduled session stands now, for a tap on its "did it take place?" question after
that was answered or closed: the tapped message is edited to show it, so a reply that was lost
(or a question that closed meanwhile) never leaves the coach looking at buttons that do nothing.
"""

from __future__ import annotations

from sqlalchemy import select

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Person,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    SessionStatus,
)
from bot.local_times import local_moment, person_zone
from bot.turn import Turn


async def show_outcome_now(turn: Turn, prompt_id: int) -> None:
    """Edit the tapped message to what was decided about the session, or that the question
    closed (and whether it was asked again below)."""
    prompt = await turn.db.get(Prompt, prompt_id)
    if (prompt is None or turn.person is None or prompt.recipient_id != turn.person.id
            or prompt.session_id is None):
        return
    planned = await turn.db.get(CoachingSession, prompt.session_id)
    dyad = await turn.db.get(Dyad, planned.dyad_id) if planned else None
    if planned is None or dyad is None:
        return
    program = await turn.db.get(Program, dyad.program_id)
    coachee = await turn.db.get(Person, dyad.coachee_id)
    name = (coachee.display_name if coachee else None) or turn.t("session.someone")
    zone = person_zone(turn.person, program) if program else "UTC"
    when = local_moment(turn.lang, planned.scheduled_start or turn.now, zone)
    if planned.status == SessionStatus.HELD:
        turn.outbox.edit(turn.t("session.outcome_now.held", sequence=planned.sequence or "?",
                                when=when, coachee=name))
    elif planned.status == SessionStatus.CANCELLED:
        turn.outbox.edit(turn.t("session.outcome_cancelled", when=when, coachee=name))
    elif planned.status == SessionStatus.MOVED:
        turn.outbox.edit(turn.t("session.outcome_now.moved", when=when, coachee=name))
    elif await _asked_again(turn, prompt):
        turn.outbox.edit(turn.t("session.outcome_now.asked_again", when=when, coachee=name))
    else:
        turn.outbox.edit(turn.t("session.outcome_now.closed", when=when, coachee=name))


async def _asked_again(turn: Turn, prompt: Prompt) -> bool:
    """A later "did it take place?" about the same session is still open."""
    later = await turn.db.scalar(select(Prompt.id).where(
        Prompt.session_id == prompt.session_id, Prompt.kind == PromptKind.SESSION_OUTCOME,
        Prompt.id > prompt.id, Prompt.state.in_((PromptState.PENDING, PromptState.SENT))))
    return later is not None
