"""Turn one rater's answers into the numbers the discrepancy engine and the analysis use."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import cast

from alliance.instruments.schema import ANY_SIDE, Instrument, Item, TextSide

Answers = Mapping[str, float | None]


def items_for(instrument: Instrument, side: str) -> list[Item]:
    """The items this side is asked, in the order they are asked."""
    _require_side(instrument, side)
    return [item for item in instrument.items if side in item.sides]


def scored_items(instrument: Instrument, side: str) -> list[Item]:
    """The items of this side that enter its score (so the prediction item never does)."""
    return [item for item in items_for(instrument, side) if instrument.counts(item)]


def item_text(item: Item, side: str, lang: str) -> str:
    """The question as this side reads it, in `lang` (English when unsupported)."""
    if side not in item.sides:
        raise ValueError(f"item '{item.id}' is not shown to side '{side}'")
    text = item.text.get(cast(TextSide, side)) or item.text[ANY_SIDE]
    return text.in_language(lang)


def score(instrument: Instrument, answers: Answers, side: str) -> float | None:
    """Mean of this side's scored items, reverse items as max + min − v; None when incomplete.

    Incomplete means a scored item is absent, None or NaN: a partial mean would not be comparable
    with the other side's, so we refuse to make one. Keys for other items are ignored.
    """
    values = _scored_values(instrument, answers, scored_items(instrument, side))
    if values is None or not values:
        return None
    return math.fsum(values) / len(values)


def dimension_scores(
    instrument: Instrument, answers: Answers, side: str
) -> dict[str, float | None]:
    """Mean per dimension (goal, task, bond …) of this side's scored items; None when incomplete."""
    by_dimension: dict[str, list[Item]] = {}
    for item in scored_items(instrument, side):
        by_dimension.setdefault(item.dimension, []).append(item)
    result: dict[str, float | None] = {}
    for dimension, items in by_dimension.items():
        values = _scored_values(instrument, answers, items)
        result[dimension] = math.fsum(values) / len(values) if values else None
    return result


def predicted_score(instrument: Instrument, answers: Answers) -> float | None:
    """The coach's guess of the coachee's rating (the `prediction` item), if asked."""
    for item in instrument.items:
        if item.dimension == "prediction":
            value = _answer(item, answers)
            return None if value is None else float(value)
    return None


def _scored_values(
    instrument: Instrument, answers: Answers, items: list[Item]
) -> list[float] | None:
    values: list[float] = []
    for item in items:
        value = _answer(item, answers)
        if value is None:
            return None
        if item.id in instrument.scoring.reverse:
            value = item.scale.max + item.scale.min - value
        values.append(float(value))
    return values


def _answer(item: Item, answers: Answers) -> float | None:
    value = answers.get(item.id)
    if value is None or math.isnan(value):
        return None
    if not item.scale.min <= value <= item.scale.max:
        raise ValueError(
            f"answer {value} to item '{item.id}' is outside its scale "
            f"{item.scale.min}–{item.scale.max}"
        )
    return value


def _require_side(instrument: Instrument, side: str) -> None:
    if side not in instrument.sides:
        raise ValueError(f"instrument '{instrument.id}' is not answered by side '{side}'")
