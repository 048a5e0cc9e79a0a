"""A coach's own accuracy and mood patterns for /mystats, in words, never in a coachee's numbers.

Simple per-coach estimates, not a per-coach mixed model (a handful of sessions cannot carry
one), pooled over all of the coach's dyads and shown only as a category:

- bias: the mean of prediction − coachee score over sessions where both answered and the coach
  gave a prediction; "higher" or "lower" only when its 95% t-interval excludes 0;
- tracking: the correlation of prediction and coachee score after removing each dyad's mean
  (the ups and downs, not the level);
- mood: the slope of the coachee score on the coach's mood, both centred within the dyad;
  "higher" or "lower" only when its 95% interval excludes 0.

Each needs `MIN_SESSIONS` sessions. No figure, no per-coachee split and no single session is
ever returned, so nothing of a coachee's answers can be read back from it. Pure Python: the bot
must not load the statistics stack to answer /mystats.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from alliance.core.models import Dyad, Prompt, PromptKind, PromptState, Role
from alliance.instruments import predicted_score, resolve_instrument, score
from alliance.questionnaires.kinds import instrument_id_for

__all__ = ["MIN_SESSIONS", "CoachPatterns", "coach_patterns", "describe"]

MIN_SESSIONS = 6
"""Sessions needed before a pattern is shown (issue: at least 6 paired sessions)."""
TRACKING_CLOSE, TRACKING_PARTLY = 0.5, 0.2
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
         2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
         2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
"""97.5% quantiles of Student's t for 1–30 degrees of freedom; 1.96 beyond."""


@dataclass(frozen=True)
class CoachPatterns:
    """Categories only; None where there are fewer than `MIN_SESSIONS` sessions to go on."""

    prediction_sessions: int
    mood_sessions: int
    bias: str | None = None
    """"higher", "lower" or "close": the coach's guesses against the coachees' ratings."""
    tracking: str | None = None
    """"closely", "partly", "hardly" or "steady" (the coachees' ratings hardly moved)."""
    mood: str | None = None
    """"higher", "lower" or "none": coachee ratings on the coach's better-mood days."""


def _t975(df: int) -> float:
    return _T975[df - 1] if 1 <= df <= len(_T975) else 1.96


def _mean_direction(values: Sequence[float]) -> str:
    n = len(values)
    mean = math.fsum(values) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    half = _t975(n - 1) * sd / math.sqrt(n)
    return "higher" if mean - half > 0 else "lower" if mean + half < 0 else "close"


def _within(rows: Sequence[tuple[int, float, float]]) -> list[tuple[float, float]]:
    """(x, y) pairs with each dyad's mean of x and of y removed."""
    by_dyad: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for dyad, x, y in rows:
        by_dyad[dyad].append((x, y))
    out = []
    for pairs in by_dyad.values():
        mx = math.fsum(x for x, _ in pairs) / len(pairs)
        my = math.fsum(y for _, y in pairs) / len(pairs)
        out += [(x - mx, y - my) for x, y in pairs]
    return out


def _tracking(rows: Sequence[tuple[int, float, float]]) -> str:
    pairs = _within(rows)
    sxx = math.fsum(x * x for x, _ in pairs)
    syy = math.fsum(y * y for _, y in pairs)
    if syy < 1e-9:
        return "steady"
    if sxx < 1e-9:
        return "hardly"
    r = math.fsum(x * y for x, y in pairs) / math.sqrt(sxx * syy)
    return "closely" if r >= TRACKING_CLOSE else "partly" if r >= TRACKING_PARTLY else "hardly"


def _slope_direction(rows: Sequence[tuple[int, float, float]]) -> str:
    pairs = _within(rows)
    dyads = len({d for d, _, _ in rows})
    sxx = math.fsum(x * x for x, _ in pairs)
    df = len(pairs) - dyads - 1
    if sxx < 1e-9 or df < 1:
        return "none"
    slope = math.fsum(x * y for x, y in pairs) / sxx
    residual = math.fsum((y - slope * x) ** 2 for x, y in pairs) / df
    half = _t975(df) * math.sqrt(residual / sxx)
    return "higher" if slope - half > 0 else "lower" if slope + half < 0 else "none"


def describe(
    predictions: Sequence[tuple[int, float, float]], moods: Sequence[tuple[int, float, float]]
) -> CoachPatterns:
    """Categories from (dyad, prediction, coachee score) and (dyad, mood, coachee score) rows."""
    enough_predictions = len(predictions) >= MIN_SESSIONS
    return CoachPatterns(
        prediction_sessions=len(predictions),
        mood_sessions=len(moods),
        bias=_mean_direction([p - y for _, p, y in predictions]) if enough_predictions else None,
        tracking=_tracking(predictions) if enough_predictions else None,
        mood=_slope_direction(moods) if len(moods) >= MIN_SESSIONS else None,
    )


async def coach_patterns(session: AsyncSession, *, coach_id: int) -> CoachPatterns:
    """Read the coach's own dyads' answered check-ins and mood answers and describe them."""
    dyads = select(Dyad.id).where(Dyad.coach_id == coach_id)
    prompts = await session.scalars(
        select(Prompt)
        .options(selectinload(Prompt.answers))
        .where(Prompt.dyad_id.in_(dyads), Prompt.session_id.is_not(None),
               Prompt.state == PromptState.ANSWERED,
               Prompt.kind.in_((PromptKind.CHECKIN, PromptKind.MOOD)))
        .order_by(Prompt.id)
    )
    coachee: dict[int, tuple[int, float]] = {}
    prediction: dict[int, float] = {}
    mood: dict[int, float] = {}
    for prompt in prompts:
        answers = {a.item_id: a.value for a in prompt.answers}
        sid = prompt.session_id
        assert sid is not None and prompt.dyad_id is not None
        if prompt.kind == PromptKind.MOOD and prompt.recipient_id == coach_id:
            reference = prompt.instrument_id or instrument_id_for(PromptKind.MOOD)
            value = score(resolve_instrument(reference), answers, "coach")
            if value is not None:
                mood[sid] = value
            continue
        reference = prompt.instrument_id or instrument_id_for(PromptKind.CHECKIN)
        instrument = resolve_instrument(reference)
        if prompt.recipient_id == coach_id:
            guess = predicted_score(instrument, answers)
            if guess is not None:
                prediction[sid] = guess
        elif prompt.side == Role.COACHEE and (rating := score(instrument, answers,
                                                             "coachee")) is not None:
            coachee[sid] = (prompt.dyad_id, rating)
    return describe(
        [(coachee[s][0], p, coachee[s][1]) for s, p in prediction.items() if s in coachee],
        [(coachee[s][0], m, coachee[s][1]) for s, m in mood.items() if s in coachee],
    )
