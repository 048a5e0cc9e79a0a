"""Scoring one rater's answers for the analysis with the instrument the prompt was asked with
(the program's stored copy, else the shipped one of that name). There is no second way: an
answer no instrument can score is an error that names the prompt's instrument, never a plain
mean in disguise."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from alliance.core import models as m
from alliance.instruments import loader
from alliance.instruments.schema import Instrument
from alliance.instruments.scoring import predicted_score, score
from alliance.questionnaires.kinds import KINDS

DEFAULT_SCALE = (0.0, 10.0)
"""Scale of the shipped alliance check-in; its midpoint centres the response surface."""
DEFAULT_CENTER = (DEFAULT_SCALE[0] + DEFAULT_SCALE[1]) / 2
"""The midpoint models use when no instrument says otherwise (CSV input)."""

DEFAULT_INSTRUMENT = {kind: entry.instrument for kind, entry in KINDS.items()}
"""Each kind's shipped instrument, for prompts stored without an id (none are, since 0005)."""

Stored = Mapping[str, Instrument]  # a program's stored instruments by reference
RATED_KINDS = tuple(KINDS)


class ScoringError(ValueError):
    """Answers that no known instrument can score: the program's data need repair."""


def score_answers(
    kind: m.PromptKind, instrument_id: str | None, answers: Mapping[str, float], side: str,
    stored: Stored | None = None,
) -> float | None:
    """One rater's score with the prompt's instrument (the program's stored copy when given)."""
    instrument = instrument_for(instrument_id, kind, stored)
    if instrument is None:
        raise ScoringError(f"no instrument {instrument_id or DEFAULT_INSTRUMENT.get(kind)!r} "
                           f"to score a {kind.value} answer with")
    try:
        return score(instrument, answers, side)
    except ValueError as error:
        raise ScoringError(f"{instrument.id}: {error}") from error


def predicted(
    instrument_id: str | None, answers: Mapping[str, float], stored: Stored
) -> float | None:
    """The coach's guess of the coachee's rating, as the check-in's instrument defines it."""
    instrument = instrument_for(instrument_id, m.PromptKind.CHECKIN, stored)
    if instrument is None:
        raise ScoringError(f"no instrument {instrument_id!r} to read a prediction with")
    return predicted_score(instrument, answers)


def instrument_for(
    instrument_id: str | None, kind: m.PromptKind, stored: Stored | None = None
) -> Instrument | None:
    """The instrument a prompt was asked with: the program's stored copy, else the reference.

    Without an id (a frame's empty cell), the kind's own; a session question (did it take
    place?) has none and gives None. An id that names nothing gives None too — never another
    instrument in its place."""
    reference = instrument_id if isinstance(instrument_id, str) and instrument_id else (
        DEFAULT_INSTRUMENT.get(kind))
    if reference is None:
        return None
    if stored and reference in stored:
        return stored[reference]
    return _referenced(reference)


@cache
def _referenced(reference: str) -> Instrument | None:
    """A shipped default or a file, for programs created before copies were stored."""
    try:
        return loader.resolve_instrument(reference)
    except (loader.InstrumentError, OSError):
        return None  # e.g. a program's file that is gone, with no stored copy


def scale_of(
    instrument_id: str | None, kind: m.PromptKind, stored: Stored
) -> tuple[float, float]:
    instrument = instrument_for(instrument_id, kind, stored)
    scored = [i for i in instrument.items if instrument.counts(i)] if instrument else []
    return (float(scored[0].scale.min), float(scored[0].scale.max)) if scored else DEFAULT_SCALE


def finite(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def expected_items(
    instrument_id: str | None, kind: m.PromptKind, side: str, stored: Stored | None = None
) -> int | None:
    """How many items this side is asked, so a questionnaire left half-done can be flagged."""
    instrument = instrument_for(instrument_id, kind, stored)
    if instrument is None:
        return None
    return sum(1 for item in instrument.items if side in item.sides) or None
