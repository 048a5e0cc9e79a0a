"""Polynomial regression and the response-surface parameters a1–a5."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.inputs import read_dyads
from alliance.reporting.analysis.surface import fit_surface, response_surface, surface_parameters


def test_oracle_response_surface(oracle: Path, assert_matches: Callable[..., None]) -> None:
    expected = json.loads((oracle / "case1.expected.json").read_text())["response_surface"]
    result = response_surface(read_dyads(oracle / "case1.csv"), center=expected["center"])
    assert_matches(expected, result, 1e-6)


def test_a1_to_a5_are_the_linear_combinations_of_the_coefficients(make_dyads) -> None:
    result = response_surface(make_dyads(n=50, seed=21))
    b = {name: c["estimate"] for name, c in result["coefficients"].items()}
    bx, by, bxx, bxy, byy = b["X"], b["Y"], b["I(X**2)"], b["I(X*Y)"], b["I(Y**2)"]
    assert result["a1"]["estimate"] == pytest.approx(bx + by, rel=1e-12)
    assert result["a2"]["estimate"] == pytest.approx(bxx + bxy + byy, rel=1e-12)
    assert result["a3"]["estimate"] == pytest.approx(bx - by, rel=1e-12)
    assert result["a4"]["estimate"] == pytest.approx(bxx - bxy + byy, rel=1e-12)
    assert result["a5"]["estimate"] == pytest.approx(bxx - byy, rel=1e-12)


def test_standard_errors_match_a_fit_on_rotated_axes(make_dyads) -> None:
    """With U = X + Y and V = X − Y the surface parameters become plain coefficients:
    b_U = a1/2, b_V = a3/2, b_U² = a2/4, b_V² = a4/4, b_UV = a5/2, so their SE and p must agree."""
    data = make_dyads(n=50, seed=22)
    result = response_surface(data)
    x, y = data["coach_alliance"] - 5, data["coachee_alliance"] - 5
    rotated = pd.DataFrame(
        {"se_post": data["se_post"], "se_pre": data["se_pre"], "U": x + y, "V": x - y}
    )
    fit = smf.ols("se_post ~ se_pre + U + V + I(U**2) + I(U*V) + I(V**2)", data=rotated).fit()
    params, bse, pvalues = (
        s.rename(lambda n: n.replace(" ", "")) for s in (fit.params, fit.bse, fit.pvalues)
    )
    names = {
        "a1": ("U", 2),
        "a3": ("V", 2),
        "a2": ("I(U**2)", 4),
        "a4": ("I(V**2)", 4),
        "a5": ("I(U*V)", 2),
    }
    for label, (name, scale) in names.items():
        assert result[label]["estimate"] == pytest.approx(scale * params[name], rel=1e-9)
        assert result[label]["se"] == pytest.approx(scale * bse[name], rel=1e-9)
        assert result[label]["p"] == pytest.approx(pvalues[name], rel=1e-9)
    assert result["r2"] == pytest.approx(fit.rsquared, rel=1e-12)


def test_recovers_a_known_surface(make_dyads) -> None:
    data = make_dyads(n=400, seed=23)
    rng = np.random.default_rng(0)
    x, y = data["coach_alliance"] - 5, data["coachee_alliance"] - 5
    data["se_post"] = (
        1
        + 0.5 * data["se_pre"]
        + 0.2 * x
        + 0.1 * y
        + 0.05 * x**2
        - 0.08 * x * y
        + 0.03 * y**2
        + rng.normal(0, 0.05, len(data))
    )
    result = response_surface(data)
    truth = {"a1": 0.3, "a2": 0.0, "a3": 0.1, "a4": 0.16, "a5": 0.02}
    for label, value in truth.items():
        assert abs(result[label]["estimate"] - value) < 4 * result[label]["se"], label


def test_r_squared_does_not_depend_on_the_center(make_dyads) -> None:
    data = make_dyads(n=40, seed=24)
    assert response_surface(data, center=5)["r2"] == pytest.approx(
        response_surface(data, center=7.5)["r2"], rel=1e-10
    )


def test_needs_more_dyads_than_coefficients(make_dyads) -> None:
    with pytest.raises(ModelNotFittableError, match="at least 8 dyads"):
        fit_surface(make_dyads(n=7, seed=1))


def test_identical_ratings_cannot_separate_the_terms(make_dyads) -> None:
    data = make_dyads(n=30, seed=1)
    data["coachee_alliance"] = data["coach_alliance"]
    with pytest.raises(ModelNotFittableError, match="collinear"):
        fit_surface(data)


def test_row_order_does_not_change_the_parameters(make_dyads) -> None:
    data = make_dyads(n=40, seed=25)
    first = surface_parameters(fit_surface(data))
    second = surface_parameters(fit_surface(data.sample(frac=1, random_state=1)))
    pd.testing.assert_frame_equal(first, second, rtol=1e-10)


def test_block_tests_equal_the_nested_model_comparison(make_dyads) -> None:
    """Humberg et al.'s first step: do the quadratic terms (and all rating terms) add anything?"""
    from statsmodels.stats.anova import anova_lm

    data = make_dyads(n=40, seed=23)
    result = response_surface(data)
    work = data.assign(X=data["coach_alliance"] - 5, Y=data["coachee_alliance"] - 5)
    full = smf.ols("se_post ~ se_pre + X + Y + I(X**2) + I(X*Y) + I(Y**2)", work).fit()
    for key, reduced, df1 in (("quadratic_block", "se_post ~ se_pre + X + Y", 3),
                              ("alliance_block", "se_post ~ se_pre", 5)):
        table = anova_lm(smf.ols(reduced, work).fit(), full)
        assert result[key]["F"] == pytest.approx(table["F"].iloc[1], rel=1e-9)
        assert result[key]["p"] == pytest.approx(table["Pr(>F)"].iloc[1], rel=1e-9)
        assert (result[key]["df1"], result[key]["df2"]) == (df1, 33)


