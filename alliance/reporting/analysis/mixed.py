"""What every REML mixed model here shares: one optimiser with a fallback, and lme4's SEs.

statsmodels' `MixedLM` does the fitting. Two things are added so the results agree with lme4:
the optimiser is tried once and the others only if it does not converge (trying them all and
keeping the best costs four fits on a large program for the same answer), and the fixed-effect
standard errors are those of `vcov()` in lme4, (X' V⁻¹ X)⁻¹ at the REML variances.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping

import numpy as np
from scipy import stats
from statsmodels.regression.mixed_linear_model import MixedLM, MixedLMResultsWrapper

from alliance.reporting.analysis.errors import ModelNotFittableError

__all__ = [
    "OPTIMIZERS",
    "SINGULAR_RATIO",
    "fit_reml",
    "fit_status",
    "fixed_effect_rows",
    "lme4_fixed_covariance",
]

OPTIMIZERS = ("lbfgs", "bfgs", "powell", "nm")
"""The first is used; the next ones only when the previous did not converge."""
SINGULAR_RATIO = 1e-8
"""A random-effect variance below this fraction of the residual variance is reported as zero."""


def fit_reml(model: MixedLM) -> tuple[MixedLMResultsWrapper, str, list[str]]:
    """Fit by REML with the first optimiser that converges; return fit, optimiser, warnings.

    When none converges the fit with the highest REML likelihood is returned and the caller
    reports that it did not converge.
    """
    fallback: tuple[MixedLMResultsWrapper, str, list[str]] | None = None
    for method in OPTIMIZERS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                fit = model.fit(reml=True, method=method)
            except (np.linalg.LinAlgError, ValueError, FloatingPointError):
                continue
        if not math.isfinite(fit.llf) or not math.isfinite(fit.scale):
            continue
        messages = sorted({str(w.message) for w in caught})
        if fit.converged:
            return fit, method, messages
        if fallback is None or float(fit.llf) > float(fallback[0].llf):
            fallback = (fit, method, messages)
    if fallback is None:
        raise ModelNotFittableError("no optimiser reached a finite REML likelihood")
    return fallback


def fit_status(
    fit: MixedLMResultsWrapper, method: str, messages: list[str]
) -> dict[str, object]:
    """Sample size, convergence, optimiser and warnings: the fields every mixed model reports."""
    return {
        "n_obs": int(fit.model.nobs),
        "n_dyads": len(fit.model.group_labels),
        "converged": bool(fit.converged),
        "optimizer": method,
        "warnings": messages if fit.converged else [*messages, "the optimiser did not converge"],
    }


def lme4_fixed_covariance(
    fit: MixedLMResultsWrapper, cov_re: np.ndarray, residual_variance: float
) -> np.ndarray:
    """(X' V⁻¹ X)⁻¹ with V = Z G Z' + σ² I per group: the covariance lme4's `vcov()` reports.

    statsmodels' own SEs come from the observed Hessian of all parameters and break down when
    a variance sits on the boundary at zero; this form does not. Written with the push-through
    identity so a singular G is fine, and batched over groups so 10,000 dyads take no time.
    """
    model = fit.model
    exog = np.asarray(model.exog, dtype=float)
    exog_re = np.asarray(model.exog_re, dtype=float)
    codes = np.empty(len(exog), dtype=np.intp)
    for k, label in enumerate(model.group_labels):
        codes[model.row_indices[label]] = k
    n_groups, p, q = len(model.group_labels), exog.shape[1], exog_re.shape[1]

    def per_group(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        products = np.einsum("ni,nj->nij", a, b).reshape(len(a), -1)
        sums = np.zeros((n_groups, products.shape[1]))
        np.add.at(sums, codes, products)
        return sums.reshape(n_groups, a.shape[1], b.shape[1])

    xx, zx, zz = per_group(exog, exog), per_group(exog_re, exog), per_group(exog_re, exog_re)
    c = np.asarray(cov_re, dtype=float) / residual_variance
    inner = np.eye(q)[None, :, :] + zz @ c
    correction = np.transpose(zx, (0, 2, 1)) @ c @ np.linalg.solve(inner, zx)
    information = (xx - correction).sum(axis=0) / residual_variance
    covariance: np.ndarray = np.linalg.inv(information.reshape(p, p))
    return covariance


def fixed_effect_rows(
    fit: MixedLMResultsWrapper, covariance: np.ndarray, names: Mapping[str, str]
) -> dict[str, dict[str, float]]:
    """Estimate, SE, Wald z, p and 95% interval per fixed effect, under the report's labels.

    lme4 gives no p-values for mixed models; the Wald z here is for reading, not for the oracle.
    """
    order = list(fit.model.exog_names)
    z_crit = float(stats.norm.ppf(0.975))
    rows: dict[str, dict[str, float]] = {}
    for label, name in names.items():
        estimate = float(fit.fe_params[name])
        i = order.index(name)
        se = float(math.sqrt(covariance[i, i]))
        z = estimate / se if se > 0 else math.nan
        rows[label] = {
            "estimate": estimate,
            "se": se,
            "t": z,
            "p_wald": float(2 * stats.norm.sf(abs(z))) if math.isfinite(z) else math.nan,
            "ci_low": estimate - z_crit * se,
            "ci_high": estimate + z_crit * se,
        }
    return rows
