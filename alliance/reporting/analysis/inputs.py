"""Load and validate the dyad and session tables, so the statistics only ever see clean numbers.

Every problem is reported as one `AnalysisInputError` whose message names the file (or data
source), the column and the line as counted in the file (the header is line 1), because the people
who run the analysis fix their CSVs by hand.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from alliance.reporting.analysis.errors import AnalysisInputError

__all__ = [
    "DYAD_COLUMNS",
    "MIN_DYADS",
    "MIN_SESSION_ROWS",
    "SESSION_COLUMNS",
    "SESSION_OPTIONAL",
    "AnalysisInputError",
    "read_dyads",
    "read_sessions",
    "validate_dyads",
    "validate_sessions",
]

DYAD_COLUMNS = ("dyad_id", "coach_id", "coach_alliance", "coachee_alliance", "se_pre", "se_post")
SESSION_COLUMNS = ("dyad_id", "coach_id", "session", "coach_alliance", "coachee_alliance")
_DYAD_NUMERIC = ("coach_alliance", "coachee_alliance", "se_pre", "se_post")
_SESSION_NUMERIC = ("session", "coach_alliance", "coachee_alliance")
SESSION_OPTIONAL = ("coach_prediction", "coach_mood")
"""Read when present, empty cells allowed: they add the accuracy and the mood models."""

MIN_DYADS = 3
"""Fewer dyads than this leave nothing to analyse (SD of the discrepancy needs spread)."""
MIN_SESSION_ROWS = 3


def read_dyads(path: str | Path, *, drop_incomplete: bool = False) -> pd.DataFrame:
    """Read one-row-per-dyad CSV (as `alliance export` writes it) and validate it."""
    frame, lines = _read_csv(Path(path))
    return validate_dyads(frame, str(path), lines=lines, drop_incomplete=drop_incomplete)


def read_sessions(path: str | Path, *, drop_incomplete: bool = False) -> pd.DataFrame:
    """Read one-row-per-dyad-and-session CSV and validate it."""
    frame, lines = _read_csv(Path(path))
    return validate_sessions(frame, str(path), lines=lines, drop_incomplete=drop_incomplete)


def validate_dyads(
    df: pd.DataFrame,
    source: str = "dyads data",
    *,
    lines: Sequence[int] | None = None,
    drop_incomplete: bool = False,
) -> pd.DataFrame:
    """Check a dyad table (from a CSV or the database) and return a typed copy.

    `lines` maps row positions to file line numbers; without it messages count rows from 1.
    `drop_incomplete` leaves out rows with an empty rating (a database export of a running
    program has them) instead of refusing the table; malformed values are still refused.
    The similarity module's pair fields, when present, are typed too (`module_inputs`).
    """
    from alliance.reporting.analysis.module_inputs import typed_pair_fields  # it uses helpers below

    out, kept = _validate(
        df, source, lines, DYAD_COLUMNS, _DYAD_NUMERIC, drop_incomplete=drop_incomplete
    )
    _check_row_count(out, source, MIN_DYADS, "dyads", drop_incomplete)
    _reject_duplicates(out, source, kept, ["dyad_id"], "dyad_id")
    return typed_pair_fields(out, source, kept)


def validate_sessions(
    df: pd.DataFrame,
    source: str = "sessions data",
    *,
    lines: Sequence[int] | None = None,
    drop_incomplete: bool = False,
) -> pd.DataFrame:
    """Check a dyad × session table and return a typed copy (one row per dyad and session).

    `coach_prediction` and `coach_mood`, when present, are numbers with empty cells allowed (a
    coach may skip the prediction, the mood module may be off for some sessions).
    """
    out, kept = _validate(
        df, source, lines, SESSION_COLUMNS, _SESSION_NUMERIC, drop_incomplete=drop_incomplete,
        optional=SESSION_OPTIONAL,
    )
    _check_row_count(out, source, MIN_SESSION_ROWS, "session rows", drop_incomplete)
    _reject_duplicates(out, source, kept, ["dyad_id", "session"], "(dyad_id, session)")
    return out


def _read_csv(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Parse a CSV keeping each record's starting line, which pandas would lose."""
    if not path.exists():
        raise AnalysisInputError(f"{path}: file not found")
    if not path.is_file():
        raise AnalysisInputError(f"{path}: not a file")
    plain = _read_plain_csv(path)
    if plain is not None:
        return plain
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header: list[str] | None = None
            rows: list[list[str]] = []
            lines: list[int] = []
            previous_end = 0
            for record in reader:
                start, previous_end = previous_end + 1, reader.line_num
                if not record or all(not cell.strip() for cell in record):
                    continue  # blank lines (or lines of bare commas) carry no data
                if header is None:
                    header = [cell.strip() for cell in record]
                    _check_header(path, header, start)
                    continue
                if len(record) != len(header):
                    raise AnalysisInputError(
                        f"{path}, line {start}: {len(record)} fields, "
                        f"but the header has {len(header)}"
                    )
                rows.append([cell.strip() for cell in record])
                lines.append(start)
    except UnicodeDecodeError as exc:
        raise AnalysisInputError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise AnalysisInputError(f"{path}, line {previous_end}: unreadable CSV ({exc})") from exc
    if header is None:
        raise AnalysisInputError(f"{path}: the file is empty (no header line)")
    return pd.DataFrame(rows, columns=header, dtype=object), lines


