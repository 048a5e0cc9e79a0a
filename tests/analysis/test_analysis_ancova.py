"""ANCOVA with Type III tests, emmeans-style adjusted means and the assumption checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from alliance.reporting.analysis.ancova import (
    adjusted_means,
    ancova,
    fit_ancova,
    levene_test,
    pairwise_comparisons,
    slopes_homogeneity,
    type3_table,
)
from alliance.reporting.analysis.discrepancy_groups import discrepancy_groups
from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.inputs import read_dyads

LEVELS = ["under", "accurate", "over"]


def grouped(data: pd.DataFrame) -> pd.DataFrame:
    return data.assign(group=discrepancy_groups(data))


def rss(y: np.ndarray, x: np.ndarray) -> float:
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    return float(((y - x @ beta) ** 2).sum())


def sum_coding(groups: pd.Series) -> np.ndarray:
    """R's contr.sum: level j < K gets e_j, the last level gets −1 in every column."""
    codes = pd.Categorical(groups, categories=LEVELS).codes
    return np.vstack([np.eye(2), -np.ones((1, 2))])[codes]


def test_oracle_ancova(oracle: Path, assert_matches: Callable[..., None]) -> None:
    expected: dict[str, Any] = json.loads((oracle / "case1.expected.json").read_text())["ancova"]
    result = ancova(grouped(read_dyads(oracle / "case1.csv")))
    assert_matches(expected, result, 1e-6)


def test_type3_equals_model_comparison_under_sum_coding(make_dyads) -> None:
    data = grouped(make_dyads(n=80, seed=11))
    y = data["se_post"].to_numpy()
    one, codes, pre = np.ones((len(y), 1)), sum_coding(data["group"]), data[["se_pre"]].to_numpy()
    full = rss(y, np.hstack([one, codes, pre]))
    df2 = len(y) - 4
    f_group = (rss(y, np.hstack([one, pre])) - full) / 2 / (full / df2)
    f_pre = (rss(y, np.hstack([one, codes])) - full) / (full / df2)
    table = type3_table(fit_ancova(data))
    assert table.loc["C(group, Sum)", "F"] == pytest.approx(f_group, rel=1e-10)
    assert table.loc["se_pre", "F"] == pytest.approx(f_pre, rel=1e-10)
    assert table.loc["C(group, Sum)", "p"] == pytest.approx(stats.f.sf(f_group, 2, df2), rel=1e-9)


def test_type3_agrees_with_statsmodels_anova_lm(make_dyads) -> None:
    fit = fit_ancova(grouped(make_dyads(n=50, seed=5)))
    reference = sm.stats.anova_lm(fit, typ=3)
    ours = type3_table(fit)
    assert ours.loc["C(group, Sum)", "F"] == pytest.approx(reference.loc["C(group, Sum)", "F"])
    assert ours.loc["se_pre", "p"] == pytest.approx(reference.loc["se_pre", "PR(>F)"])


def test_partial_eta_squared_is_ss_effect_over_ss_effect_plus_error(make_dyads) -> None:
    data = grouped(make_dyads(n=40, seed=3))
    y = data["se_post"].to_numpy()
    one, codes, pre = np.ones((len(y), 1)), sum_coding(data["group"]), data[["se_pre"]].to_numpy()
    full = rss(y, np.hstack([one, codes, pre]))
    ss_group = rss(y, np.hstack([one, pre])) - full
    table = type3_table(fit_ancova(data))
    assert table.loc["C(group, Sum)", "partial_eta_sq"] == pytest.approx(
        ss_group / (ss_group + full), rel=1e-10
    )


def test_adjusted_means_weight_groups_equally_at_the_mean_covariate(make_dyads) -> None:
    data = grouped(make_dyads(n=45, seed=8))
    fit = fit_ancova(data)
    means = adjusted_means(fit)
    grid = pd.DataFrame(
        {"group": pd.Categorical(LEVELS, categories=LEVELS), "se_pre": data["se_pre"].mean()}
    )
    assert means["mean"].to_numpy() == pytest.approx(np.asarray(fit.predict(grid)), rel=1e-12)
    # equal weighting: the mean of the adjusted means is the intercept plus slope × mean(se_pre)
    slope = fit.params["se_pre"]
    grand = fit.params["Intercept"] + slope * data["se_pre"].mean()
    assert means["mean"].mean() == pytest.approx(grand, rel=1e-12)
    t = stats.t.ppf(0.975, fit.df_resid)
    assert (means["ci_high"] - means["mean"]).to_numpy() == pytest.approx(t * means["se"])


