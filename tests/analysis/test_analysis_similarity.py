"""Similar against dissimilar pairs, on small frames whose means are known by construction."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from alliance.core.confidentiality import SUPPRESSED
from alliance.reporting.analysis.similarity import (
    age_gap_correlations,
    compare_pairs,
    similarity_check,
    similarity_section,
)

ALLIANCE_SAME = [8.0, 7.0, 9.0, 8.5, 7.5]  # mean 8.0
ALLIANCE_OTHER = [6.0, 7.0, 5.0, 6.5, 5.5, 6.0]  # mean 6.0
GROWTH_SAME = [1.0, 0.5, 1.5, 1.0, 1.0]  # mean 1.0
GROWTH_OTHER = [0.0, 0.5, -0.5, 0.25, -0.25, 0.0]  # mean 0.0


def pairs(same: int = 5, other: int = 6, unknown: int = 0) -> pd.DataFrame:
    """`same` similar and `other` dissimilar dyads, plus dyads whose gender is not known."""
    alliance = (ALLIANCE_SAME * 2)[:same] + (ALLIANCE_OTHER * 2)[:other] + [9.9] * unknown
    growth = (GROWTH_SAME * 2)[:same] + (GROWTH_OTHER * 2)[:other] + [3.0] * unknown
    n = same + other + unknown
    se_pre = [4.0 + 0.1 * i for i in range(n)]
    return pd.DataFrame({
        "dyad_id": [f"D{i:02d}" for i in range(n)],
        "coach_alliance": [a + (0.5 if i % 3 == 0 else -0.5 if i % 3 == 1 else 0)
                           for i, a in enumerate(alliance)],
        "coachee_alliance": alliance,
        "se_pre": se_pre,
        "se_post": [p + g for p, g in zip(se_pre, growth, strict=True)],
        "same_gender": pd.array([True] * same + [False] * other + [None] * unknown,
                                dtype="boolean"),
        "same_background": pd.array([None] * n, dtype="boolean"),
        "age_gap": [float(i) for i in range(n)],
    })


def test_similar_and_dissimilar_means_with_intervals_and_n():
    result = compare_pairs(pairs(unknown=5), "gender")
    assert result["known"] == 11  # the dyads without a gender in the roster are left out
    alliance = result["coachee_alliance"]
    assert alliance["similar"]["n"] == 5 and alliance["dissimilar"]["n"] == 6
    assert alliance["similar"]["mean"] == pytest.approx(8.0)
    assert alliance["dissimilar"]["mean"] == pytest.approx(6.0)
    half = stats.t.ppf(0.975, 4) * np.std(ALLIANCE_SAME, ddof=1) / math.sqrt(5)
    assert alliance["similar"]["ci_low"] == pytest.approx(8.0 - half)
    assert alliance["similar"]["ci_high"] == pytest.approx(8.0 + half)
    growth = result["se_growth"]
    assert growth["similar"]["mean"] == pytest.approx(1.0)
    assert growth["dissimilar"]["mean"] == pytest.approx(0.0)
    welch = stats.ttest_ind(ALLIANCE_SAME, ALLIANCE_OTHER, equal_var=False)
    assert alliance["difference"]["estimate"] == pytest.approx(2.0)
    assert alliance["difference"]["p"] == pytest.approx(welch.pvalue)
    assert alliance["difference"]["ci_low"] < 2.0 < alliance["difference"]["ci_high"]


def test_a_side_under_5_dyads_withholds_both_sides():
    result = compare_pairs(pairs(same=4, other=8), "gender")
    assert result["coachee_alliance"] == {"suppressed": SUPPRESSED}
    assert result["se_growth"] == {"suppressed": SUPPRESSED}


@pytest.mark.parametrize("unknown", [1, 4])
def test_1_to_4_dyads_without_the_field_withhold_the_comparison(unknown: int):
    """They could be worked out from the two sides and the program's overall mean."""
    result = compare_pairs(pairs(unknown=unknown), "gender")
    assert result["coachee_alliance"] == {"suppressed": SUPPRESSED}