def _read_plain_csv(path: Path) -> tuple[pd.DataFrame, list[int]] | None:
    """The common case — one record per line, no quotes, no blank lines, every line with the
    header's number of fields, as `alliance export` writes — read by pandas' C parser, whose
    row n is then line n + 1. Anything else (None) goes to the careful reader, which says where
    a problem is."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if '"' in text or "\r" in text:
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) < 2:
        return None
    commas = lines[0].count(",")
    if any(line.count(",") != commas or not line.strip(", \t") for line in lines):
        return None
    header = [cell.strip() for cell in lines[0].split(",")]
    _check_header(path, header, 1)
    frame = pd.read_csv(io.StringIO(text), dtype=object, keep_default_na=False,
                        na_filter=False, engine="c")
    frame.columns = pd.Index(header)
    if " " in text or "\t" in text:
        frame = frame.apply(lambda column: column.str.strip())
    return frame, list(range(2, len(lines) + 1))


def _check_header(path: Path, header: list[str], line: int) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise AnalysisInputError(f'{path}, line {line}: column "{name}" appears twice')
        seen.add(name)


def _where(source: str, lines: Sequence[int] | None, position: int) -> str:
    return (
        f"{source}, line {lines[position]}"
        if lines is not None
        else f"{source}, row {position + 1}"
    )


def _validate(
    df: pd.DataFrame,
    source: str,
    lines: Sequence[int] | None,
    required: Sequence[str],
    numeric: Sequence[str],
    *,
    drop_incomplete: bool,
    optional: Sequence[str] = (),
) -> tuple[pd.DataFrame, list[int] | None]:
    """Typed copy of `df` and, when `lines` is given, the file lines of the rows kept."""
    if not isinstance(df, pd.DataFrame):
        raise AnalysisInputError(f"{source}: expected a table, got {type(df).__name__}")
    columns = [str(c).strip() for c in df.columns]
    for name in required:
        if name not in columns:
            found = ", ".join(columns) if columns else "no columns"
            raise AnalysisInputError(f'{source}: missing column "{name}" (found: {found})')
    raw = df.set_axis(columns, axis=1).reset_index(drop=True)
    present = [name for name in optional if name in columns]
    out = _typed_quickly(raw, numeric, present, drop_incomplete)
    if out is None:  # something is wrong: the row-by-row pass finds the first problem and says so
        out = _typed_by_row(raw, source, lines, numeric, present, drop_incomplete)
    complete = out[list(numeric)].notna().all(axis=1).to_numpy()
    kept = (
        [line for line, ok in zip(lines, complete, strict=True) if ok]
        if lines is not None
        else None
    )
    return out[complete].reset_index(drop=True), kept


def _typed_quickly(
    raw: pd.DataFrame, numeric: Sequence[str], optional: Sequence[str], drop_incomplete: bool
) -> pd.DataFrame | None:
    """Column-wise conversion with `float()`'s own rules; None as soon as any cell is wrong."""
    out = raw.copy()
    ids = _texts(raw["dyad_id"])
    if (ids == "").any():
        return None
    out["dyad_id"] = pd.Series(ids, dtype=object)
    out["coach_id"] = pd.Series(_texts(raw["coach_id"]), dtype=object)
    for name in (*numeric, *optional):
        values = _numbers(raw[name], allow_missing=drop_incomplete or name in optional)
        if values is None:
            return None
        out[name] = pd.Series(values, dtype="float64")
    return out