def test_pairwise_differences_and_holm(make_dyads) -> None:
    data = grouped(make_dyads(n=60, seed=4))
    fit = fit_ancova(data)
    means = adjusted_means(fit)["mean"]
    table = pairwise_comparisons(fit)
    assert table["contrast"].tolist() == ["under - accurate", "under - over", "accurate - over"]
    assert table["estimate"].tolist() == pytest.approx(
        [
            means["under"] - means["accurate"],
            means["under"] - means["over"],
            means["accurate"] - means["over"],
        ]
    )
    p = table["p"].to_numpy()
    order = np.argsort(p)
    holm = np.maximum.accumulate(np.minimum(1, p[order] * np.array([3, 2, 1])))
    assert table["p_holm"].to_numpy()[order] == pytest.approx(holm)


def test_slopes_homogeneity_is_the_interaction_model_comparison(make_dyads) -> None:
    data = grouped(make_dyads(n=70, seed=9))
    y = data["se_post"].to_numpy()
    one, codes, pre = np.ones((len(y), 1)), sum_coding(data["group"]), data[["se_pre"]].to_numpy()
    reduced = rss(y, np.hstack([one, codes, pre]))
    full = rss(y, np.hstack([one, codes, pre, codes * pre]))
    f = (reduced - full) / 2 / (full / (len(y) - 6))
    result = slopes_homogeneity(data)
    assert result["F"] == pytest.approx(f, rel=1e-10)
    assert (result["df1"], result["df2"]) == (2, len(y) - 6)


def test_levene_is_anova_on_absolute_deviations_from_group_medians(make_dyads) -> None:
    data = grouped(make_dyads(n=40, seed=2))
    deviations = data["se_post"] - data.groupby("group", observed=True)["se_post"].transform(
        "median"
    )
    f, p = stats.f_oneway(
        *[deviations.abs()[data["group"] == g] for g in LEVELS if (data["group"] == g).any()]
    )
    result = levene_test(data)
    assert (result["F"], result["p"]) == pytest.approx((f, p))
    assert result["center"] == "median" and result["variable"] == "se_post"


def test_group_with_fewer_than_two_dyads_cannot_be_fitted() -> None:
    data = pd.DataFrame(
        {
            "group": ["under", "accurate", "accurate", "over", "over", "over"],
            "se_pre": [4.0, 4.5, 5.0, 4.2, 4.8, 5.1],
            "se_post": [5.0, 5.0, 5.5, 4.9, 5.2, 5.3],
        }
    )
    with pytest.raises(ModelNotFittableError, match='group "under" has 1 dyad;'):
        ancova(data)


def test_empty_group_cannot_be_fitted(make_dyads) -> None:
    data = make_dyads(n=12, seed=1).assign(group="accurate")
    data.loc[:5, "group"] = "over"
    data["group"] = pd.Categorical(data["group"], categories=LEVELS)
    with pytest.raises(ModelNotFittableError, match='"under" has 0 dyads'):
        fit_ancova(data)


def test_constant_covariate_cannot_be_fitted(make_dyads) -> None:
    data = grouped(make_dyads(n=30, seed=1)).assign(se_pre=4.0)
    with pytest.raises(ModelNotFittableError, match="constant or collinear"):
        fit_ancova(data)


def test_small_groups_are_flagged(make_dyads) -> None:
    data = make_dyads(n=14, seed=6)
    data["group"] = ["under"] * 3 + ["accurate"] * 5 + ["over"] * 6
    result = ancova(data)
    assert result["warnings"][0].startswith('group "under" has only 3 dyads')
    assert not any('"accurate"' in w for w in result["warnings"])


def test_row_order_does_not_change_the_results(make_dyads) -> None:
    data = grouped(make_dyads(n=50, seed=12))
    shuffled = data.sample(frac=1, random_state=3).reset_index(drop=True)
    first, second = ancova(data), ancova(shuffled)
    assert second["group"] == pytest.approx(first["group"], rel=1e-10)
    for name in LEVELS:
        assert second["adjusted_means"][name] == pytest.approx(
            first["adjusted_means"][name], rel=1e-10
        )
