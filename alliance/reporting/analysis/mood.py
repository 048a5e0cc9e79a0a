"""Coach mood before sessions and the coachee's alliance rating, within and between dyads.

`coachee_alliance ~ mood_within + mood_between + session + (1 | dyad_id)` by REML, as lme4 fits
it: mood_between is the dyad's mean mood minus the grand mean, mood_within this session's mood
minus the dyad's mean. The within slope asks whether, on days the coach felt better, the coachee
rated the session higher; the between slope whether coaches in a better mood on average have
better-rated alliances. Both are associations in observational data, not effects.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.mixed import (
    SINGULAR_RATIO,
    fit_reml,
    fit_status,
    fixed_effect_rows,
    lme4_fixed_covariance,
)

__all__ = ["MOOD_FORMULA", "mood_model"]

MOOD_FORMULA = "coachee_alliance ~ mood_within + mood_between + session + (1 | dyad_id)"
_NAMES = {
    "intercept": "Intercept",
    "mood_within": "mood_within",
    "mood_between": "mood_between",
    "session": "session",
}


def mood_model(
    data: pd.DataFrame,
    mood: str = "coach_mood",
    dv: str = "coachee_alliance",
    time: str = "session",
    group: str = "dyad_id",
) -> dict[str, object]:
    """The mood section, with the oracle's field names; sessions without a mood left out."""
    work = _prepare(data, mood, dv, time, group)
    model = smf.mixedlm("coachee_alliance ~ mood_within + mood_between + session", data=work,
                        groups=work["dyad_id"])
    fit, method, messages = fit_reml(model)
    dyad_variance, residual_variance = float(fit.cov_re.iloc[0, 0]), float(fit.scale)
    if dyad_variance < SINGULAR_RATIO * residual_variance:
        dyad_variance = 0.0
        messages = ["singular fit: the dyad variance is estimated at zero"]
    covariance = lme4_fixed_covariance(fit, np.array([[dyad_variance]]), residual_variance)
    total = dyad_variance + residual_variance
    return {
        "formula": MOOD_FORMULA,
        **fit_status(fit, method, messages),
        "mood_mean": float(work["mood"].mean()),
        "mood_sd_within": float(work["mood_within"].std(ddof=1)),
        "mood_sd_between": float(work.groupby("dyad_id")["mood"].mean().std(ddof=1)),
        "fixed": fixed_effect_rows(fit, covariance, _NAMES),
        "dyad_variance": dyad_variance,
        "residual_variance": residual_variance,
        "icc": dyad_variance / total if total > 0 else math.nan,
    }


def _prepare(data: pd.DataFrame, mood: str, dv: str, time: str, group: str) -> pd.DataFrame:
    """Rows with a mood and a coachee rating, split into within- and between-dyad parts."""
    work = pd.DataFrame(
        {
            "mood": pd.to_numeric(data[mood], errors="coerce").to_numpy(float),
            "coachee_alliance": data[dv].to_numpy(float),
            "session": data[time].to_numpy(float),
            "dyad_id": data[group].astype(str).to_numpy(object),
        }
    ).dropna()
    work = work.sort_values(["dyad_id", "session"], kind="stable").reset_index(drop=True)
    n_dyads = work["dyad_id"].nunique()
    if n_dyads < 3:
        raise ModelNotFittableError(
            f"{n_dyads} dyads with a mood answer; at least 3 are needed"
        )
    dyad_mean = work.groupby("dyad_id")["mood"].transform("mean")
    work["mood_between"] = dyad_mean - work["mood"].mean()
    work["mood_within"] = work["mood"] - dyad_mean
    design = np.column_stack([np.ones(len(work)), work["mood_within"], work["mood_between"],
                              work["session"]])
    if len(work) <= design.shape[1] + 1 or np.linalg.matrix_rank(design) < design.shape[1]:
        raise ModelNotFittableError(
            "mood does not vary enough, within and between dyads, to separate the two"
        )
    return work