def _texts(column: pd.Series) -> np.ndarray:
    """Each cell as stripped text, missing cells as "" (what `_text` does, for a whole column)."""
    missing = column.isna().to_numpy()
    texts = np.array([str(v).strip() for v in column.to_numpy(object)], dtype=object)
    texts[missing] = ""
    return texts


def _numbers(column: pd.Series, allow_missing: bool) -> np.ndarray | None:
    if is_numeric_dtype(column) and not is_bool_dtype(column):
        values = column.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(values)
    else:
        texts = _texts(column)
        missing = texts == ""
        try:
            values = np.where(missing, "nan", texts).astype(float)
        except (TypeError, ValueError):
            return None
    if (~np.isfinite(values) & ~missing).any() or (missing.any() and not allow_missing):
        return None
    return values


def _typed_by_row(
    raw: pd.DataFrame,
    source: str,
    lines: Sequence[int] | None,
    numeric: Sequence[str],
    optional: Sequence[str],
    drop_incomplete: bool,
) -> pd.DataFrame:
    """Cell by cell, raising on the first bad one with its file, line and column."""
    out = raw.copy()
    ids: list[str] = []
    coaches: list[str] = []
    numbers: dict[str, list[float]] = {name: [] for name in (*numeric, *optional)}
    for i in range(len(raw)):
        dyad = _text(raw.at[i, "dyad_id"])
        if not dyad:
            raise AnalysisInputError(
                f'{_where(source, lines, i)}, column "dyad_id": value is missing'
            )
        ids.append(dyad)
        coaches.append(_text(raw.at[i, "coach_id"]))
        for name in numbers:
            where = _where(source, lines, i)
            allow = drop_incomplete or name in optional
            numbers[name].append(_number(raw.at[i, name], where, name, allow))
    out["dyad_id"] = pd.Series(ids, dtype=object)
    out["coach_id"] = pd.Series(coaches, dtype=object)
    for name, values in numbers.items():
        out[name] = pd.Series(values, dtype="float64")
    return out


def _check_row_count(
    df: pd.DataFrame, source: str, min_rows: int, what: str, dropped: bool
) -> None:
    if len(df) < min_rows:
        complete = " with complete values" if dropped else ""
        raise AnalysisInputError(
            f"{source}: too few rows: {len(df)} {what}{complete}, at least {min_rows} are needed"
        )


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _number(value: object, where: str, column: str, allow_missing: bool = False) -> float:
    text = _text(value)
    if not text and allow_missing:
        return math.nan
    if not text:
        raise AnalysisInputError(f'{where}, column "{column}": value is missing')
    try:
        number = float(text)
    except ValueError:
        raise AnalysisInputError(f'{where}, column "{column}": "{text}" is not a number') from None
    if not math.isfinite(number):
        raise AnalysisInputError(f'{where}, column "{column}": "{text}" is not a finite number')
    return number


def _reject_duplicates(
    df: pd.DataFrame,
    source: str,
    lines: Sequence[int] | None,
    keys: list[str],
    label: str,
) -> None:
    duplicated = df.duplicated(subset=keys, keep="first")
    if duplicated.any():
        second = int(duplicated.to_numpy().nonzero()[0][0])
        key = tuple(df.loc[second, keys])
        first = int((df[keys] == pd.Series(key, index=keys)).all(axis=1).to_numpy().nonzero()[0][0])
        shown = key[0] if len(key) == 1 else ", ".join(_show(v) for v in key)
        first_at = f"line {lines[first]}" if lines is not None else f"row {first + 1}"
        raise AnalysisInputError(
            f"{_where(source, lines, second)}: duplicate {label} {shown} (first seen on {first_at})"
        )


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
