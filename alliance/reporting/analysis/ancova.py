"""ANCOVA of post self-efficacy on discrepancy group, adjusting for pre self-efficacy.

Reproduces R's `car::Anova(lm(se_post ~ group + se_pre, contrasts = contr.sum), type = 3)` and
`emmeans`: Type III tests are Wald F tests of each term's coefficients under sum-to-zero coding,
computed here from the fitted coefficients and their covariance rather than through
`anova_lm(typ=3)`, so the result does not depend on how a formula engine names or orders terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.regression.linear_model import RegressionResultsWrapper
from statsmodels.stats.multitest import multipletests

from alliance.reporting.analysis.discrepancy_groups import GROUP_ORDER
from alliance.reporting.analysis.errors import ModelNotFittableError

__all__ = [
    "ANCOVA_FORMULA",
    "MIN_GROUP_SIZE",
    "SLOPES_FORMULA",
    "SMALL_GROUP_SIZE",
    "adjusted_means",
    "ancova",
    "fit_ancova",
    "levene_test",
    "pairwise_comparisons",
    "residual_normality",
    "slopes_homogeneity",
    "type3_table",
]

ANCOVA_FORMULA = "se_post ~ C(group, Sum) + se_pre"
SLOPES_FORMULA = "se_post ~ C(group, Sum) * se_pre"
MIN_GROUP_SIZE = 2
"""A group needs two dyads to have any residual variance of its own."""
SMALL_GROUP_SIZE = 5
"""Below this many dyads a group's adjusted mean rests on too little data to trust."""

_GROUP_TERM = "C(group, Sum)"


def fit_ancova(
    data: pd.DataFrame, dv: str = "se_post", between: str = "group", covar: str = "se_pre",
    extra: Sequence[str] = (),
) -> RegressionResultsWrapper:
    """Fit `se_post ~ C(group, Sum) + se_pre`; raise `ModelNotFittableError` on thin data.

    `extra` adds numeric covariates under their own names (a check such as pair similarity,
    coded 0/1); adjusted means then hold every covariate at its mean, as emmeans does.
    """
    work = _prepare(data, dv, between, covar, extra)
    model = smf.ols(" + ".join([ANCOVA_FORMULA, *extra]), data=work)
    if not _full_rank(model.exog):
        names = " or ".join([covar, *extra])
        raise ModelNotFittableError(f"{names} is constant or collinear with the groups")
    return model.fit()


