"""The truth-and-bias model of coach accuracy and the mood model, against R and on known data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from alliance.reporting.analysis.accuracy import accuracy_model
from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.inputs import read_sessions
from alliance.reporting.analysis.mood import mood_model
from alliance.reporting.analysis.summary import analyze
from tests.analysis.conftest import MIXED_REL_TOL, missing_oracle


def test_every_model_oracle_case_is_reproduced(
    model_oracle_case: tuple[str, Path | None], assert_matches: Callable[..., None]
) -> None:
    """Any `<name>.expected.json` in `accuracy/` or `mood/` is compared with `analyze`'s JSON."""
    model, case = model_oracle_case
    if case is None:
        missing_oracle(f"no R oracle case for the {model} model")
        return
    expected = json.loads(case.read_text())
    csv = case.with_name(case.name.replace(".expected.json", ".csv"))
    result = analyze(sessions_df=read_sessions(csv))
    assert_matches(expected, result[model], MIXED_REL_TOL)
    assert result[model]["converged"] is True
    assert result[model]["optimizer"] == "lbfgs"


def simulate_predictions(
    n_dyads: int = 40, sessions: int = 8, seed: int = 5,
    bias: float = 0.4, force: float = 0.6, similarity: float = 0.3,
) -> pd.DataFrame:
    """Predictions built from the truth-and-bias model itself, with per-dyad bias and force."""
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(n_dyads):
        level, own_level = rng.normal(7, 0.8), rng.normal(0, 0.5)
        u_bias, u_force = rng.normal(0, 0.3), rng.normal(0, 0.1)
        for s in range(1, sessions + 1):
            coachee = level + rng.normal(0, 1)
            coach = coachee + own_level + rng.normal(0, 0.8)
            rows.append((f"d{d:02d}", f"c{d % 8}", s, coach, coachee, u_bias, u_force))
    frame = pd.DataFrame(rows, columns=["dyad_id", "coach_id", "session", "coach_alliance",
                                        "coachee_alliance", "u_bias", "u_force"])
    mean = frame["coachee_alliance"].mean()
    truth, own = frame["coachee_alliance"] - mean, frame["coach_alliance"] - mean
    frame["coach_prediction"] = (mean + bias + frame["u_bias"] + (force + frame["u_force"]) * truth
                                 + similarity * own + rng.normal(0, 0.5, len(frame)))
    return frame.drop(columns=["u_bias", "u_force"])


def test_accuracy_recovers_known_bias_force_and_similarity() -> None:
    result = accuracy_model(simulate_predictions(n_dyads=60))
    for key, truth in (("directional_bias", 0.4), ("truth_force", 0.6),
                       ("assumed_similarity", 0.3)):
        assert result[key]["ci_low"] < truth < result[key]["ci_high"], key
    assert result["residual_variance"] == pytest.approx(0.25, rel=0.25)


def test_accuracy_leaves_out_sessions_without_a_prediction() -> None:
    data = simulate_predictions()
    full = accuracy_model(data)
    data.loc[data.index[::5], "coach_prediction"] = np.nan
    thinned = accuracy_model(data)
    assert thinned["n_obs"] == full["n_obs"] - len(data.index[::5])


def test_accuracy_does_not_depend_on_row_order() -> None:
    data = simulate_predictions(seed=6)
    shuffled = data.sample(frac=1, random_state=3).reset_index(drop=True)
    assert accuracy_model(shuffled) == accuracy_model(data)


def test_accuracy_needs_several_dyads() -> None:
    data = simulate_predictions(n_dyads=2)
    with pytest.raises(ModelNotFittableError, match="at least 3"):
        accuracy_model(data)


