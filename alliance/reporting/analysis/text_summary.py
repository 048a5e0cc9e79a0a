"""Plain-text summary of `analyze()` results for people reading a terminal, not a JSON parser."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["format_summary"]

ALPHA = 0.05

_SURFACE_MEANING = {
    "a1": "slope along the line of agreement (both ratings higher together)",
    "a2": "curvature along the line of agreement",
    "a3": "slope along the line of disagreement (positive: higher when the coach rates higher)",
    "a4": "curvature along the line of disagreement (positive: rises as ratings diverge)",
    "a5": "asymmetry between coach and coachee ratings",
}
_GROUP_LABELS = {
    "under": "under-estimating coaches",
    "accurate": "accurate coaches",
    "over": "over-estimating coaches",
}


def format_summary(result: Mapping[str, Any]) -> str:
    """Render the analysis dict as short paragraphs with the key figures and what they mean."""
    lines = ["Coach Alliance - analysis summary", ""]
    if "discrepancy" in result:
        lines += _dyads(result)
    if "session_model" in result:
        lines += _sessions(result["session_model"])
    lines += _coach_models(result)
    lines += _modules(result)
    warnings = list(result.get("warnings", []))
    warnings += list(result.get("session_model", {}).get("warnings", []))
    if warnings:
        lines += ["Warnings:"] + [f"  - {w}" for w in warnings] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _dyads(result: Mapping[str, Any]) -> list[str]:
    d = result["discrepancy"]
    groups = d["groups"]
    lines = [
        f"DYADS (n = {result['n']})",
        f"Discrepancy D = coach minus coachee alliance: mean {_num(d.get('mean'))}, "
        f"SD {_num(d['sd'])}.",
        f"Groups (cut at +/-{_num(d['cut_sd'], 2)} SD = +/-{_num(d.get('threshold'))}): "
        + ", ".join(f"{_GROUP_LABELS[g]} {n}" for g, n in groups.items())
        + ".",
        "Caveat: the cut rule is a reconstruction (over when D > k x SD(D), under when "
        "D < -k x SD(D), after Atwater & Yammarino); Baron et al.'s exact rule is not public.",
        "",
    ]
    lines += _ancova(result["ancova"])
    lines += _surface(result["response_surface"])
    return lines


def _ancova(a: Mapping[str, Any]) -> list[str]:
    title = "ANCOVA: post self-efficacy by group, adjusted for pre self-efficacy"
    if "error" in a:
        return [title, f"  {a['error']}", ""]
    g, c = a["group"], a["covariate"]
    verdict = "the groups differ" if _sig(g["p"]) else "no reliable difference between groups"
    lines = [
        title,
        f"  Group: {_f(g)}, partial eta squared {_num(g['partial_eta_sq'], 2)} - {verdict}.",
        f"  Pre self-efficacy: {_f(c)}, partial eta squared {_num(c['partial_eta_sq'], 2)}.",
        "  Adjusted means at the mean pre score (95% CI):",
    ]
    for name, m in a["adjusted_means"].items():
        lines.append(
            f"    {name:<9} {_num(m['mean'], 2)} [{_num(m['ci_low'], 2)}, {_num(m['ci_high'], 2)}]"
        )
    pairs = a.get("pairwise", [])
    if pairs:
        lines.append("  Pairwise differences (Holm-adjusted p):")
        for pair in pairs:
            lines.append(
                f"    {pair['contrast']:<18} {_signed(pair['estimate'])}, {_p(pair['p_holm'])}"
            )
    lines.append("  Assumption checks:")
    slopes = a.get("slopes_homogeneity", {})
    if "error" in slopes:
        lines.append(f"    equal slopes: {slopes['error']}")
    else:
        ok = (
            "slopes look parallel"
            if not _sig(slopes["p"])
            else "slopes differ - interpret with care"
        )
        lines.append(f"    equal slopes: F = {_num(slopes['F'], 2)}, {_p(slopes['p'])} ({ok})")
    if "levene" in a:
        lev = a["levene"]
        ok = "similar spread" if not _sig(lev["p"]) else "unequal spread across groups"
        lines.append(f"    Levene (median, {lev['variable']}): {_f(lev)} ({ok})")
    if "normality" in a:
        sw = a["normality"]
        ok = "residuals look normal" if not _sig(sw["p"]) else "residuals depart from normal"
        lines.append(f"    Shapiro-Wilk: W = {_num(sw['W'], 3)}, {_p(sw['p'])} ({ok})")
    return [*lines, ""]


def _surface(s: Mapping[str, Any]) -> list[str]:
    title = "RESPONSE SURFACE: post self-efficacy on coach (X) and coachee (Y) alliance"
    if "error" in s:
        return [title, f"  {s['error']}", ""]
    lines = [
        title,
        f"  Centred at {_num(s['center'], 1)}, adjusted for pre self-efficacy; "
        f"R squared {_num(s['r2'], 2)}.",
    ]
    for name, block in (("all five rating terms", "alliance_block"),
                        ("quadratic terms", "quadratic_block")):
        if block in s:
            verdict = "add to the fit" if _sig(s[block]["p"]) else "add nothing reliable"
            lines.append(f"  Block test, {name}: {_f(s[block])} - {verdict}.")
    for key, meaning in _SURFACE_MEANING.items():
        a = s[key]
        ci = (f", 95% CI [{_num(a['ci_low'])}, {_num(a['ci_high'])}]" if "ci_low" in a else "")
        read = meaning if "ci_low" not in a or a["ci_low"] > 0 or a["ci_high"] < 0 else (
            "95% CI includes 0: not interpreted")
        lines.append(f"  {key} = {_signed(a['estimate'])} (SE {_num(a['se'])}, {_p(a['p'])})"
                     f"{ci}: {read}")
    lines.append("  Read as Humberg, Nestler & Back (2019) advise: a quadratic surface alone does "
                 "not show that over- or under-estimation is worse.")
    return [*lines, ""]


def _sessions(m: Mapping[str, Any]) -> list[str]:
    title = "SESSIONS: coachee alliance on coach alliance across sessions (mixed model, REML)"
    lines = [
        title,
        f"  {m.get('n_obs')} ratings from {m.get('n_dyads')} dyads; "
        f"mean coach minus coachee = {_signed(m.get('mean_bias'))} "
        "(positive: coaches rate the alliance higher).",
    ]
    if "error" in m:
        return [*lines, f"  Model {m['error']}", ""]
    fixed = m["fixed"]
    lines += [
        f"  Coachee rating when the coach rates {_num(m.get('center'), 1)}: "
        f"{_num(fixed['intercept']['estimate'], 2)} (SE {_num(fixed['intercept']['se'])}).",
        f"  Each point of coach rating goes with {_signed(fixed['coach']['estimate'])} in the "
        f"coachee's (SE {_num(fixed['coach']['se'])}) - tracking.",
        f"  Change per session: {_signed(fixed['session']['estimate'])} "
        f"(SE {_num(fixed['session']['se'])}).",
        f"  Variance between dyads {_num(m['dyad_variance'])}, within dyads "
        f"{_num(m['residual_variance'])}.",
    ]
    return [*lines, ""]


def _coach_models(result: Mapping[str, Any]) -> list[str]:
    """The accuracy and mood models in the words the report uses, or why they are missing."""
    from alliance.reporting.analysis.coach_models_text import accuracy_points, mood_points

    lines: list[str] = []
    for key, title, points in (("accuracy", "COACH ACCURACY (truth and bias)", accuracy_points),
                               ("mood", "COACH MOOD BEFORE SESSIONS", mood_points)):
        section = result.get(key)
        if section is None:
            continue
        body = [f"  {section['error']}"] if "error" in section else [
            f"  - {point}" for point in points(section)]
        lines += [title, *body, ""]
    return lines


def _modules(result: Mapping[str, Any]) -> list[str]:
    """The similarity and five-attribute sections, when the input had their data."""
    from alliance.reporting.analysis.text_modules import attribute_block, similarity_block

    lines: list[str] = []
    if "similarity" in result:
        lines += similarity_block(result["similarity"])
    if "attributes" in result:
        lines += attribute_block(result["attributes"])
    return lines


def _sig(p: float | None) -> bool:
    return p is not None and p < ALPHA


def _num(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:+.{digits}f}"


def _p(p: float | None) -> str:
    if p is None:
        return "p = n/a"
    return "p < .001" if p < 0.001 else f"p = {p:.3f}".replace("0.", ".", 1)


def _f(test: Mapping[str, Any]) -> str:
    return f"F({test['df1']}, {test['df2']}) = {_num(test['F'], 2)}, {_p(test['p'])}"