def test_parameter_intervals_are_estimate_plus_minus_t_times_se(make_dyads) -> None:
    result = response_surface(make_dyads(n=30, seed=24))
    t = float(stats.t.ppf(0.975, result["a1"]["df"]))
    for key in ("a1", "a2", "a3", "a4", "a5"):
        a = result[key]
        assert a["ci_low"] == pytest.approx(a["estimate"] - t * a["se"], rel=1e-12)
        assert a["ci_high"] == pytest.approx(a["estimate"] + t * a["se"], rel=1e-12)


def test_lines_are_predicted_post_scores_with_bands_inside_the_data(make_dyads) -> None:
    data = make_dyads(n=40, seed=25)
    result = response_surface(data)
    lines = result["lines"]
    fit = fit_surface(data)
    if lines["model"] == "linear":  # the quadratic block added nothing: curves without it
        work = data.assign(X=data["coach_alliance"] - 5, Y=data["coachee_alliance"] - 5)
        fit = smf.ols("se_post ~ se_pre + X + Y", work).fit()
    level = (data["coach_alliance"] + data["coachee_alliance"]) / 2
    agree = lines["agreement"]
    assert agree["x"][0] == pytest.approx(level.min()) and agree["x"][-1] == pytest.approx(
        level.max())
    x = np.asarray(agree["x"]) - 5
    frame = pd.DataFrame({"se_pre": lines["se_pre"], "X": x, "Y": x})
    assert np.allclose(agree["fit"], fit.predict(frame))
    band = fit.get_prediction(frame).conf_int(alpha=0.05)
    assert np.allclose(agree["low"], band[:, 0]) and np.allclose(agree["high"], band[:, 1])
    gap = np.asarray(lines["disagreement"]["x"])
    d = data["coach_alliance"] - data["coachee_alliance"]
    assert gap.min() == pytest.approx(d.min()) and gap.max() == pytest.approx(d.max())


def test_lines_come_from_the_model_without_the_quadratic_block_when_it_adds_nothing(
        make_dyads) -> None:
    for seed in range(30, 40):
        result = response_surface(make_dyads(n=40, seed=seed))
        significant = result["quadratic_block"]["p"] < 0.05
        assert result["lines"]["model"] == ("quadratic" if significant else "linear")
        if not significant:  # a plane: along the agreement line the curve is straight
            fit = np.asarray(result["lines"]["agreement"]["fit"])
            assert np.allclose(np.diff(fit, 2), 0, atol=1e-9)


def test_curves_drawn_from_the_linear_model_carry_that_model_s_a1_and_a3(oracle: Path) -> None:
    """case1's quadratic block adds nothing, so the curves are linear: their slopes are the
    linear model's a1 (agreement) and a3/2 per point of D (disagreement), not the full
    model's a1–a5, which stay at the top level as R has them."""
    result = response_surface(read_dyads(oracle / "case1.csv"))
    lines = result["lines"]
    assert lines["model"] == "linear" and lines["formula"] == "se_post ~ se_pre + X + Y"
    drawn = lines["parameters"]
    assert set(drawn) == {"a1", "a3"}
    agreement = np.polyfit(lines["agreement"]["x"], lines["agreement"]["fit"], 1)[0]
    disagreement = np.polyfit(lines["disagreement"]["x"], lines["disagreement"]["fit"], 1)[0]
    assert agreement == pytest.approx(drawn["a1"]["estimate"], rel=1e-9)
    assert disagreement == pytest.approx(drawn["a3"]["estimate"] / 2, rel=1e-9)
    assert drawn["a3"]["estimate"] != pytest.approx(result["a3"]["estimate"], rel=0.05)
    assert drawn["a3"]["ci_high"] < 0 < result["a3"]["ci_high"]  # read in one, not the other


def test_curves_drawn_from_the_full_model_carry_its_a1_to_a5(make_dyads) -> None:
    data = make_dyads(n=400, seed=23)
    x, y = data["coach_alliance"] - 5, data["coachee_alliance"] - 5
    data["se_post"] = 1 + 0.5 * data["se_pre"] + 0.2 * x + 0.3 * x**2 - 0.2 * x * y
    data["se_post"] += np.random.default_rng(1).normal(0, 0.05, len(data))
    result = response_surface(data)
    lines = result["lines"]
    assert lines["model"] == "quadratic"
    assert lines["parameters"] == {k: result[k] for k in ("a1", "a2", "a3", "a4", "a5")}
