"""Polynomial regression with response-surface analysis of coach and coachee alliance.

Difference scores hide whether a discrepancy matters in itself; the response surface
(Edwards; Shanock et al., 2010) keeps both ratings and summarises the fitted surface by a1–a5:
slope (a1) and curvature (a2) along the line of agreement X = Y, slope (a3) and curvature (a4)
along the line of disagreement X = −Y, and a5, the asymmetry between the two predictors' curves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.regression.linear_model import RegressionResultsWrapper

from alliance.analysis.errors import ModelNotFittableError

__all__ = [
    "SURFACE_FORMULA",
    "SURFACE_PARAMETERS",
    "fit_surface",
    "response_surface",
    "surface_parameters",
]

SURFACE_FORMULA = "se_post ~ se_pre + X + Y + I(X**2) + I(X*Y) + I(Y**2)"

_TERMS = ("X", "Y", "I(X**2)", "I(X*Y)", "I(Y**2)")
SURFACE_PARAMETERS: dict[str, tuple[float, float, float, float, float]] = {
    # weights on (b_X, b_Y, b_X², b_XY, b_Y²)
    "a1": (1, 1, 0, 0, 0),
    "a2": (0, 0, 1, 1, 1),
    "a3": (1, -1, 0, 0, 0),
    "a4": (0, 0, 1, -1, 1),
    "a5": (0, 0, 1, 0, -1),
}


def fit_surface(
    data: pd.DataFrame,
    dv: str = "se_post",
    coach: str = "coach_alliance",
    coachee: str = "coachee_alliance",
    covar: str = "se_pre",
    center: float = 5.0,
) -> RegressionResultsWrapper:
    """Fit the quadratic surface with X = coach − center and Y = coachee − center."""
    work = pd.DataFrame(
        {
            "se_post": data[dv].to_numpy(float),
            "se_pre": data[covar].to_numpy(float),
            "X": data[coach].to_numpy(float) - center,
            "Y": data[coachee].to_numpy(float) - center,
        }
    )
    n_parameters = 1 + 1 + len(_TERMS)
    if len(work) <= n_parameters:
        raise ModelNotFittableError(
            f"{len(work)} dyads for {n_parameters} coefficients; "
            f"at least {n_parameters + 1} dyads are needed"
        )
    model = smf.ols(SURFACE_FORMULA, data=work)
    if np.linalg.matrix_rank(model.exog) < model.exog.shape[1]:
        raise ModelNotFittableError(
            "the ratings do not vary enough to separate the surface terms (collinear design)"
        )
    return model.fit()


def surface_parameters(fit: RegressionResultsWrapper) -> pd.DataFrame:
    """a1–a5 as linear combinations c'b, with SE = sqrt(c'Vc) and two-sided t tests."""
    names = [name.replace(" ", "") for name in fit.model.exog_names]
    index = [names.index(term) for term in _TERMS]
    b = fit.params.to_numpy()[index]
    v = fit.cov_params().to_numpy()[np.ix_(index, index)]
    rows = {}
    for label, weights in SURFACE_PARAMETERS.items():
        c = np.asarray(weights, dtype=float)
        estimate, se = float(c @ b), float(np.sqrt(c @ v @ c))
        t = estimate / se
        rows[label] = {
            "estimate": estimate,
            "se": se,
            "t": t,
            "df": round(fit.df_resid),
            "p": float(2 * stats.t.sf(abs(t), fit.df_resid)),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def response_surface(
    data: pd.DataFrame,
    dv: str = "se_post",
    coach: str = "coach_alliance",
    coachee: str = "coachee_alliance",
    covar: str = "se_pre",
    center: float = 5.0,
) -> dict[str, object]:
    """The response-surface section of the report, laid out like the oracle's object."""
    fit = fit_surface(data, dv, coach, coachee, covar, center)
    table = surface_parameters(fit)
    result: dict[str, object] = {"center": float(center), "formula": SURFACE_FORMULA}
    for label, row in table.iterrows():
        result[str(label)] = {
            "estimate": float(row["estimate"]),
            "se": float(row["se"]),
            "t": float(row["t"]),
            "df": int(row["df"]),
            "p": float(row["p"]),
        }
    result["r2"] = float(fit.rsquared)
    result["adj_r2"] = float(fit.rsquared_adj)
    result["n"] = int(fit.nobs)
    result["coefficients"] = {
        name.replace(" ", ""): {
            "estimate": float(fit.params.iloc[i]),
            "se": float(fit.bse.iloc[i]),
            "p": float(fit.pvalues.iloc[i]),
        }
        for i, name in enumerate(fit.model.exog_names)
    }
    return result
