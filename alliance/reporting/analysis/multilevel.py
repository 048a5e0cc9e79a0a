"""Session-level mixed model: how closely the coachee's alliance tracks the coach's, over time.

`coachee_alliance ~ I(coach_alliance - center) + session + (1 | dyad_id)`, fitted by REML as
lme4 does. The coach slope is tracking accuracy, the intercept the coachee's rating when the coach
sits at the scale midpoint, and the mean of coach − coachee the directional bias.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.regression.mixed_linear_model import MixedLMResultsWrapper

from alliance.reporting.analysis.answer_scores import DEFAULT_CENTER
from alliance.reporting.analysis.errors import ModelNotFittableError
from alliance.reporting.analysis.mixed import (
    OPTIMIZERS,
    SINGULAR_RATIO,
    fit_reml,
    fit_status,
    fixed_effect_rows,
    lme4_fixed_covariance,
)

__all__ = [
    "MIXED_FORMULA",
    "OPTIMIZERS",
    "SINGULAR_RATIO",
    "fit_session_model",
    "per_session_means",
    "session_model",
]

MIXED_FORMULA = "coachee_alliance ~ I(coach_alliance - center) + session + (1 | dyad_id)"
SINGULAR_WARNING = (
    "singular fit: the dyad variance is estimated at zero (no between-dyad differences beyond "
    "what the coach ratings explain)"
)
_FIXED_FORMULA = "coachee_alliance ~ coach_centered + session"
_FIXED_NAMES = {"intercept": "Intercept", "coach": "coach_centered", "session": "session"}


def fit_session_model(
    data: pd.DataFrame,
    dv: str = "coachee_alliance",
    predictor: str = "coach_alliance",
    time: str = "session",
    group: str = "dyad_id",
    center: float = DEFAULT_CENTER,
) -> tuple[MixedLMResultsWrapper, str, list[str]]:
    """Fit the REML random-intercept model; return the fit, the optimiser used and its warnings."""
    work = _prepare(data, dv, predictor, time, group, center)
    return fit_reml(smf.mixedlm(_FIXED_FORMULA, data=work, groups=work["dyad_id"]))


def session_model(
    data: pd.DataFrame,
    dv: str = "coachee_alliance",
    predictor: str = "coach_alliance",
    time: str = "session",
    group: str = "dyad_id",
    center: float = DEFAULT_CENTER,
) -> dict[str, object]:
    """The session-model section of the report, laid out like the oracle's object."""
    data = data.sort_values([group, time], kind="stable").reset_index(drop=True)
    fit, method, messages = fit_session_model(data, dv, predictor, time, group, center)
    dyad_variance = float(fit.cov_re.iloc[0, 0])
    residual_variance = float(fit.scale)
    if dyad_variance < SINGULAR_RATIO * residual_variance:
        # lme4 reports a boundary (singular) fit as exactly zero; optimisers here stop at ~1e-10.
        dyad_variance = 0.0
        messages = [SINGULAR_WARNING]
    covariance = lme4_fixed_covariance(fit, np.array([[dyad_variance]]), residual_variance)
    fixed = fixed_effect_rows(fit, covariance, _FIXED_NAMES)
    bias = data[predictor].astype(float) - data[dv].astype(float)
    total = dyad_variance + residual_variance
    return {
        "formula": MIXED_FORMULA,
        "center": float(center),
        **fit_status(fit, method, messages),
        "fixed": fixed,
        "dyad_variance": dyad_variance,
        "residual_variance": residual_variance,
        "icc": dyad_variance / total if total > 0 else math.nan,
        "mean_bias": float(bias.mean()),
        "mean_abs_discrepancy": float(bias.abs().mean()),
        "loglik_reml": float(fit.llf),
        "per_session": per_session_means(data, dv, predictor, time),
    }


def per_session_means(
    data: pd.DataFrame,
    dv: str = "coachee_alliance",
    predictor: str = "coach_alliance",
    time: str = "session",
) -> list[dict[str, float | int]]:
    """Mean coach and coachee alliance per session number, for trajectories in the report."""
    frame = pd.DataFrame(
        {
            "session": data[time].astype(float),
            "coach": data[predictor].astype(float),
            "coachee": data[dv].astype(float),
        }
    )
    rows = []
    for session, part in frame.groupby("session", sort=True):
        rows.append(
            {
                "session": int(session) if float(session).is_integer() else float(session),
                "n": len(part),
                "coach_mean": float(part["coach"].mean()),
                "coachee_mean": float(part["coachee"].mean()),
                "mean_bias": float((part["coach"] - part["coachee"]).mean()),
            }
        )
    return rows


def _prepare(
    data: pd.DataFrame, dv: str, predictor: str, time: str, group: str, center: float
) -> pd.DataFrame:
    """Canonical columns sorted by dyad and session, so row order cannot sway the optimiser."""
    work = pd.DataFrame(
        {
            "coachee_alliance": data[dv].to_numpy(float),
            "coach_centered": data[predictor].to_numpy(float) - center,
            "session": data[time].to_numpy(float),
            "dyad_id": data[group].astype(str).to_numpy(object),
        }
    )
    work = work.sort_values(["dyad_id", "session"], kind="stable").reset_index(drop=True)
    n_dyads = work["dyad_id"].nunique()
    if n_dyads < 2:
        raise ModelNotFittableError(f"{n_dyads} dyad; at least 2 are needed for a dyad variance")
    if len(work) <= n_dyads:
        raise ModelNotFittableError("every dyad has a single session; no within-dyad variance")
    if work["session"].nunique() < 2:
        raise ModelNotFittableError("all rows have the same session number")
    design = np.column_stack([np.ones(len(work)), work["coach_centered"], work["session"]])
    if np.linalg.matrix_rank(design) < design.shape[1] or len(work) <= design.shape[1] + 1:
        raise ModelNotFittableError("coach alliance and session do not vary enough")
    return work
