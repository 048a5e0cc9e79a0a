"""Discrepancy D = coach − coachee and the k·SD grouping rule."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pandas as pd
import pytest

from alliance.reporting.analysis.discrepancy_groups import (
    CUT_RULE,
    GROUP_ORDER,
    discrepancy,
    discrepancy_groups,
    discrepancy_summary,
)
from alliance.reporting.analysis.inputs import read_dyads


def ratings(coach: list[float], coachee: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"coach_alliance": coach, "coachee_alliance": coachee})


def test_discrepancy_is_coach_minus_coachee() -> None:
    assert discrepancy(ratings([8, 5], [6, 7])).tolist() == [2, -2]


def test_groups_by_hand_on_small_data() -> None:
    # D = −3, −0.2, 0, 0.3, 2.9: SD(D) computed by hand with n − 1 in the denominator.
    data = ratings([4, 6.8, 7, 7.3, 9.9], [7, 7, 7, 7, 7])
    d = [-3, -0.2, 0, 0.3, 2.9]
    cut = 0.5 * statistics.stdev(d)
    expected = ["under" if x < -cut else "over" if x > cut else "accurate" for x in d]
    assert expected == ["under", "accurate", "accurate", "accurate", "over"]
    assert discrepancy_groups(data).tolist() == expected


def test_a_discrepancy_exactly_at_the_cut_counts_as_accurate() -> None:
    data = ratings([5, 6, 7], [6, 6, 6])  # D = −1, 0, 1 and SD(D) = 1 exactly
    assert discrepancy_groups(data, cut_sd=1.0).tolist() == ["accurate"] * 3
    assert discrepancy_groups(data, cut_sd=0.99).tolist() == ["under", "accurate", "over"]


def test_zero_cut_leaves_only_exact_agreement_accurate() -> None:
    data = ratings([5, 6, 7], [6, 6, 6.5])
    assert discrepancy_groups(data, cut_sd=0).tolist() == ["under", "accurate", "over"]


def test_groups_are_ordered_under_accurate_over() -> None:
    groups = discrepancy_groups(ratings([9, 1, 5], [5, 5, 5]))
    assert list(groups.cat.categories) == list(GROUP_ORDER) == ["under", "accurate", "over"]


def test_negative_cut_is_refused() -> None:
    with pytest.raises(ValueError, match="cut_sd"):
        discrepancy_groups(ratings([5, 6], [6, 6]), cut_sd=-0.5)


def test_summary_reports_sd_counts_and_the_reconstructed_rule() -> None:
    summary = discrepancy_summary(ratings([4, 6.8, 7, 7.3, 9.9], [7, 7, 7, 7, 7]))
    assert summary["groups"] == {"under": 1, "accurate": 3, "over": 1}
    assert summary["sd"] == pytest.approx(statistics.stdev([-3, -0.2, 0, 0.3, 2.9]), rel=1e-12)
    assert summary["cut_rule"] == CUT_RULE and "not public" in CUT_RULE


def test_oracle_counts_and_sd(oracle: Path) -> None:
    expected = json.loads((oracle / "case1.expected.json").read_text())["discrepancy"]
    summary = discrepancy_summary(read_dyads(oracle / "case1.csv"), cut_sd=expected["cut_sd"])
    assert summary["groups"] == expected["groups"] == {"under": 8, "accurate": 9, "over": 13}
    assert summary["sd"] == pytest.approx(expected["sd"], rel=1e-12)


def test_oracle_counts_hold_under_either_boundary_convention(oracle: Path) -> None:
    """No case1 dyad sits exactly on ±k·SD, so strict (>) and inclusive (≥) cuts agree."""
    d = discrepancy(read_dyads(oracle / "case1.csv"))
    cut = 0.5 * d.std(ddof=1)
    inclusive = {"under": int((d <= -cut).sum()), "over": int((d >= cut).sum())}
    assert inclusive == {"under": 8, "over": 13}
