"""The five coach attributes: the program's profile, and how each goes with the coachee's alliance.

Reviews of the coaching relationship name five coach attributes behind a good alliance (trust
building; understanding and managing emotions; two-way communication; facilitating learning; a
clear contract and process). The optional mid-program check asks each coachee once. Per
attribute this gives the mean with a 95% t interval, the share of low ratings, and Pearson's r
with the coachee's mean alliance over their check-ins, with its n.

"Low" is the lower third of the instrument's scale: a rating below min + (max − min) / 3, so
0 to 3 on the shipped 0–10 scale. The whole section is withheld under 5 dyads, and so is any
attribute or correlation resting on fewer: with four answers a lead could guess who said what.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from scipy import stats

from alliance.core.confidentiality import MIN_DYADS_SHOWN
from alliance.reporting.analysis.process import mean_ci, suppressed

__all__ = ["ATTRIBUTES", "attribute_profile", "low_threshold"]

ATTRIBUTES = ("trust", "emotions", "communication", "learning", "contract")
"""Item ids of the shipped five-attribute check, in the order it asks them."""

KIND = "five_attributes"


def low_threshold(scale: tuple[float, float]) -> float:
    """Ratings below this are "low": the lower third of the scale."""
    low, high = scale
    return low + (high - low) / 3


def attribute_ratings(answers: pd.DataFrame) -> pd.DataFrame:
    """One row per dyad, one column per attribute, from the answer frame (mean if asked twice)."""
    rows = answers[(answers["kind"] == KIND) & answers["dyad_id"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=list(ATTRIBUTES), dtype="float64")
    table = rows.pivot_table(index="dyad_id", columns="item", values="value", aggfunc="mean")
    return table.reindex(columns=list(ATTRIBUTES)).astype("float64")


def attribute_profile(
    answers: pd.DataFrame, dyads: pd.DataFrame, *, scale: tuple[float, float] = (0.0, 10.0)
) -> dict[str, Any]:
    """Everything the report's five-attribute page shows; pure (frames in, numbers out).

    `answers` has the answer frame's columns (kind, dyad_id, item, value); `dyads` has dyad_id
    and coachee_alliance.
    """
    ratings = attribute_ratings(answers)
    n_dyads = int(ratings.notna().any(axis=1).sum())
    cut = low_threshold(scale)
    out: dict[str, Any] = {"n_dyads": n_dyads, "need": MIN_DYADS_SHOWN, "scale": list(scale),
                           "low_below": cut}
    if n_dyads < MIN_DYADS_SHOWN:
        return {**out, "not_enough_data": True}
    alliance = dyads.set_index("dyad_id")["coachee_alliance"].astype("float64")
    out["attributes"] = {name: _attribute(ratings[name], alliance, cut) for name in ATTRIBUTES}
    return out


def _attribute(values: pd.Series, alliance: pd.Series, cut: float) -> dict[str, Any]:
    rated = values.dropna()
    if len(rated) < MIN_DYADS_SHOWN:
        return {"n": len(rated), **suppressed()}
    low = int((rated < cut).sum())
    return {**mean_ci(rated), "low": low, "low_share": low / len(rated),
            "alliance": _correlation(rated, alliance)}


def _correlation(values: pd.Series, alliance: pd.Series) -> dict[str, Any]:
    """Pearson r with the coachee's mean alliance, on the dyads that have both."""
    pairs = pd.concat([values.rename("x"), alliance.rename("y")], axis=1, join="inner").dropna()
    n = len(pairs)
    if n < MIN_DYADS_SHOWN:
        return {"n": n, **suppressed()}
    if pairs["x"].std() == 0 or pairs["y"].std() == 0:
        return {"n": n, "error": "no spread to correlate"}
    result = stats.pearsonr(pairs["x"], pairs["y"])
    interval = result.confidence_interval(0.95)
    r = float(result.statistic)
    return {"n": n, "r": r, "ci_low": float(interval.low), "ci_high": float(interval.high),
            "p": float(result.pvalue) if not math.isnan(r) else math.nan}