def type3_table(fit: RegressionResultsWrapper) -> pd.DataFrame:
    """Type III F test of every term (sum-to-zero coding makes these match car::Anova type 3)."""
    rows = {}
    for term, columns in _term_columns(fit).items():
        f, df1, df2, p = _wald_f(fit, columns)
        rows[term] = {
            "F": f,
            "df1": df1,
            "df2": df2,
            "p": p,
            "partial_eta_sq": f * df1 / (f * df1 + df2),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def adjusted_means(fit: RegressionResultsWrapper, alpha: float = 0.05) -> pd.DataFrame:
    """Estimated marginal means at the mean covariate, groups weighted equally (as emmeans)."""
    weights = _emmeans_weights(fit)
    b, v = fit.params.to_numpy(), fit.cov_params().to_numpy()
    mean = weights @ b
    se = np.sqrt(np.einsum("ij,jk,ik->i", weights, v, weights))
    t = stats.t.ppf(1 - alpha / 2, fit.df_resid)
    return pd.DataFrame(
        {"mean": mean, "se": se, "ci_low": mean - t * se, "ci_high": mean + t * se},
        index=pd.Index(_levels(fit), name="group"),
    )


def pairwise_comparisons(fit: RegressionResultsWrapper) -> pd.DataFrame:
    """All differences of adjusted means with Holm-adjusted p (emmeans `pairs(adjust="holm")`)."""
    weights = _emmeans_weights(fit)
    levels = _levels(fit)
    b, v = fit.params.to_numpy(), fit.cov_params().to_numpy()
    rows = []
    for i, j in combinations(range(len(levels)), 2):
        c = weights[i] - weights[j]
        estimate, se = float(c @ b), float(np.sqrt(c @ v @ c))
        t = estimate / se
        rows.append(
            {
                "contrast": f"{levels[i]} - {levels[j]}",
                "estimate": estimate,
                "se": se,
                "df": int(fit.df_resid),
                "t": t,
                "p": float(2 * stats.t.sf(abs(t), fit.df_resid)),
            }
        )
    table = pd.DataFrame(rows)
    table["p_holm"] = multipletests(table["p"].to_numpy(), method="holm")[1]
    return table


def slopes_homogeneity(
    data: pd.DataFrame, dv: str = "se_post", between: str = "group", covar: str = "se_pre"
) -> dict[str, float | int | str]:
    """Type III test of group × covariate in `se_post ~ C(group, Sum) * se_pre`.

    ANCOVA assumes one common slope; a small p says the groups' slopes differ.
    """
    work = _prepare(data, dv, between, covar)
    model = smf.ols(SLOPES_FORMULA, data=work)
    if model.exog.shape[0] <= model.exog.shape[1] or not _full_rank(model.exog):
        return {"error": "cannot be tested: too few dyads or too little spread of the covariate"}
    fit = model.fit()
    interaction = [c for c in fit.model.exog_names if ":" in c]
    f, df1, df2, p = _wald_f(fit, interaction)
    return {"F": f, "df1": df1, "df2": df2, "p": p}


def levene_test(
    data: pd.DataFrame, dv: str = "se_post", between: str = "group"
) -> dict[str, float | int | str]:
    """Brown–Forsythe (median-centred) Levene test of the outcome across groups.

    This is car::leveneTest's default, applied to the outcome rather than the residuals.
    """
    groups = [g[dv].to_numpy(float) for _, g in data.groupby(between, observed=True)]
    f, p = stats.levene(*groups, center="median")
    n = sum(len(g) for g in groups)
    return {
        "F": float(f),
        "df1": len(groups) - 1,
        "df2": n - len(groups),
        "p": float(p),
        "center": "median",
        "variable": dv,
    }


def residual_normality(fit: RegressionResultsWrapper) -> dict[str, float | str]:
    """Shapiro–Wilk test of the ANCOVA residuals (the same algorithm as R's shapiro.test)."""
    w, p = stats.shapiro(np.asarray(fit.resid, dtype=float))
    return {"test": "Shapiro-Wilk", "variable": "residuals", "W": float(w), "p": float(p)}


def ancova(
    data: pd.DataFrame, dv: str = "se_post", between: str = "group", covar: str = "se_pre"
) -> dict[str, object]:
    """The whole ANCOVA section of the report, laid out like the oracle's `ancova` object."""
    fit = fit_ancova(data, dv, between, covar)
    table = type3_table(fit)
    means = adjusted_means(fit)
    counts = data[between].value_counts()
    warnings = [
        f'group "{name}" has only {int(counts[name])} dyads; its adjusted mean is imprecise'
        for name in _levels(fit)
        if counts[name] < SMALL_GROUP_SIZE
    ]
    slopes = slopes_homogeneity(data, dv, between, covar)
    if "p" in slopes and float(slopes["p"]) < 0.05:
        warnings.append("the slope of se_pre differs between groups (p < .05); ANCOVA assumes not")
    return {
        "formula": ANCOVA_FORMULA,
        "group": _test_row(table, _GROUP_TERM),
        "covariate": _test_row(table, "se_pre"),
        "covariate_mean": float(fit.model.data.frame["se_pre"].mean()),
        "adjusted_means": {name: row.to_dict() for name, row in means.iterrows()},
        "pairwise": pairwise_comparisons(fit).to_dict(orient="records"),
        "pairwise_adjust": "holm",
        "slopes_homogeneity": slopes,
        "levene": levene_test(data, dv, between),
        "normality": residual_normality(fit),
        "warnings": warnings,
    }


def _prepare(
    data: pd.DataFrame, dv: str, between: str, covar: str, extra: Sequence[str] = ()
) -> pd.DataFrame:
    """Copy the columns under the formula's names, groups ordered under/accurate/over."""
    groups = data[between]
    if isinstance(groups.dtype, pd.CategoricalDtype):
        levels = [str(c) for c in groups.cat.categories]
    else:
        present = {str(v) for v in groups}
        levels = [g for g in GROUP_ORDER if g in present] + sorted(present - set(GROUP_ORDER))
    labels = groups.astype(str)
    counts = labels.value_counts()
    for level in levels:
        n = int(counts.get(level, 0))
        if n < MIN_GROUP_SIZE:
            raise ModelNotFittableError(
                f'group "{level}" has {n} dyad{"" if n == 1 else "s"}; '
                f"every group needs at least {MIN_GROUP_SIZE}"
            )
    if len(levels) < 2:
        raise ModelNotFittableError("fewer than two groups")
    return pd.DataFrame(
        {
            "se_post": data[dv].to_numpy(float),
            "group": pd.Categorical(labels.to_numpy(object), categories=levels),
            "se_pre": data[covar].to_numpy(float),
            **{name: data[name].to_numpy(float) for name in extra},
        }
    )


def _full_rank(exog: np.ndarray) -> bool:
    return bool(np.linalg.matrix_rank(exog) == exog.shape[1])


def _test_row(table: pd.DataFrame, term: str) -> dict[str, float | int]:
    row = table.loc[term]
    return {
        "F": float(row["F"]),
        "df1": int(row["df1"]),
        "df2": int(row["df2"]),
        "p": float(row["p"]),
        "partial_eta_sq": float(row["partial_eta_sq"]),
    }


def _levels(fit: RegressionResultsWrapper) -> list[str]:
    return [str(c) for c in fit.model.data.frame["group"].cat.categories]


def _term_columns(fit: RegressionResultsWrapper) -> dict[str, list[str]]:
    """Coefficient names of each model term, found by name so any formula engine will do."""
    names = list(fit.model.exog_names)
    terms: dict[str, list[str]] = {}
    for name in names:
        if ":" in name:
            term = f"{_GROUP_TERM}:se_pre"
        elif name.startswith("C(group"):
            term = _GROUP_TERM
        else:
            term = name
        terms.setdefault(term, []).append(name)
    return terms


def _wald_f(fit: RegressionResultsWrapper, columns: list[str]) -> tuple[float, int, int, float]:
    """F = b' V⁻¹ b / q for the coefficients `columns` (V from the residual mean square)."""
    index = [list(fit.model.exog_names).index(c) for c in columns]
    b = fit.params.to_numpy()[index]
    v = fit.cov_params().to_numpy()[np.ix_(index, index)]
    q, df2 = len(index), round(fit.df_resid)
    f = float(b @ np.linalg.solve(v, b) / q)
    return f, q, df2, float(stats.f.sf(f, q, df2))


def _emmeans_weights(fit: RegressionResultsWrapper) -> np.ndarray:
    """One row of coefficient weights per group: intercept + group effect + each covariate's
    slope × its mean (se_pre, and any added covariate).

    Sum coding gives level j < K the effect b_j and the last level −Σ b_j. The rows are checked
    against the model's own predictions so an engine that laid columns out differently fails loudly.
    """
    names = list(fit.model.exog_names)
    levels = _levels(fit)
    group_cols = [names.index(n) for n in names if n.startswith("C(group") and ":" not in n]
    if len(group_cols) != len(levels) - 1:
        raise RuntimeError(f"unexpected ANCOVA design columns: {names}")
    frame = fit.model.data.frame
    at_mean = {n: float(frame[n].mean()) for n in names
               if n != "Intercept" and not n.startswith("C(group")}
    weights = np.zeros((len(levels), len(names)))
    weights[:, names.index("Intercept")] = 1.0
    for name, mean in at_mean.items():
        weights[:, names.index(name)] = mean
    for j in range(len(levels)):
        if j < len(levels) - 1:
            weights[j, group_cols[j]] = 1.0
        else:
            weights[j, group_cols] = -1.0
    grid = pd.DataFrame(
        {
            "group": pd.Categorical(levels, categories=levels),
            **at_mean,
        }
    )
    predicted = np.asarray(fit.predict(grid), dtype=float)
    if not np.allclose(weights @ fit.params.to_numpy(), predicted, rtol=1e-10, atol=1e-10):
        raise RuntimeError("adjusted-mean weights disagree with the model's predictions")
    return weights