def simulate_moods(n_dyads: int = 40, seed: int = 7, within: float = 0.2,
                   between: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(n_dyads):
        usual, level = rng.normal(6.5, 1), rng.normal(0, 0.7)
        for s in range(1, 9):
            mood = usual + rng.normal(0, 1.2)
            coachee = 7 + level + within * (mood - usual) + between * (usual - 6.5) + 0.05 * s
            rows.append((f"m{d:02d}", f"c{d % 6}", s, float(rng.normal(7.5, 1)),
                         coachee + rng.normal(0, 0.5), mood))
    return pd.DataFrame(rows, columns=["dyad_id", "coach_id", "session", "coach_alliance",
                                       "coachee_alliance", "coach_mood"])


def test_mood_separates_within_from_between_dyads() -> None:
    result = mood_model(simulate_moods(n_dyads=80, within=0.3, between=0.0))
    within, between = result["fixed"]["mood_within"], result["fixed"]["mood_between"]
    assert within["ci_low"] < 0.3 < within["ci_high"]
    assert within["ci_low"] > 0
    assert between["ci_low"] < 0 < between["ci_high"]


def test_mood_mean_is_the_mean_over_sessions_with_a_mood() -> None:
    data = simulate_moods()
    data.loc[data.index[::3], "coach_mood"] = np.nan
    result = mood_model(data)
    assert result["mood_mean"] == pytest.approx(data["coach_mood"].mean(), rel=1e-12)
    assert result["n_obs"] == int(data["coach_mood"].notna().sum())


def test_mood_that_never_varies_within_a_dyad_cannot_be_fitted() -> None:
    data = simulate_moods()
    data["coach_mood"] = data.groupby("dyad_id")["coach_mood"].transform("mean").round()
    with pytest.raises(ModelNotFittableError, match="vary"):
        mood_model(data)


def test_sessions_without_the_columns_get_neither_section(make_sessions) -> None:
    result = analyze(sessions_df=make_sessions(seed=3))
    assert "accuracy" not in result and "mood" not in result


def test_a_model_the_data_cannot_support_is_an_error_entry() -> None:
    data = simulate_moods(n_dyads=6)
    data["coach_mood"] = data.groupby("dyad_id")["coach_mood"].transform("mean").round()
    result = analyze(sessions_df=data)
    assert result["mood"]["error"].startswith("cannot be fitted")
    assert "fixed" in result["session_model"]


def dense_reml_slopes(data: pd.DataFrame) -> dict[str, object]:
    """Textbook REML for judgment ~ truth + own + (1 + truth | dyad), profiled over σ² and
    maximised over the Cholesky factor of G/σ² with scipy: slow but independent of statsmodels."""
    mean = data["coachee_alliance"].mean()
    y_all = (data["coach_prediction"] - mean).to_numpy(float)
    truth = (data["coachee_alliance"] - mean).to_numpy(float)
    x_all = np.column_stack([np.ones(len(data)), truth, data["coach_alliance"] - mean])
    groups = [np.flatnonzero(data["dyad_id"].to_numpy() == d) for d in data["dyad_id"].unique()]
    n, p = x_all.shape

    def parts(theta: np.ndarray) -> tuple[float, np.ndarray, float, np.ndarray, np.ndarray]:
        lam = np.array([[theta[0], 0.0], [theta[1], theta[2]]])
        info, xty, logdet, solved = np.zeros((p, p)), np.zeros(p), 0.0, []
        for rows in groups:
            z = np.column_stack([np.ones(len(rows)), truth[rows]])
            h = np.eye(len(rows)) + z @ lam @ lam.T @ z.T
            h_inv = np.linalg.inv(h)
            info += x_all[rows].T @ h_inv @ x_all[rows]
            xty += x_all[rows].T @ h_inv @ y_all[rows]
            logdet += np.linalg.slogdet(h)[1]
            solved.append(h_inv)
        beta = np.linalg.solve(info, xty)
        rss = sum(float((y_all[r] - x_all[r] @ beta) @ h_inv @ (y_all[r] - x_all[r] @ beta))
                  for r, h_inv in zip(groups, solved, strict=True))
        s2 = rss / (n - p)
        crit = (n - p) * np.log(s2) + logdet + np.linalg.slogdet(info)[1]
        return float(crit), beta, s2, info, lam

    best = minimize(lambda th: parts(th)[0], x0=np.array([0.5, 0.0, 0.3]), method="Nelder-Mead",
                    options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20000})
    _, beta, s2, info, lam = parts(best.x)
    g = s2 * lam @ lam.T
    return {"beta": beta, "se": np.sqrt(np.diag(np.linalg.inv(info)) * s2), "g": g,
            "residual_variance": s2}


def test_accuracy_agrees_with_an_independent_reml_fit() -> None:
    data = simulate_predictions(n_dyads=25, sessions=7, seed=11)
    result, reference = accuracy_model(data), dense_reml_slopes(data)
    keys = ("directional_bias", "truth_force", "assumed_similarity")
    assert [result[k]["estimate"] for k in keys] == pytest.approx(reference["beta"], rel=1e-3)
    assert [result[k]["se"] for k in keys] == pytest.approx(reference["se"], rel=1e-3)
    g = reference["g"]
    assert result["bias_variance"] == pytest.approx(g[0, 0], rel=1e-2)
    assert result["truth_force_variance"] == pytest.approx(g[1, 1], rel=1e-2, abs=1e-4)
    assert result["residual_variance"] == pytest.approx(reference["residual_variance"], rel=1e-3)
