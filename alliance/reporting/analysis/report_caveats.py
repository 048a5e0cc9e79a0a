"""Caveats beside the claims: which sample each model used, failed assumption checks, small
groups, and how the response surface is read (Humberg, Nestler & Back, 2019) and squares with
the ANCOVA. Shared by the Telegram summary and the PDF, in English and French."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alliance.core.confidentiality import MIN_DYADS_SHOWN
from alliance.reporting.analysis.formatting import ftest, pval
from alliance.reporting.analysis.labels import label
from alliance.reporting.analysis.words import text

__all__ = ["ancova_caveats", "parameter_reading", "reconcile", "surface_verdict"]

ALPHA = 0.05


def _w(key: str, lang: str, **values: Any) -> str:
    return text(key, lang, **values)


def _sig(test: Mapping[str, Any] | None) -> bool:
    return test is not None and test.get("p") is not None and test["p"] < ALPHA


def ancova_caveats(analysis: Mapping[str, Any], lang: str = "en", checks: bool = True,
                   rated: int | None = None) -> list[str]:
    """The ANCOVA's sample (and, when the group counts shown elsewhere cover `rated` dyads,
    that they differ), its failed checks unless the page lists them, and its small groups."""
    ancova = analysis.get("ancova") or {}
    counts = (analysis.get("discrepancy") or {}).get("groups", {})
    if not ancova or "error" in ancova:
        return []
    groups = ", ".join(f"{label(g, lang).lower()} {v}" for g, v in counts.items())
    other = _w("sample_other", lang, m=rated) if rated and rated != analysis.get("n") else ""
    out = [_w("sample", lang, n=analysis.get("n"), groups=groups) + other + "."]
    failed = [_w(key, lang, p=pval(ancova[check]["p"], lang))
              for key, check in (("slopes", "slopes_homogeneity"), ("levene", "levene"),
                                 ("normality", "normality"))
              if "error" not in ancova.get(check, {"error": 1}) and _sig(ancova[check])]
    if failed and checks:
        out.append(_w("failed", lang, checks="; ".join(failed)))
    small = [f"{label(g, lang).lower()} {v}" for g, v in counts.items() if v < MIN_DYADS_SHOWN]
    if small:
        out.append(_w("small", lang, k=MIN_DYADS_SHOWN, groups=", ".join(small)))
    return out


def surface_verdict(rs: Mapping[str, Any] | None, lang: str = "en") -> list[str]:
    """The surface read in Humberg et al.'s order: rating block, quadratic block, intervals."""
    if not rs or "error" in rs or "quadratic_block" not in rs:
        return []
    n, quad, every = rs.get("n"), rs["quadratic_block"], rs["alliance_block"]
    if not _sig(every):  # the blocks come first: no parameter of a null surface is read
        return [_w("s_none", lang, n=n, all=ftest(every, lang)), _w("s_no_claim", lang)]
    if not _sig(quad):
        head = _w("s_linear", lang, n=n, all=ftest(every, lang), quad=ftest(quad, lang))
    else:
        head = _w("s_quad", lang, n=n, quad=ftest(quad, lang))
    keys = [k for k in ("a1", "a2", "a3", "a4", "a5") if _excludes_zero(rs[k])]
    said = "s_params"
    if not _sig(quad):  # curvatures of a null block are not read; the slopes are those drawn
        drawn = (rs.get("lines") or {}).get("parameters")
        keys = [k for k in ("a1", "a3") if _excludes_zero((drawn or rs)[k])]
        said = "s_params_linear" if drawn else said
    params = _w(said, lang, params=", ".join(keys)) if keys else _w("s_no_params", lang)
    return [f"{head} {params}", _w("s_no_claim", lang)]


def parameter_reading(key: str, a: Mapping[str, Any], meaning: str, lang: str = "en") -> str:
    """What a surface parameter means, given only when its 95% interval excludes 0."""
    return meaning if _excludes_zero(a) else _w("not_read", lang)


def reconcile(analysis: Mapping[str, Any], lang: str = "en") -> list[str]:
    """One sentence on whether the ANCOVA and the response surface tell the same story."""
    ancova, rs = analysis.get("ancova") or {}, analysis.get("response_surface") or {}
    if "group" not in ancova or "alliance_block" not in rs:
        return []
    groups, surface = _sig(ancova["group"]), _sig(rs["alliance_block"])
    key = {(True, False): "r_fragile", (False, False): "r_neither",
           (False, True): "r_surface_only", (True, True): "r_both"}[(groups, surface)]
    return [_w(key, lang)]


def _excludes_zero(a: Mapping[str, Any]) -> bool:
    low, high = a.get("ci_low"), a.get("ci_high")
    return low is not None and high is not None and (low > 0 or high < 0)
