"""One call per data set that runs every model and returns plain JSON-ready results.

Field names and nesting follow `shared/oracle/*.expected.json`, so the CLI's `--json` output can
be compared with R's results key by key. A model the data cannot support is reported as
`{"error": "cannot be fitted: …"}` in its own section while the rest of the analysis runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import partial

import numpy as np
import pandas as pd

from alliance.reporting.analysis.accuracy import accuracy_model
from alliance.reporting.analysis.ancova import ancova
from alliance.reporting.analysis.answer_scores import DEFAULT_CENTER
from alliance.reporting.analysis.attributes import attribute_profile
from alliance.reporting.analysis.discrepancy_groups import discrepancy_groups, discrepancy_summary
from alliance.reporting.analysis.errors import AnalysisInputError, ModelNotFittableError
from alliance.reporting.analysis.inputs import validate_dyads, validate_sessions
from alliance.reporting.analysis.module_inputs import has_pair_fields
from alliance.reporting.analysis.mood import mood_model
from alliance.reporting.analysis.multilevel import session_model
from alliance.reporting.analysis.similarity import similarity_section
from alliance.reporting.analysis.surface import response_surface

__all__ = [
    "SESSION_MODELS",
    "SESSION_ORACLE_KEYS",
    "analyze",
    "analyze_dyads",
    "analyze_sessions",
    "to_jsonable",
]

SESSION_ORACLE_KEYS = (
    "n_obs",
    "n_dyads",
    "fixed",
    "dyad_variance",
    "residual_variance",
    "mean_bias",
)
"""Session-model fields that `analyze` also places at the top level, where the oracle has them."""
SESSION_MODELS = {
    "accuracy": ("coach_prediction", accuracy_model, "coach accuracy"),
    "mood": ("coach_mood", mood_model, "mood model"),
}
"""Models fitted when the sessions table has their column: section, column, fit, name."""


def analyze_dyads(
    df: pd.DataFrame,
    cut_sd: float = 0.5,
    center: float = DEFAULT_CENTER,
    source: str = "dyads data",
    drop_incomplete: bool = False,
) -> dict[str, object]:
    """Discrepancy groups, ANCOVA and response surface for one row per dyad; with the pair
    fields (`same_gender`, `same_background`, `age_gap`) the similarity section too.

    `drop_incomplete` leaves out dyads with an empty rating (and says so in `warnings`) instead
    of refusing the table, for data taken straight from a running program's database.
    """
    _check_settings(cut_sd=cut_sd, center=center)
    data = validate_dyads(df, source=source, drop_incomplete=drop_incomplete)
    data = data.sort_values("dyad_id", kind="stable").reset_index(drop=True)
    data["group"] = discrepancy_groups(data, cut_sd=cut_sd)
    warnings = _left_out(len(df) - len(data), "dyad", "dyads")
    ancova_section = _section(lambda: ancova(data), "ANCOVA", warnings)
    surface_section = _section(
        lambda: response_surface(data, center=center), "response surface", warnings
    )
    warnings.extend(str(w) for w in _as_list(ancova_section.get("warnings")))
    result: dict[str, object] = {
        "n": len(data),
        "discrepancy": discrepancy_summary(data, cut_sd=cut_sd),
        "ancova": ancova_section,
        "response_surface": surface_section,
        "warnings": warnings,
    }
    if has_pair_fields(data):  # the similarity module's columns, as `alliance export` writes
        result["similarity"] = similarity_section(data, cut_sd)
    return _json_object(result)


def analyze_sessions(
    df: pd.DataFrame,
    center: float = DEFAULT_CENTER,
    source: str = "sessions data",
    drop_incomplete: bool = False,
) -> dict[str, object]:
    """REML mixed model of coachee on coach alliance over sessions, plus the mean bias.

    With a `coach_prediction` column the truth-and-bias model is added as `accuracy`, with a
    `coach_mood` column the mood model as `mood` (each on the rows that have that value).
    `drop_incomplete` leaves out sessions where either side's rating is missing.
    """
    _check_settings(center=center)
    data = validate_sessions(df, source=source, drop_incomplete=drop_incomplete)
    left_out = _left_out(len(df) - len(data), "session row", "session rows")
    try:
        result = session_model(data, center=center)
        result["warnings"] = [*left_out, *_as_list(result["warnings"])]
    except ModelNotFittableError as exc:
        bias = data["coach_alliance"] - data["coachee_alliance"]
        result = {
            "error": f"cannot be fitted: {exc}",
            "n_obs": len(data),
            "n_dyads": int(data["dyad_id"].nunique()),
            "mean_bias": float(bias.mean()),
            "warnings": left_out,
        }
    for key, (column, fit, name) in SESSION_MODELS.items():
        if column in data and data[column].notna().any():
            result[key] = _section(partial(fit, data), name, [])
    return _json_object(result)


def analyze(
    dyads_df: pd.DataFrame | None = None,
    sessions_df: pd.DataFrame | None = None,
    cut_sd: float = 0.5,
    center: float = DEFAULT_CENTER,
    dyads_source: str = "dyads data",
    sessions_source: str = "sessions data",
    drop_incomplete: bool = False,
    attribute_answers: pd.DataFrame | None = None,
) -> dict[str, object]:
    """Dyad results at the top level and the session model under `"session_model"`.

    The session model's oracle fields are mirrored at the top level too (their names never clash
    with the dyad fields), so `analyze --sessions x.csv --json` has the oracle's layout; the
    `accuracy` and `mood` sections sit at the top level only. `attribute_answers` (the
    five-attribute rows of `questionnaires.csv`, see `module_inputs`) adds the `attributes`
    section, correlated with the dyads' coachee alliance when there is a dyads table.
    """
    if dyads_df is None and sessions_df is None and attribute_answers is None:
        raise AnalysisInputError("nothing to analyse: give a dyads table, a sessions table or "
                                 "five-attribute answers")
    result: dict[str, object] = {}
    if dyads_df is not None:
        result.update(
            analyze_dyads(
                dyads_df,
                cut_sd=cut_sd,
                center=center,
                source=dyads_source,
                drop_incomplete=drop_incomplete,
            )
        )
    if sessions_df is not None:
        sessions = analyze_sessions(
            sessions_df, center=center, source=sessions_source, drop_incomplete=drop_incomplete
        )
        result.update({key: sessions[key] for key in SESSION_ORACLE_KEYS if key in sessions})
        result.update({key: sessions.pop(key) for key in SESSION_MODELS if key in sessions})
        result["session_model"] = sessions
    if attribute_answers is not None:
        dyads = (validate_dyads(dyads_df, source=dyads_source, drop_incomplete=drop_incomplete)
                 if dyads_df is not None else pd.DataFrame(columns=["dyad_id", "coachee_alliance"]))
        result["attributes"] = to_jsonable(attribute_profile(attribute_answers, dyads))
    return result


def to_jsonable(value: object) -> object:
    """Plain Python numbers, lists and dicts only; NaN and infinities become None (JSON null)."""
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    return value


def _json_object(value: Mapping[str, object]) -> dict[str, object]:
    result = to_jsonable(value)
    assert isinstance(result, dict)
    return result


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _section(
    build: Callable[[], dict[str, object]], name: str, warnings: list[str]
) -> dict[str, object]:
    """Run one model; a `ModelNotFittableError` becomes that section's error entry."""
    try:
        return build()
    except ModelNotFittableError as exc:
        warnings.append(f"{name} cannot be fitted: {exc}")
        return {"error": f"cannot be fitted: {exc}"}


def _left_out(count: int, one: str, many: str) -> list[str]:
    if count <= 0:
        return []
    return [f"{count} {one if count == 1 else many} with a missing rating left out"]


def _check_settings(*, cut_sd: float | None = None, center: float | None = None) -> None:
    if cut_sd is not None and not (math.isfinite(cut_sd) and cut_sd >= 0):
        raise AnalysisInputError(f"cut_sd must be a non-negative number, got {cut_sd}")
    if center is not None and not math.isfinite(center):
        raise AnalysisInputError(f"center must be a finite number, got {center}")
