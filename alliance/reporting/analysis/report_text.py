"""Words for people: the Telegram /report summary and the plain-language sentences of the PDF.

Every string exists in English and French (the original study ran in Canada); numbers follow the
reader's conventions (decimal comma in French, APA-style p values in English).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alliance.reporting.analysis.answer_scores import DEFAULT_SCALE
from alliance.reporting.analysis.formatting import duration, ftest, num, pct, pval
from alliance.reporting.analysis.process import MIN_DYADS_SHOWN, is_suppressed
from alliance.reporting.analysis.report_caveats import ancova_caveats, reconcile, surface_verdict
from alliance.reporting.analysis.report_follow import follow_through_point
from alliance.reporting.analysis.words import TEXT, text, text_n

__all__ = ["TELEGRAM_LIMIT", "TEXT", "assumption_checks", "duration", "fit_message", "ftest",
           "interpretation", "key_points", "num", "pct", "pval", "report_status",
           "summary_message", "text"]

TELEGRAM_LIMIT = 4096



def assumption_checks(ancova: Mapping[str, Any], lang: str = "en") -> list[str]:
    """One line per ANCOVA assumption check, with a plain verdict."""
    out = []
    for key, name in (("slopes_homogeneity", "group × se_pre"), ("levene", "Levene"),
                      ("normality", "Shapiro–Wilk")):
        test = ancova.get(key)
        if not test:
            continue
        if "error" in test:
            out.append(f"{name}: {test['error']}")
            continue
        stat = f"W = {num(test['W'], 3, lang)}" if "W" in test else f"F = {num(test['F'], 2, lang)}"
        verdict = text("verdict_bad" if (test.get("p") or 1) < 0.05 else "verdict_ok", lang)
        out.append(f"{name}: {stat}, {pval(test.get('p'), lang)} — {verdict}")
    return out


def report_status(*, over: bool, open_finals: int, lang: str = "en") -> str:
    """"Interim" while the program runs or final answers can still come in, else "Final"."""
    if not over:
        return text("interim", lang)
    return text_n("interim_open", open_finals, lang) if open_finals else text("final", lang)


def key_points(analysis: Mapping[str, Any], process: Mapping[str, Any] | None,
               lang: str = "en") -> list[str]:
    """The handful of findings a program lead reads first; shared by the PDF and Telegram."""
    points: list[str] = []
    process = process or {}
    part = process.get("participation")
    if part:
        points.append(text_n("kp_participation", part["sessions_held"], lang, dyads=part["dyads"],
                             pairs=part["checkin_pairs"]))
    rates = process.get("response_rates", {}).get("checkin", {})
    if rates and not any(is_suppressed(r) for r in rates.values()):
        shown = {side: pct(rates[side]["rate"], lang) if side in rates else "—"
                 for side in ("coach", "coachee")}
        points.append(text("kp_response", lang, **shown))
    overview = process.get("alliance", {})
    if is_suppressed(overview):
        points.append(text("suppressed_why", lang))
    if "coach" in overview:
        lo, hi = overview.get("scale", DEFAULT_SCALE)
        points.append(text("kp_alliance", lang, lo=num(lo, 0), hi=num(hi, 0), n=overview["dyads"],
                           coachee=num(overview["coachee"]["mean"], 1, lang),
                           coach=num(overview["coach"]["mean"], 1, lang),
                           d=num(overview["d"]["mean"], 2, lang, signed=True)))
    groups = overview.get("discrepancy")
    if groups is None and (analysis.get("n") or 0) >= MIN_DYADS_SHOWN:
        groups = analysis.get("discrepancy")
    if groups:
        rated = "discrepancy" in overview  # every dyad with both ratings, else the models' own
        n = overview.get("dyads") if rated else analysis.get("n")
        points.append(text("kp_groups" if rated else "kp_groups_model", lang, n=n,
                           k=num(groups["cut_sd"], 2, lang), **groups["groups"]))
    points += _ancova_point(analysis, lang)
    if not analysis.get("not_enough_data"):
        points += ancova_caveats(analysis, lang, rated=overview.get("dyads"))
        points += surface_verdict(analysis.get("response_surface"), lang)
        points += reconcile(analysis, lang)
    model = analysis.get("session_model", {})
    if "fixed" in model:
        points.append(text("kp_tracking", lang, n_obs=model["n_obs"], n_dyads=model["n_dyads"],
                           b=num(model["fixed"]["coach"]["estimate"], 2, lang),
                           bias=num(model["mean_bias"], 2, lang, signed=True)))
    nudges = process.get("nudges")
    if nudges and nudges.get("sent"):
        outcomes = nudges.get("by_outcome", {})
        line = text_n("kp_nudges", nudges["sent"], lang, talked=outcomes.get("talked", 0))
        # with outcomes suppressed, keep only the count before the ";"
        points.append(line.split(" ;")[0].split(";")[0] + "." if is_suppressed(outcomes) else line)
    effect = process.get("nudge_effect", {})
    if "before" in effect:
        points.append(text("kp_effect", lang, before=num(effect["before"]["mean"], 2, lang),
                           after=num(effect["after"]["mean"], 2, lang), pairs=effect["pairs"]))
    points += follow_through_point(process.get("follow_through"), lang)
    return points


def _ancova_point(analysis: Mapping[str, Any], lang: str) -> list[str]:
    if analysis.get("not_enough_data"):
        return [text("kp_ancova_wait", lang, have=analysis.get("n", 0),
                     need=analysis.get("need", 3))]
    ancova = analysis.get("ancova")
    if not ancova:
        return []
    if "error" in ancova:
        return [text("kp_ancova_error", lang, error=ancova["error"])]
    group = ancova["group"]
    key = "kp_ancova_sig" if (group.get("p") or 1) < 0.05 else "kp_ancova_ns"
    test = f"{ftest(group, lang)}, η²p = {num(group['partial_eta_sq'], 2, lang)}"
    return [text(key, lang, test=test)]


def interpretation(analysis: Mapping[str, Any], process: Mapping[str, Any] | None, lang: str,
                   cut_sd: float, interim: bool) -> list[str]:
    """What the results say, whether they point Baron et al.'s way, and the honest caveats."""
    n = analysis.get("n") or (process or {}).get("participation", {}).get("dyads", 0)
    means = (analysis.get("ancova") or {}).get("adjusted_means", {})
    counts = (analysis.get("discrepancy") or {}).get("groups", {})
    points = key_points(analysis, None, lang)
    if all(counts.get(g, 0) >= MIN_DYADS_SHOWN and g in means for g in ("under", "over")):
        under, over = means["under"]["mean"], means["over"]["mean"]
        points.append(text("r_same" if under > over else "r_opposite", lang,
                           under=num(under, 2, lang), over=num(over, 2, lang)))
    points += [text("c_interim", lang)] if interim else []
    points += [text("c_sample", lang, n=n)] if n < 60 else []
    points.append(text("c_cut", lang, k=num(cut_sd, 2, lang)))
    return points + [text(k, lang) for k in ("c_observational", "c_developmental", "c_ceiling")]


