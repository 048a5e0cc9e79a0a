"""Polynomial regression with response-surface analysis of coach and coachee alliance.

Difference scores hide whether a discrepancy matters in itself; the response surface
(Edwards; Shanock et al., 2010) keeps both ratings and summarises the fitted surface by a1–a5:
slope (a1) and curvature (a2) along the line of agreement X = Y, slope (a3) and curvature (a4)
along the line of disagreement X = −Y, and a5, the asymmetry between the two predictors' curves.
Following Humberg, Nestler & Back (2019), the result also carries the F tests of the quadratic
block and of all five rating terms, a 95% interval per parameter (only those excluding 0 are
read), and the predicted post-test values along both lines with confidence bands.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.regression.linear_model import RegressionResultsWrapper

from alliance.reporting.analysis.answer_scores import DEFAULT_CENTER
from alliance.reporting.analysis.errors import ModelNotFittableError

__all__ = [
    "LINEAR_FORMULA",
    "SURFACE_FORMULA",
    "SURFACE_PARAMETERS",
    "block_test",
    "fit_surface",
    "response_surface",
    "surface_lines",
    "surface_parameters",
]

SURFACE_FORMULA = "se_post ~ se_pre + X + Y + I(X**2) + I(X*Y) + I(Y**2)"
LINEAR_FORMULA = "se_post ~ se_pre + X + Y"  # drawn when the quadratic block adds nothing

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
    center: float = DEFAULT_CENTER,
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
    """a1–a5 as linear combinations c'b, with SE = sqrt(c'Vc) and two-sided t tests. A model
    without the quadratic terms (se_post ~ se_pre + X + Y) gives a1 and a3 only: its a2, a4
    and a5 are 0 by construction, not estimates."""
    names = [name.replace(" ", "") for name in fit.model.exog_names]
    present = [i for i, term in enumerate(_TERMS) if term in names]
    index = [names.index(_TERMS[i]) for i in present]
    b = fit.params.to_numpy()[index]
    v = fit.cov_params().to_numpy()[np.ix_(index, index)]
    rows = {}
    for label, all_weights in SURFACE_PARAMETERS.items():
        if any(w for i, w in enumerate(all_weights) if i not in present):
            continue  # rests on a term the model does not have
        c = np.asarray([all_weights[i] for i in present], dtype=float)
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


def block_test(fit: RegressionResultsWrapper, terms: tuple[str, ...]) -> dict[str, float]:
    """Wald F test that every coefficient in `terms` is 0 (the nested-model F for OLS)."""
    names = [name.replace(" ", "") for name in fit.model.exog_names]
    restriction = np.zeros((len(terms), len(names)))
    for row, term in enumerate(terms):
        restriction[row, names.index(term)] = 1.0
    test = fit.f_test(restriction)
    return {"F": float(np.squeeze(test.fvalue)), "df1": len(terms),
            "df2": round(fit.df_resid), "p": float(test.pvalue)}


def surface_lines(
    fit: RegressionResultsWrapper, work: pd.DataFrame, center: float, points: int = 41
) -> dict[str, object]:
    """Predicted post-test outcome (at the mean baseline) along the agreement line and along a
    disagreement line through the dyads' mean level, over the range the dyads cover, with 95%
    confidence bands. When the quadratic block adds nothing (p ≥ .05) the curves come from the
    model without it, so no curvature the data do not support is drawn."""
    quadratic = block_test(fit, _TERMS[2:])["p"] < 0.05
    model = fit if quadratic else smf.ols(LINEAR_FORMULA, data=work).fit()
    level = (work["X"] + work["Y"]) / 2
    gap = work["X"] - work["Y"]
    m = float(level.mean())
    se_pre = float(work["se_pre"].mean())

    def predicted(x: np.ndarray, y: np.ndarray) -> dict[str, list[float]]:
        grid = pd.DataFrame({"se_pre": se_pre, "X": x, "Y": y})
        frame = model.get_prediction(grid).summary_frame(alpha=0.05)
        return {"fit": frame["mean"].tolist(), "low": frame["mean_ci_lower"].tolist(),
                "high": frame["mean_ci_upper"].tolist()}

    along = np.linspace(float(level.min()), float(level.max()), points)
    across = np.linspace(float(gap.min()), float(gap.max()), points)
    return {
        "model": "quadratic" if quadratic else "linear",
        "formula": SURFACE_FORMULA if quadratic else LINEAR_FORMULA,
        "parameters": _with_intervals(model),  # of the model drawn: the curves' slopes
        "se_pre": se_pre,
        "level": m + center,
        "agreement": {"x": (along + center).tolist(), **predicted(along, along)},
        "disagreement": {"x": across.tolist(), **predicted(m + across / 2, m - across / 2)},
    }


def _with_intervals(fit: RegressionResultsWrapper) -> dict[str, dict[str, float]]:
    """The fit's surface parameters with their 95% intervals, as plain numbers."""
    t_crit = float(stats.t.ppf(0.975, fit.df_resid))
    return {
        str(label): {
            "estimate": float(row["estimate"]),
            "se": float(row["se"]),
            "t": float(row["t"]),
            "df": int(row["df"]),
            "p": float(row["p"]),
            "ci_low": float(row["estimate"] - t_crit * row["se"]),
            "ci_high": float(row["estimate"] + t_crit * row["se"]),
        }
        for label, row in surface_parameters(fit).iterrows()
    }


def response_surface(
    data: pd.DataFrame,
    dv: str = "se_post",
    coach: str = "coach_alliance",
    coachee: str = "coachee_alliance",
    covar: str = "se_pre",
    center: float = DEFAULT_CENTER,
) -> dict[str, object]:
    """The response-surface section of the report, laid out like the oracle's object."""
    fit = fit_surface(data, dv, coach, coachee, covar, center)
    result: dict[str, object] = {"center": float(center), "formula": SURFACE_FORMULA}
    result.update(_with_intervals(fit))  # a1–a5 of the full model, as R's oracle has them
    result["quadratic_block"] = block_test(fit, _TERMS[2:])
    result["alliance_block"] = block_test(fit, _TERMS)
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
    result["lines"] = surface_lines(fit, fit.model.data.frame, center)
    return result
