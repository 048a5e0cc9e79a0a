"""The coach's answer to a nudge: I'll ask / We talked / Not now, stored with its time.

The report compares these outcomes with the discrepancy at the following sessions, so each tap
is kept; "I'll ask" leaves a "We talked" button to close the loop later. A tap on a stale button
(the nudge was handled meanwhile, or the reply to the first tap was lost) re-shows what was
decided.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler

from alliance.core.models import CoachingSession, Dyad, Nudge, NudgeOutcome, Person
from alliance.nudges.decisions import NudgeOutcomeRefused, record_nudge_outcome
from bot.callback_data import NUDGE, pressed
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import nudge_view

log = logging.getLogger(__name__)


@transactional
async def nudge_answered(update: Update, context: Context, turn: Turn) -> None:
    nudge_text, choice = pressed(context)
    nudge_id = int(nudge_text)
    if turn.person is None:
        turn.outbox.answer(turn.t("error.not_enrolled"))
        return
    try:
        nudge = await record_nudge_outcome(
            turn.db,
            nudge_id=nudge_id,
            person_id=turn.person.id,
            outcome=NudgeOutcome(choice),
            now=turn.now,
        )
    except NudgeOutcomeRefused as refused:
        if str(refused) == "not_yours":
            turn.outbox.answer(turn.t("prompt.refused.not_yours"))
            return
        turn.outbox.answer(turn.t("nudge.refused"))
        handled = await turn.db.get(Nudge, nudge_id)
        if handled is not None:  # a stale button: the message shows what was decided
            await _show(turn, handled)
        return
    await _show(turn, nudge)
    log.info("nudge %s outcome %s", nudge.id, nudge.outcome.value)


async def _show(turn: Turn, nudge: Nudge) -> None:
    """Edit the tapped nudge to its recorded outcome, with the buttons that outcome allows."""
    dyad = await turn.db.get(Dyad, nudge.dyad_id)
    coachee = await turn.db.get(Person, dyad.coachee_id) if dyad else None
    coaching_session = await turn.db.get(CoachingSession, nudge.session_id)
    name = (coachee.display_name if coachee else None) or turn.t("nudge.someone")
    sequence = coaching_session.sequence if coaching_session else None
    turn.outbox.edit(*nudge_view(turn.lang, nudge.id, nudge.kind, name, sequence, nudge.outcome))


def register(application: AnyApplication) -> None:
    application.add_handler(CallbackQueryHandler(nudge_answered, pattern=NUDGE))