def fit_message(lines: list[str], footer: Sequence[str] = (), limit: int = TELEGRAM_LIMIT) -> str:
    """Join lines, cutting the body at a line break so body + footer never exceed `limit`."""
    tail = "\n".join(footer).strip()
    room = limit - len(tail) - 3 if tail else limit
    body = "\n".join(lines).strip()
    if len(body) > room:
        cut = body[: max(room - 2, 0)]
        body = (cut[: cut.rfind("\n")] if "\n" in cut else cut).rstrip() + "\n…"
    return f"{body}\n\n{tail}"[:limit] if tail else body[:limit]


def summary_message(*, name: str, start: str, end: str, generated_at: str, interim: bool,
                    analysis: Mapping[str, Any], process: Mapping[str, Any] | None,
                    lang: str = "en", status: str | None = None) -> str:
    """The Telegram /report text: plain, short lines, ≤ 4096 characters whatever the input.

    `status` is `report_status(…)`; without it, `interim` picks the short interim/final line."""
    status = status or text("interim" if interim else "final", lang)
    lines = [text("title", lang), status,
             text("program", lang, name=name), text("dates", lang, start=start, end=end),
             text("generated", lang, at=generated_at), "", text("key_points", lang),
             *(f"• {point}" for point in key_points(analysis, process, lang))]
    from alliance.reporting.analysis.coach_models_text import (
        summary_lines,  # it imports this module
    )
    from alliance.reporting.analysis.module_lines import module_lines

    lines += summary_lines(analysis, lang) + module_lines(analysis, lang)
    return fit_message(lines, [text("attached", lang), text("c_developmental", lang)])
