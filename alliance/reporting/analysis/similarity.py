"""Similar and dissimilar coach–coachee pairs: the alliance, self-efficacy growth, and a check.

Reviews of the coaching relationship report that similarity (gender, background) helps the
alliance and age difference does not. For each trait this compares the pairs the roster marks as
the same with those it marks as different: the coachee's alliance mean and the growth in
self-efficacy (se_post − se_pre), each with a 95% t interval and n, and Welch's difference. As a
check, the discrepancy ANCOVA is refitted with the similarity as an added covariate: if the
groups' adjusted means barely move, matching does not explain the group result. The age gap is
only correlated. All of it is observational: pairs were not matched at random.

Small cells: a comparison is shown only when both of its sides have at least 5 dyads, and so
do the dyads left out for want of the field (when there are any). Otherwise it is withheld
whole, because the small group could be worked out from the others and the program's overall
mean, which the report shows elsewhere. Only pair-level fields are read; nobody's gender, age
or background is ever known here.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from scipy import stats

from alliance.core.confidentiality import MIN_DYADS_SHOWN
from alliance.reporting.analysis.ancova import adjusted_means, fit_ancova, type3_table
from alliance.reporting.analysis.discrepancy_groups import GROUP_ORDER, discrepancy_groups
from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.pair_similarity import SIMILARITY_TRAITS
from alliance.reporting.analysis.process import mean_ci, suppressed

__all__ = ["MEASURES", "age_gap_correlations", "compare_pairs", "similarity_check",
           "similarity_section"]

MEASURES = ("coachee_alliance", "se_growth")
"""What similar and dissimilar pairs are compared on: the coachee's view, and the outcome."""


def _with_growth(dyads: pd.DataFrame) -> pd.DataFrame:
    return dyads.assign(se_growth=dyads["se_post"] - dyads["se_pre"])


def compare_pairs(dyads: pd.DataFrame, trait: str) -> dict[str, Any]:
    """Mean coachee alliance and self-efficacy growth of same-`trait` vs different pairs.

    Each measure is compared on the dyads that have it; see the module's note on small cells.
    """
    frame, column = _with_growth(dyads), f"same_{trait}"
    known = frame[frame[column].notna()]
    out: dict[str, Any] = {"known": len(known)}
    for measure in MEASURES:
        rows = known.dropna(subset=[measure])
        same = rows.loc[rows[column].astype(bool), measure]
        other = rows.loc[~rows[column].astype(bool), measure]
        unknown = int(frame[measure].notna().sum()) - len(rows)
        if min(len(same), len(other)) < MIN_DYADS_SHOWN or 0 < unknown < MIN_DYADS_SHOWN:
            out[measure] = suppressed()
            continue
        out[measure] = {"similar": mean_ci(same), "dissimilar": mean_ci(other),
                        "difference": _welch(same, other)}
    return out


def _welch(same: pd.Series, other: pd.Series) -> dict[str, float]:
    """Similar − dissimilar with Welch's t interval (no equal-variance assumption)."""
    estimate = float(same.mean() - other.mean())
    if same.std() == 0 and other.std() == 0:
        return {"estimate": estimate, "ci_low": math.nan, "ci_high": math.nan, "p": math.nan}
    test = stats.ttest_ind(same, other, equal_var=False)
    interval = test.confidence_interval(0.95)
    return {"estimate": estimate, "ci_low": float(interval.low),
            "ci_high": float(interval.high), "p": float(test.pvalue)}


def age_gap_correlations(dyads: pd.DataFrame) -> dict[str, Any]:
    """Pearson r of the age gap with the coachee's alliance and with growth, from 5 dyads."""
    frame = _with_growth(dyads)
    out: dict[str, Any] = {"known": int(frame["age_gap"].notna().sum())}
    for measure in MEASURES:
        rows = frame.dropna(subset=["age_gap", measure])
        if len(rows) < MIN_DYADS_SHOWN:
            out[measure] = suppressed()
        elif rows["age_gap"].std() == 0 or rows[measure].std() == 0:
            out[measure] = {"n": len(rows), "error": "no spread to correlate"}
        else:
            result = stats.pearsonr(rows["age_gap"], rows[measure])
            interval = result.confidence_interval(0.95)
            out[measure] = {"n": len(rows), "r": float(result.statistic),
                            "ci_low": float(interval.low), "ci_high": float(interval.high),
                            "p": float(result.pvalue)}
    return out


def similarity_check(complete: pd.DataFrame, trait: str, cut_sd: float = 0.5) -> dict[str, Any]:
    """The discrepancy ANCOVA with and without `same_<trait>` as a covariate, on the same dyads.

    Groups are cut among all complete dyads (as in the main ANCOVA), then the dyads whose trait
    is unknown are left out of both fits. A group under 5 dyads shows no adjusted mean.
    """
    column = f"same_{trait}"
    work = complete.assign(group=discrepancy_groups(complete, cut_sd=cut_sd))
    work = work[work[column].notna()].reset_index(drop=True)
    similar = int(work[column].astype(bool).sum())
    if min(similar, len(work) - similar) < MIN_DYADS_SHOWN:
        return {"n": len(work), **suppressed()}
    work[column] = work[column].astype(bool).astype(float)
    try:
        plain, checked = fit_ancova(work), fit_ancova(work, extra=(column,))
    except ModelNotFittableError as exc:
        return {"n": len(work), "error": f"cannot be fitted: {exc}"}
    counts = work["group"].value_counts()
    term = type3_table(checked).loc[column]
    return {
        "formula": f"se_post ~ group + se_pre + {column}",
        "n": len(work),
        "similar": similar,
        "covariate": {"F": float(term["F"]), "df1": int(term["df1"]), "df2": int(term["df2"]),
                      "p": float(term["p"]), "partial_eta_sq": float(term["partial_eta_sq"])},
        "adjusted_means": _shown_means(adjusted_means(checked), counts),
        "adjusted_means_without": _shown_means(adjusted_means(plain), counts),
    }


def _shown_means(means: pd.DataFrame, counts: pd.Series) -> dict[str, Any]:
    order = [g for g in GROUP_ORDER if g in means.index]
    return {g: ({k: float(v) for k, v in means.loc[g].items()} | {"n": int(counts[g])}
                if int(counts.get(g, 0)) >= MIN_DYADS_SHOWN else suppressed())
            for g in order}


def similarity_section(dyads: pd.DataFrame, cut_sd: float = 0.5) -> dict[str, Any]:
    """Everything the report's similarity page shows, from the dyad frame; pure."""
    traits = [f"same_{t}" for t in SIMILARITY_TRAITS]
    known = dyads[traits].notna().any(axis=1) | dyads["age_gap"].notna()
    if not known.any():
        return {"available": False}
    complete = dyads.dropna(subset=["coach_alliance", "coachee_alliance", "se_pre", "se_post"])
    out: dict[str, Any] = {"available": True, "dyads": int(known.sum())}
    for trait in SIMILARITY_TRAITS:
        out[trait] = {**compare_pairs(dyads, trait),
                      "check": similarity_check(complete.reset_index(drop=True), trait, cut_sd)}
    out["age_gap"] = age_gap_correlations(dyads)
    return out
