"""`analyze*` results: the oracle layout, JSON-ready values, and sections that fail alone."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from alliance.reporting.analysis.errors import AnalysisInputError
from alliance.reporting.analysis.inputs import read_dyads, read_sessions
from alliance.reporting.analysis.summary import (
    analyze,
    analyze_dyads,
    analyze_sessions,
    to_jsonable,
)

DYAD_REL_TOL = 1e-6
MIXED_REL_TOL = 1e-3


def plain_json_types(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain_json_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_json_types(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or type(value) in (str, int, bool)


def test_every_oracle_case_is_reproduced(
    oracle_case: Path | None,
    assert_matches: Callable[..., None],
    classify_oracle: Callable[[dict], str],
) -> None:
    if oracle_case is None:
        if os.environ.get("CI"):
            pytest.fail("no R oracle files found: CI must check the agreement with R")
        pytest.skip("no R oracle files found (set ALLIANCE_ORACLE_DIR)")
    expected = json.loads(oracle_case.read_text())
    csv = oracle_case.with_name(oracle_case.name.replace(".expected.json", ".csv"))
    if classify_oracle(expected) == "sessions":
        assert_matches(expected, analyze_sessions(read_sessions(csv)), MIXED_REL_TOL)
    else:
        cut_sd = expected.get("discrepancy", {}).get("cut_sd", 0.5)
        center = expected.get("response_surface", {}).get("center", 5.0)
        result = analyze_dyads(read_dyads(csv), cut_sd=cut_sd, center=center)
        assert_matches(expected, result, DYAD_REL_TOL)


def test_results_are_plain_json(oracle: Path) -> None:
    result = analyze(read_dyads(oracle / "case1.csv"), read_sessions(oracle / "sessions1.csv"))
    assert plain_json_types(result)
    assert json.loads(json.dumps(result, allow_nan=False)) == result


def test_combined_result_nests_the_session_model_and_mirrors_its_oracle_fields(
    make_dyads, make_sessions
) -> None:
    result = analyze(make_dyads(n=40, seed=1), make_sessions(seed=1))
    assert {"n", "discrepancy", "ancova", "response_surface", "session_model"} <= set(result)
    for key in ("n_obs", "n_dyads", "fixed", "dyad_variance", "residual_variance", "mean_bias"):
        assert result[key] == result["session_model"][key]


def test_sessions_alone_have_the_oracle_layout(make_sessions) -> None:
    result = analyze(sessions_df=make_sessions(seed=2))
    assert "n" not in result and result["n_obs"] == result["session_model"]["n_obs"]


def test_nothing_to_analyse_is_an_input_error() -> None:
    with pytest.raises(AnalysisInputError, match="nothing to analyse"):
        analyze()


def test_negative_cut_is_an_input_error(make_dyads) -> None:
    with pytest.raises(AnalysisInputError, match="cut_sd"):
        analyze_dyads(make_dyads(n=20), cut_sd=-1)


def test_group_with_one_dyad_leaves_the_rest_of_the_analysis(make_dyads) -> None:
    data = make_dyads(n=30, seed=7)
    shift = np.random.default_rng(7).uniform(0, 0.6, len(data))
    data["coachee_alliance"] = data["coach_alliance"] - shift  # no coach rates below …
    data.loc[0, "coachee_alliance"] = data.loc[0, "coach_alliance"] + 3  # … except one
    result = analyze_dyads(data)
    assert result["discrepancy"]["groups"]["under"] == 1
    assert result["ancova"] == {
        "error": 'cannot be fitted: group "under" has 1 dyad; every group needs at least 2'
    }
    assert "a1" in result["response_surface"]
    assert any(w.startswith("ANCOVA cannot be fitted") for w in result["warnings"])


def test_too_few_dyads_for_either_model(make_dyads) -> None:
    result = analyze_dyads(make_dyads(n=5, seed=3))
    assert result["n"] == 5
    assert result["ancova"]["error"].startswith("cannot be fitted")
    assert result["response_surface"]["error"].startswith("cannot be fitted: 5 dyads")
    assert sum(result["discrepancy"]["groups"].values()) == 5


def test_thin_session_data_reports_the_error_and_the_bias() -> None:
    data = pd.DataFrame(
        {
            "dyad_id": ["a", "b", "c"],
            "coach_id": ["x", "x", "y"],
            "session": [1, 1, 1],
            "coach_alliance": [8.0, 7.0, 6.0],
            "coachee_alliance": [7.0, 7.0, 7.0],
        }
    )
    result = analyze_sessions(data)
    assert result["error"].startswith("cannot be fitted")
    assert (result["n_obs"], result["n_dyads"], result["mean_bias"]) == (3, 3, 0.0)


def test_shuffled_rows_give_identical_results(make_dyads, make_sessions) -> None:
    dyads, sessions = make_dyads(n=40, seed=9), make_sessions(seed=9)
    first = analyze(dyads, sessions)
    second = analyze(
        dyads.sample(frac=1, random_state=2).reset_index(drop=True),
        sessions.sample(frac=1, random_state=2).reset_index(drop=True),
    )
    assert second == first


def test_synthetic_program_gives_coherent_results(make_dyads) -> None:
    result = analyze_dyads(make_dyads(n=120, seed=40))
    assert sum(result["discrepancy"]["groups"].values()) == result["n"] == 120
    for mean in result["ancova"]["adjusted_means"].values():
        assert mean["ci_low"] < mean["mean"] < mean["ci_high"]
    # the simulation lowers se_post by 0.2 per point of coach over-rating: over < under
    means = result["ancova"]["adjusted_means"]
    assert means["over"]["mean"] < means["under"]["mean"]
    assert result["response_surface"]["a3"]["estimate"] < 0
    assert 0 < result["response_surface"]["r2"] < 1


def test_to_jsonable_turns_numpy_and_nan_into_plain_values() -> None:
    raw = {"a": np.float64(1.5), "b": np.int64(2), "c": math.nan, "d": (np.bool_(True), np.inf)}
    assert to_jsonable(raw) == {"a": 1.5, "b": 2, "c": None, "d": [True, None]}
    assert plain_json_types(to_jsonable({"x": np.array([1.0, 2.0])}))


def test_dyads_without_ratings_can_be_left_out_with_a_warning(make_dyads) -> None:
    data = make_dyads(n=40, seed=5).astype({"se_post": object})
    data.loc[[3, 17], "se_post"] = None
    with pytest.raises(AnalysisInputError, match='row 4, column "se_post": value is missing'):
        analyze_dyads(data)
    result = analyze_dyads(data, drop_incomplete=True)
    assert result["n"] == 38
    assert result["warnings"][0] == "2 dyads with a missing rating left out"
