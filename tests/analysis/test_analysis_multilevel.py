"""REML random-intercept model of coachee on coach alliance across sessions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize_scalar

from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.inputs import read_sessions
from alliance.reporting.analysis.multilevel import per_session_means, session_model


def profiled_reml(data: pd.DataFrame, center: float = 5.0) -> dict[str, np.ndarray | float]:
    """Textbook REML for y = Xb + Zu + e, maximised over the ratio var(u)/var(e) alone.

    Dense matrices and a one-dimensional search: slow but independent of statsmodels.
    """
    y = data["coachee_alliance"].to_numpy(float)
    x = np.column_stack([np.ones(len(y)), data["coach_alliance"] - center, data["session"]]).astype(
        float
    )
    dyads = data["dyad_id"].to_numpy()
    z = (dyads[:, None] == np.unique(dyads)[None, :]).astype(float)
    n, p = x.shape

    def parts(ratio: float) -> tuple[float, np.ndarray, float, np.ndarray]:
        h_inv = np.linalg.inv(np.eye(n) + ratio * z @ z.T)
        info = x.T @ h_inv @ x
        beta = np.linalg.solve(info, x.T @ h_inv @ y)
        r = y - x @ beta
        s2 = float(r @ h_inv @ r) / (n - p)
        logdet_h = -np.linalg.slogdet(h_inv)[1]
        loglik = -0.5 * ((n - p) * np.log(s2) + logdet_h + np.linalg.slogdet(info)[1])
        return loglik, beta, s2, info

    best = minimize_scalar(
        lambda log_ratio: -parts(float(np.exp(log_ratio)))[0],
        bounds=(-25, 6),
        method="bounded",
        options={"xatol": 1e-10},
    )
    ratio = float(np.exp(best.x))
    if parts(0.0)[0] >= parts(ratio)[0]:
        ratio = 0.0
    _, beta, s2, info = parts(ratio)
    return {
        "beta": beta,
        "se": np.sqrt(np.diag(np.linalg.inv(info)) * s2),
        "dyad_variance": ratio * s2,
        "residual_variance": s2,
    }


def fixed(result: dict, what: str) -> list[float]:
    return [result["fixed"][k][what] for k in ("intercept", "coach", "session")]


def test_oracle_session_model(oracle: Path, assert_matches: Callable[..., None]) -> None:
    expected = json.loads((oracle / "sessions1.expected.json").read_text())
    result = session_model(read_sessions(oracle / "sessions1.csv"))
    assert_matches(expected, result, 1e-3)
    assert result["converged"] is True


def test_agrees_with_an_independent_reml_fit(make_sessions) -> None:
    data = make_sessions(n_dyads=18, seed=31)
    result, reference = session_model(data), profiled_reml(data)
    assert fixed(result, "estimate") == pytest.approx(reference["beta"], rel=1e-5)
    assert fixed(result, "se") == pytest.approx(reference["se"], rel=1e-5)
    assert result["dyad_variance"] == pytest.approx(reference["dyad_variance"], rel=1e-4)
    assert result["residual_variance"] == pytest.approx(reference["residual_variance"], rel=1e-5)


def test_recovers_known_effects(make_sessions) -> None:
    data = make_sessions(n_dyads=60, sessions=8, dyad_sd=0.6, seed=32)
    result = session_model(data)
    for (estimate, se), truth in zip(
        zip(fixed(result, "estimate"), fixed(result, "se"), strict=True),
        (5.5, 0.5, 0.08),
        strict=True,
    ):
        assert abs(estimate - truth) < 4 * se
    assert result["residual_variance"] == pytest.approx(0.36, rel=0.2)
    assert result["dyad_variance"] == pytest.approx(0.36, rel=0.6)


def test_no_dyad_variance_is_reported_as_a_singular_fit(make_sessions) -> None:
    data = make_sessions(n_dyads=15, dyad_sd=0.0, seed=2)
    reference = profiled_reml(data)
    result = session_model(data)
    assert reference["dyad_variance"] == 0.0
    assert result["dyad_variance"] == 0.0
    assert any(w.startswith("singular fit") for w in result["warnings"])
    assert fixed(result, "se") == pytest.approx(reference["se"], rel=1e-5)


def test_row_order_does_not_change_the_fit(make_sessions) -> None:
    data = make_sessions(seed=33)
    first = session_model(data)
    second = session_model(data.sample(frac=1, random_state=4).reset_index(drop=True))
    assert second == first


def test_mean_bias_is_the_mean_of_coach_minus_coachee(make_sessions) -> None:
    data = make_sessions(seed=34)
    result = session_model(data)
    bias = (data["coach_alliance"] - data["coachee_alliance"]).mean()
    assert result["mean_bias"] == pytest.approx(bias, rel=1e-12)
    assert (result["n_obs"], result["n_dyads"]) == (len(data), data["dyad_id"].nunique())


def test_per_session_means() -> None:
    data = pd.DataFrame(
        {
            "dyad_id": ["a", "a", "b"],
            "session": [1, 2, 1],
            "coach_alliance": [8.0, 9.0, 6.0],
            "coachee_alliance": [7.0, 9.0, 7.0],
        }
    )
    assert per_session_means(data) == [
        {"session": 1, "n": 2, "coach_mean": 7.0, "coachee_mean": 7.0, "mean_bias": 0.0},
        {"session": 2, "n": 1, "coach_mean": 9.0, "coachee_mean": 9.0, "mean_bias": 0.0},
    ]


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([("a", 1, 7, 6), ("a", 2, 8, 7), ("a", 3, 6, 6)], "at least 2"),
        ([("a", 1, 7, 6), ("b", 1, 8, 7), ("c", 2, 6, 6)], "single session"),
        ([("a", 1, 7, 6), ("a", 1.0, 8, 7), ("b", 1, 6, 6)], "same session"),
    ],
)
def test_thin_data_cannot_be_fitted(rows: list[tuple], reason: str) -> None:
    data = pd.DataFrame(rows, columns=["dyad_id", "session", "coach_alliance", "coachee_alliance"])
    with pytest.raises(ModelNotFittableError, match=reason):
        session_model(data)
