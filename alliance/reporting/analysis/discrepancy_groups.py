"""Coach–coachee discrepancy D and the under / accurate / over groups of the Baron replication.

Baron et al. do not publish their exact cut rule, so the rule here is the usual self–other
agreement one (Atwater & Yammarino): a coach over-estimates when D lies more than k standard
deviations of D above zero, under-estimates when more than k SD below, and is accurate otherwise.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "CUT_RULE",
    "GROUP_ORDER",
    "discrepancy",
    "discrepancy_groups",
    "discrepancy_summary",
]

GROUP_ORDER = ("under", "accurate", "over")
CUT_RULE = (
    "reconstructed: over when D > k·SD(D), under when D < −k·SD(D) (Atwater & Yammarino); "
    "Baron et al.'s exact rule is not public"
)


def discrepancy(
    data: pd.DataFrame, coach: str = "coach_alliance", coachee: str = "coachee_alliance"
) -> pd.Series:
    """D = coach − coachee: positive when the coach rates the alliance higher than the coachee."""
    return (data[coach].astype(float) - data[coachee].astype(float)).rename("discrepancy")


def discrepancy_groups(
    data: pd.DataFrame,
    coach: str = "coach_alliance",
    coachee: str = "coachee_alliance",
    cut_sd: float = 0.5,
) -> pd.Series:
    """Label each dyad under / accurate / over by the k·SD rule (strict inequalities).

    Values exactly at ±k·SD(D) count as accurate; SD is the sample SD (n − 1), as in R's `sd()`.
    """
    if not cut_sd >= 0:
        raise ValueError(f"cut_sd must be a non-negative number, got {cut_sd!r}")
    d = discrepancy(data, coach, coachee)
    cut = cut_sd * float(d.std(ddof=1))
    labels = pd.Series("accurate", index=d.index, dtype=object)
    labels[d > cut] = "over"
    labels[d < -cut] = "under"
    return pd.Series(
        pd.Categorical(labels, categories=list(GROUP_ORDER)), index=d.index, name="group"
    )


def discrepancy_summary(
    data: pd.DataFrame,
    coach: str = "coach_alliance",
    coachee: str = "coachee_alliance",
    cut_sd: float = 0.5,
) -> dict[str, object]:
    """SD(D), the cut, and how many dyads fall in each group, in the oracle's layout."""
    d = discrepancy(data, coach, coachee)
    sd = float(d.std(ddof=1))
    groups = discrepancy_groups(data, coach, coachee, cut_sd)
    counts = groups.value_counts().reindex(list(GROUP_ORDER), fill_value=0)
    return {
        "sd": sd,
        "cut_sd": float(cut_sd),
        "groups": {name: int(counts[name]) for name in GROUP_ORDER},
        "mean": float(d.mean()),
        "threshold": float(cut_sd) * sd,
        "cut_rule": CUT_RULE,
    }
