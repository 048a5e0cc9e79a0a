"""The relationship modules' columns and files as `alliance export` writes them, checked.

The dyad files carry the pair-level similarity fields (`same_gender`, `same_background` as
true / false / empty, `age_gap` in years or empty); `questionnaires.csv` carries the
five-attribute answers as rows of the `five_attributes` questionnaire. Problems are reported
like the other inputs: one `AnalysisInputError` naming the file, the line and the column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from alliance.reporting.analysis.attributes import KIND as ATTRIBUTES_KIND
from alliance.reporting.analysis.errors import AnalysisInputError
from alliance.reporting.analysis.inputs import _read_csv, _text, _where

__all__ = ["PAIR_COLUMNS", "has_pair_fields", "read_attribute_answers", "typed_pair_fields",
           "validate_attribute_answers"]

PAIR_COLUMNS = ("same_gender", "same_background", "age_gap")
FLAGS = ("same_gender", "same_background")
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}
ANSWER_COLUMNS = ("questionnaire", "dyad_id", "item", "value")


def has_pair_fields(frame: pd.DataFrame) -> bool:
    return any(column in frame.columns for column in PAIR_COLUMNS)


def _flag(value: object, where: str, column: str) -> bool | None:
    if isinstance(value, bool):
        return value
    word = _text(value).lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    if not word:
        return None
    raise AnalysisInputError(f'{where}, column "{column}": "{word}" is not true, false or empty')


def _gap(value: object, where: str) -> float:
    word = _text(value)
    if not word:
        return math.nan
    try:
        gap = float(word)
    except ValueError:
        raise AnalysisInputError(f'{where}, column "age_gap": "{word}" is not a number') from None
    if not math.isfinite(gap) or gap < 0:
        raise AnalysisInputError(f'{where}, column "age_gap": "{word}" is not a gap in years '
                                 "(a number ≥ 0)")
    return gap


def typed_pair_fields(
    frame: pd.DataFrame, source: str, lines: Sequence[int] | None
) -> pd.DataFrame:
    """The similarity columns typed (boolean with NA, float with NaN), all three present as soon
    as one is; a table without any of them is returned as it is."""
    if not has_pair_fields(frame):
        return frame
    out = frame.copy()
    for column in FLAGS:
        values = [None] * len(out) if column not in out else [
            _flag(v, _where(source, lines, i), column) for i, v in enumerate(out[column])]
        out[column] = pd.array(values, dtype="boolean")
    gaps = [math.nan] * len(out) if "age_gap" not in out else [
        _gap(v, _where(source, lines, i)) for i, v in enumerate(out["age_gap"])]
    out["age_gap"] = pd.Series(gaps, index=out.index, dtype="float64")
    return out


def read_attribute_answers(path: str | Path) -> pd.DataFrame:
    """The five-attribute answers of `questionnaires.csv`, checked (other questionnaires left)."""
    frame, lines = _read_csv(Path(path))
    return validate_attribute_answers(frame, str(path), lines=lines)


def validate_attribute_answers(
    frame: pd.DataFrame, source: str = "questionnaires data", *,
    lines: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Columns kind, dyad_id, item, value of the `five_attributes` rows: what
    `attribute_profile` reads."""
    for name in ANSWER_COLUMNS:
        if name not in frame.columns:
            found = ", ".join(map(str, frame.columns)) or "no columns"
            raise AnalysisInputError(f'{source}: missing column "{name}" (found: {found})')
    rows: list[dict[str, object]] = []
    for i in range(len(frame)):
        if _text(frame["questionnaire"].iloc[i]) != ATTRIBUTES_KIND:
            continue
        where = _where(source, lines, i)
        dyad, item, word = (_text(frame[c].iloc[i]) for c in ("dyad_id", "item", "value"))
        if not dyad or not item:
            raise AnalysisInputError(f'{where}: a five-attribute answer needs its dyad_id and '
                                     "item")
        try:
            value = float(word)
        except ValueError:
            raise AnalysisInputError(f'{where}, column "value": "{word}" is not a number'
                                     ) from None
        if not math.isfinite(value):
            raise AnalysisInputError(f'{where}, column "value": "{word}" is not a finite number')
        rows.append({"kind": ATTRIBUTES_KIND, "dyad_id": dyad, "item": item, "value": value})
    return pd.DataFrame(rows, columns=["kind", "dyad_id", "item", "value"])
