"""Scoring one rater's answers for the analysis: with the instrument the prompt was asked with
(the program's stored copy), or, without one, as the shipped instruments score."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from alliance.core import models as m
from alliance.instruments import loader
from alliance.instruments.schema import Instrument
from alliance.instruments.scoring import predicted_score, score

DEFAULT_SCALE = (0.0, 10.0)
"""Scale of the shipped alliance check-in; its midpoint centres the response surface."""
DEFAULT_CENTER = (DEFAULT_SCALE[0] + DEFAULT_SCALE[1]) / 2
"""The midpoint models use when no instrument says otherwise (CSV input)."""

DEFAULT_INSTRUMENT = {
    m.PromptKind.CHECKIN: "alliance_checkin",
    m.PromptKind.BASELINE_SE: "self_efficacy",
    m.PromptKind.FINAL_SE: "self_efficacy",
    m.PromptKind.END_ALLIANCE: "end_alliance",
    m.PromptKind.MOOD: "coach_mood",
    m.PromptKind.FIVE_ATTRIBUTES: "five_attributes",
}
_UNSCORED_ITEMS = frozenset({"predicted", "prediction"})

Stored = Mapping[str, Instrument]  # a program's stored instruments by reference
RATED_KINDS = tuple(DEFAULT_INSTRUMENT)


def score_answers(
    kind: m.PromptKind, instrument_id: str | None, answers: Mapping[str, float], side: str,
    stored: Stored | None = None,
) -> float | None:
    """One rater's score via the prompt's instrument (the program's stored copy when given);
    without one, the mean of the answered items other than the coach's prediction (which is how
    the shipped instruments score)."""
    instrument = instrument_for(instrument_id, kind, stored)
    if instrument is not None:
        try:
            return score(instrument, answers, side)
        except ValueError:
            pass  # the instrument does not know this side or item: fall back to the plain mean
    values = [float(v) for k, v in answers.items() if k not in _UNSCORED_ITEMS and finite(v)]
    return math.fsum(values) / len(values) if values else None


def predicted(
    instrument_id: str | None, answers: Mapping[str, float], stored: Stored
) -> float | None:
    instrument = instrument_for(instrument_id, m.PromptKind.CHECKIN, stored)
    if instrument is not None:
        return predicted_score(instrument, answers)
    found = [float(answers[k]) for k in _UNSCORED_ITEMS if finite(answers.get(k))]
    return found[0] if found else None


def instrument_for(
    instrument_id: str | None, kind: m.PromptKind, stored: Stored | None = None
) -> Instrument | None:
    """The instrument a prompt was asked with: the program's stored copy, else the reference.

    A session question (did it take place?) has none: its id arrives empty, or as NaN from a
    frame's column, and gives None."""
    for candidate in (c for c in (instrument_id, DEFAULT_INSTRUMENT.get(kind))
                      if isinstance(c, str) and c):
        if stored and candidate in stored:
            return stored[candidate]
        found = _referenced(candidate)
        if found is not None:
            return found
    return None


@cache
def _referenced(reference: str) -> Instrument | None:
    """A shipped default or a file, for programs created before copies were stored."""
    try:
        return loader.resolve_instrument(reference)
    except (loader.InstrumentError, OSError):
        return None  # e.g. a program's file that is gone: try the shipped default


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