def test_growth_counts_only_dyads_with_both_questionnaires():
    frame = pairs()
    frame.loc[0, "se_post"] = np.nan  # one similar pair without an end questionnaire: 4 left
    result = compare_pairs(frame, "gender")
    assert result["coachee_alliance"]["similar"]["n"] == 5
    assert result["se_growth"] == {"suppressed": SUPPRESSED}


def test_age_gap_is_a_correlation_from_5_dyads_only():
    frame = pairs()
    result = age_gap_correlations(frame)
    expected = np.corrcoef(frame["age_gap"], frame["coachee_alliance"])[0, 1]
    assert result["coachee_alliance"]["r"] == pytest.approx(expected)
    assert result["coachee_alliance"]["n"] == 11
    frame.loc[4:, "age_gap"] = np.nan
    assert age_gap_correlations(frame)["se_growth"] == {"suppressed": SUPPRESSED}


def test_check_adds_the_similarity_to_the_ancova_and_adjusts_the_group_means():
    frame = pairs(same=8, other=8, unknown=0)
    rng = np.random.default_rng(3)
    frame["se_post"] = frame["se_pre"] + rng.normal(0, 0.3, len(frame))
    check = similarity_check(frame, "gender")
    assert check["formula"] == "se_post ~ group + se_pre + same_gender"
    assert check["n"] == 16 and check["covariate"]["df1"] == 1
    groups = pd.Series(check["adjusted_means"]).index
    assert list(groups) == ["under", "accurate", "over"]
    shown = {g: m for g, m in check["adjusted_means"].items() if "mean" in m}
    assert len(shown) == 3  # every group has 5 dyads or more here
    for group, means in shown.items():
        assert means["mean"] == pytest.approx(_emmean(frame, group), rel=1e-9)
        assert means["n"] >= 5


def _emmean(frame: pd.DataFrame, group: str) -> float:
    """Least squares by hand: sum-to-zero groups, se_pre and same at their means."""
    from alliance.reporting.analysis.discrepancy_groups import GROUP_ORDER, discrepancy_groups

    labels = discrepancy_groups(frame).astype(str).to_numpy()
    levels = [g for g in GROUP_ORDER if g in set(labels)]
    codes = np.zeros((len(frame), len(levels) - 1))
    for j, level in enumerate(levels[:-1]):
        codes[labels == level, j] = 1.0
    codes[labels == levels[-1], :] = -1.0
    same = frame["same_gender"].astype(bool).astype(float).to_numpy()
    x = np.column_stack([np.ones(len(frame)), codes, frame["se_pre"], same])
    b = np.linalg.lstsq(x, frame["se_post"].to_numpy(float), rcond=None)[0]
    effect = np.zeros(len(levels) - 1)
    k = levels.index(group)
    if k < len(levels) - 1:
        effect[k] = 1.0
    else:
        effect[:] = -1.0
    row = np.concatenate([[1.0], effect, [frame["se_pre"].mean(), same.mean()]])
    return float(row @ b)


def test_check_is_withheld_when_a_similarity_side_has_under_5_dyads():
    assert similarity_check(pairs(same=4, other=9, unknown=0), "gender") == {
        "n": 13, "suppressed": SUPPRESSED}


def test_check_withholds_the_adjusted_mean_of_a_group_under_5_dyads():
    frame = pairs(same=8, other=8, unknown=0)
    d = [1.0 if i in (0, 5, 10) else -0.6 if i in (1, 3, 8, 11, 13, 15) else 0.0
         for i in range(16)]  # 3 over-estimating, 6 under, 7 accurate
    frame["coach_alliance"] = frame["coachee_alliance"] + d
    check = similarity_check(frame, "gender")
    assert check["adjusted_means"]["over"] == {"suppressed": SUPPRESSED}
    assert check["adjusted_means_without"]["over"] == {"suppressed": SUPPRESSED}
    assert check["adjusted_means"]["under"]["n"] == 6
    assert check["adjusted_means"]["accurate"]["n"] == 7


def test_no_similarity_fields_at_all_says_so():
    frame = pairs().assign(same_gender=pd.array([None] * 11, dtype="boolean"), age_gap=np.nan)
    assert similarity_section(frame) == {"available": False}
