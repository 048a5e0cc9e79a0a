"""Coach accuracy: the truth-and-bias model of West & Kenny (2011), fitted as lme4 would.

The coach's prediction of the coachee's rating (judgment) is regressed on the coachee's actual
rating (truth) and on the coach's own rating (assumed similarity), all three centred on the mean
of the truth, with a random intercept and truth slope per dyad, by REML:
`judgment ~ truth + own + (1 + truth | dyad_id)`. The intercept is the directional bias (> 0:
coaches think their coachees rate the work higher than they do), the truth slope the truth force
(how well coaches follow the ups and downs), the own slope assumed similarity (projection).
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

__all__ = ["ACCURACY_FORMULA", "accuracy_model"]

ACCURACY_FORMULA = "judgment ~ truth + own + (1 + truth | dyad_id)"
_NAMES = {"directional_bias": "Intercept", "truth_force": "truth", "assumed_similarity": "own"}


def accuracy_model(
    data: pd.DataFrame,
    judgment: str = "coach_prediction",
    truth: str = "coachee_alliance",
    own: str = "coach_alliance",
    group: str = "dyad_id",
) -> dict[str, object]:
    """The accuracy section, with the oracle's field names; rows without a prediction left out."""
    work = _prepare(data, judgment, truth, own, group)
    truth_mean = float(work["truth_raw"].mean())
    for column in ("judgment", "truth", "own"):
        work[column] = work[column] - truth_mean
    model = smf.mixedlm("judgment ~ truth + own", data=work, groups=work["dyad_id"],
                        re_formula="~truth")
    fit, method, messages = fit_reml(model)
    cov_re = np.asarray(fit.cov_re, dtype=float)
    residual_variance = float(fit.scale)
    bias_variance, force_variance = float(cov_re[0, 0]), float(cov_re[1, 1])
    if min(bias_variance, force_variance) < SINGULAR_RATIO * residual_variance:
        messages = [*messages, "singular fit: a per-dyad variance is estimated at zero"]
    product = bias_variance * force_variance
    correlation = float(cov_re[0, 1] / math.sqrt(product)) if product > 0 else math.nan
    if math.isfinite(correlation) and abs(correlation) > 1 - 1e-6:
        messages = [*messages, "singular fit: bias and truth force are perfectly correlated"]
    covariance = lme4_fixed_covariance(fit, cov_re, residual_variance)
    fixed = fixed_effect_rows(fit, covariance, _NAMES)
    return {
        "formula": ACCURACY_FORMULA,
        **fit_status(fit, method, messages),
        "n_coaches": int(work["coach_id"].nunique()),
        "truth_mean": truth_mean,
        **fixed,
        "bias_variance": bias_variance,
        "truth_force_variance": force_variance,
        "bias_force_correlation": correlation,
        "residual_variance": residual_variance,
        "reml_criterion": float(-2 * fit.llf),
        "mean_prediction_gap": float((work["judgment"] - work["truth"]).mean()),
    }


def _prepare(
    data: pd.DataFrame, judgment: str, truth: str, own: str, group: str
) -> pd.DataFrame:
    """Rows with all three ratings, sorted by dyad and session so row order cannot matter."""
    work = pd.DataFrame(
        {
            "judgment": pd.to_numeric(data[judgment], errors="coerce").to_numpy(float),
            "truth_raw": data[truth].to_numpy(float),
            "own": data[own].to_numpy(float),
            "dyad_id": data[group].astype(str).to_numpy(object),
            "coach_id": (data["coach_id"].astype(str) if "coach_id" in data
                         else data[group].astype(str)).to_numpy(object),
            "session": data["session"].to_numpy(float) if "session" in data else 0.0,
        }
    ).dropna(subset=["judgment", "truth_raw", "own"])
    work = work.sort_values(["dyad_id", "session"], kind="stable").reset_index(drop=True)
    work["truth"] = work["truth_raw"]
    n_dyads = work["dyad_id"].nunique()
    if n_dyads < 3:
        raise ModelNotFittableError(
            f"{n_dyads} dyads with predictions; at least 3 are needed for per-dyad variances"
        )
    if len(work) < 2 * n_dyads:
        raise ModelNotFittableError("too few sessions with a prediction per dyad for a slope")
    design = np.column_stack([np.ones(len(work)), work["truth"], work["own"]])
    if np.linalg.matrix_rank(design) < 3:
        raise ModelNotFittableError("the coachee's and the coach's ratings do not vary enough")
    return work
