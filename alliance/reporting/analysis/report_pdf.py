"""The PDF report for a program lead: aggregates, charts and plain-language notes, en and fr.

Every section copes with missing pieces (an interim program with three dyads still gets a report
saying what is not there yet); DejaVu Sans, shipped with matplotlib, renders "é", "−" and "η²".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from alliance.reporting.analysis import charts, report_text
from alliance.reporting.analysis.answer_scores import DEFAULT_CENTER, DEFAULT_SCALE
from alliance.reporting.analysis.charts import label
from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.pdf_layout import ACCENT, GREY, Doc
from alliance.reporting.analysis.process import (
    MIN_DYADS_SHOWN,
    is_suppressed,
    self_efficacy_change,
    trajectories_from_model,
    withhold_small_samples,
)
from alliance.reporting.analysis.references import REFERENCES
from alliance.reporting.analysis.report_attributes import attributes_page
from alliance.reporting.analysis.report_caveats import (
    ancova_caveats,
    parameter_reading,
    reconcile,
    surface_verdict,
)
from alliance.reporting.analysis.report_coach_pages import accuracy_page, mood_page
from alliance.reporting.analysis.report_follow import follow_through_section
from alliance.reporting.analysis.report_similarity import similarity_page
from alliance.reporting.analysis.report_text import (
    duration,
    key_points,
    num,
    pct,
    pval,
    report_status,
    text,
)

__all__ = ["write_analysis_pdf", "write_program_report"]


@dataclass
class _Ctx:
    analysis: Mapping[str, Any]
    process: Mapping[str, Any] | None
    lang: str
    cut_sd: float
    dyads: pd.DataFrame | None
    interim: bool
    scale: tuple[float, float]
    sessions: pd.DataFrame | None = None
    se_scale: tuple[float, float] | None = None  # unknown for exported CSVs: axes fit the data

    @property
    def center(self) -> float:  # the alliance scale's midpoint, where the models centre ratings
        return (self.scale[0] + self.scale[1]) / 2


def _open(doc: Doc, ctx: _Ctx, key: str) -> str:
    """Start a section: heading and, when there is one, its plain-language intro."""
    doc.heading(text(f"h_{key}", ctx.lang))
    if f"i_{key}" in report_text.TEXT["en"]:
        doc.para(text(f"i_{key}", ctx.lang), 9.5, colour=GREY)
    return ctx.lang


def _not_enough(doc: Doc, ctx: _Ctx, detail: str = "") -> None:
    doc.para(text("not_enough", ctx.lang) + (f" ({detail})." if detail else "."), style="I")


def _summary(doc: Doc, ctx: _Ctx, title: str, meta: Sequence[str], status: str) -> None:
    doc.add_page()
    doc.para(title, 20, "B", ACCENT)
    doc.para(status, 12, "B")
    doc.para("\n".join(meta), colour=GREY)
    doc.heading(text("h_summary", ctx.lang))
    doc.bullets(key_points(ctx.analysis, ctx.process, ctx.lang) or [text("not_enough", ctx.lang)])
    doc.para(text("confidential", ctx.lang), 9, boxed=True)


def _participation(doc: Doc, ctx: _Ctx) -> None:
    lang, process = ctx.lang, ctx.process or {}
    _open(doc, ctx, "participation")
    part = process.get("participation", {})
    doc.grid([["", label("count", lang)], *([label(k, lang), v] for k, v in part.items())],
             widths=(100, 30))
    rows = [[label(k, lang) for k in ("questionnaire", "role", "sent", "answered", "expired",
                                      "rate", "median")]]
    for group, sides in process.get("response_rates", {}).items():
        for side, r in sides.items():
            shown = ([text("suppressed", lang)] if is_suppressed(r) else
                     [r["sent"], r["answered"], r["expired"], pct(r["rate"], lang),
                      duration(r["median_hours"], lang)])
            rows.append([label(group, lang), label(side, lang), *shown])
    if len(rows) > 1:
        doc.grid(rows, widths=(30, 22, 18, 22, 18, 26, 38), align=("LEFT",) * 2 + ("RIGHT",) * 5)


def _trajectories(doc: Doc, ctx: _Ctx) -> None:
    lang = _open(doc, ctx, "trajectories")
    rows = (ctx.process or {}).get("trajectories") or trajectories_from_model(
        ctx.analysis.get("session_model", {}).get("per_session", []))
    shown = [r for r in rows if not is_suppressed(r)]
    if not shown:
        _not_enough(doc, ctx, text("suppressed", lang) if rows else "")
        return
    doc.chart(charts.trajectory_chart(shown, lang, ctx.scale))
    doc.note(text("traj_note", lang))
    mood = (ctx.process or {}).get("mood", {})
    if mood.get("available") and "coach" in mood:
        doc.para(f"{label('mood', lang)} — " + "; ".join(
            text("labelled", lang, label=label(side, lang),
                 value=f"r = {num(mood[side]['r'], 2, lang)} "
                       f"({pval(mood[side]['p'], lang)}, n = {mood[side]['n']})")
            for side in ("coach", "coachee")))


def _discrepancy(doc: Doc, ctx: _Ctx) -> None:
    lang = _open(doc, ctx, "discrepancy")
    overview = (ctx.process or {}).get("alliance", {})
    summary = overview.get("discrepancy") or ctx.analysis.get("discrepancy")
    if not summary or (ctx.analysis.get("not_enough_data") and not overview.get("discrepancy")):
        _not_enough(doc, ctx, text("suppressed", lang) if is_suppressed(overview) else "")
    else:
        groups = ", ".join(f"{label(k, lang)} {v}" for k, v in summary["groups"].items())
        n, k, cut = overview.get("dyads", ctx.analysis.get("n")), summary["cut_sd"], "threshold"
        doc.para(f"n = {n}; mean D = {num(summary.get('mean'), 2, lang, True)}, SD(D) = "
                 f"{num(summary['sd'], 2, lang)}; ±{num(k, 2, lang)}·SD = "
                 f"±{num(summary.get(cut), 2, lang)} → {groups}")
        d = None if ctx.dyads is None else ctx.dyads["D"].dropna()
        if d is not None and len(d) >= MIN_DYADS_SHOWN:
            doc.chart(charts.discrepancy_histogram(d, summary["cut_sd"], lang))
    doc.note(text("cut_rule", lang, k=num(ctx.cut_sd, 2, lang)))


def _self_efficacy(doc: Doc, ctx: _Ctx) -> None:
    lang = _open(doc, ctx, "self_efficacy")
    change = (ctx.process or {}).get("self_efficacy")
    if not change or not change.get("available") or is_suppressed(change):
        _not_enough(doc, ctx, text("suppressed", lang) if is_suppressed(change) else "")
        return
    pre, post, c = change["pre"], change["post"], change["change"]
    doc.para(f"n = {change['dyads']}: {num(pre['mean'], 2, lang)} → {num(post['mean'], 2, lang)};"
             f" Δ = {num(c['mean'], 2, lang, True)} [{num(c['ci_low'], 2, lang)}; "
             f"{num(c['ci_high'], 2, lang)}], {pval(change['p'], lang)}")
    doc.chart(charts.self_efficacy_chart(change, lang, ctx.se_scale), width=150)


def _ancova(doc: Doc, ctx: _Ctx) -> None:
    lang, a = ctx.lang, ctx.analysis
    _open(doc, ctx, "ancova")
    ancova = a.get("ancova")
    if a.get("not_enough_data") or not ancova:
        _not_enough(doc, ctx, f"n = {a.get('n', 0)} < {a.get('need', MIN_DYADS_SHOWN)}")
        return
    if "error" in ancova:
        doc.para(ancova["error"])
        return
    counts = a.get("discrepancy", {}).get("groups", {})
    doc.para(f"se_post ~ group + se_pre; n = {a['n']} ("
             + ", ".join(f"{label(k, lang)} {v}" for k, v in counts.items()) + ")")
    rows = [[label("term", lang), "F", "df", "p", "η²p"]]
    rows += [[label(key, lang), num(t["F"], 2, lang), f"{t['df1']}, {t['df2']}",
              pval(t["p"], lang), num(t["partial_eta_sq"], 2, lang)]
             for key, t in ((k, ancova[k]) for k in ("group", "covariate"))]
    doc.grid(rows, widths=(62, 22, 22, 26, 22))
    means = ancova["adjusted_means"]
    shown = {g: m for g, m in means.items() if counts.get(g, 0) >= MIN_DYADS_SHOWN}
    hidden = [text("suppressed", lang)]
    rows = [[label("group", lang), label("mean", lang), "SE", label("ci", lang)]]
    rows += [[label(g, lang), *([num(m["mean"], 2, lang), num(m["se"], 3, lang),
                                 f"{num(m['ci_low'], 2, lang)} – {num(m['ci_high'], 2, lang)}"]
                                if g in shown else hidden)] for g, m in means.items()]
    doc.grid(rows, widths=(62, 36, 24, 40))
    if len(shown) > 1:
        doc.chart(charts.adjusted_means_chart(shown, lang, counts, ctx.se_scale), width=125)
    rows = [[label("contrast", lang), label("diff", lang), "SE", label("p_holm", lang)]]
    for pair in ancova.get("pairwise", []):
        groups = [g.strip() for g in pair["contrast"].split(" - ")]
        rows.append([" − ".join(label(g, lang) for g in groups), *(
            [num(pair["estimate"], 2, lang, True), num(pair["se"], 3, lang),
             pval(pair["p_holm"], lang)] if all(g in shown for g in groups) else hidden)])
    if len(rows) > 1:
        doc.grid(rows, widths=(62, 36, 24, 40))
    doc.para(label("checks", lang), style="B")
    doc.bullets(report_text.assumption_checks(ancova, lang))
    doc.bullets(ancova_caveats(ctx.analysis, lang, checks=False))
    for warning in a.get("warnings", []):
        doc.note(f"⚠ {warning}")


def _surface(doc: Doc, ctx: _Ctx) -> None:
    lang, rs = ctx.lang, ctx.analysis.get("response_surface")
    _open(doc, ctx, "surface")
    if ctx.analysis.get("not_enough_data") or not rs:
        a = ctx.analysis
        _not_enough(doc, ctx, f"n = {a['n']} < {MIN_DYADS_SHOWN}" if "n" in a and not rs else "")
        return
    if "error" in rs:
        doc.para(rs["error"])
        return
    c = num(rs["center"], 1, lang)
    doc.para(f"se_post ~ se_pre + X + Y + X² + XY + Y², X = coach − {c}, Y = coachee − {c}; "
             f"R² = {num(rs['r2'], 2, lang)}, n = {rs.get('n', ctx.analysis.get('n'))}")
    for line in surface_verdict(rs, lang):
        doc.para(line, style="B" if line.startswith(("Response", "Surface")) else "")
    doc.para(text("surface_full_table", lang), style="I")
    _surface_table(doc, rs, ("a1", "a2", "a3", "a4", "a5"), lang)
    lines = rs.get("lines")
    if lines and lines.get("model") == "linear":  # the slopes of the curves drawn below
        doc.para(text("surface_linear", lang), style="I")
        _surface_table(doc, lines["parameters"], ("a1", "a3"), lang)
    if lines:
        doc.chart(charts.surface_slices_chart(rs, lang))
        doc.note(text("surface_note", lang, level=num(lines["level"], 1, lang),
                      se_pre=num(lines["se_pre"], 2, lang))
                 + " " + text(f"surface_curves_{lines.get('model', 'quadratic')}", lang))
    for line in reconcile(ctx.analysis, lang):
        doc.para(line, style="I")


def _surface_table(doc: Doc, params: dict[str, Any], keys: tuple[str, ...], lang: str) -> None:
    rows = [["", label("estimate", lang), label("ci", lang), "p", label("meaning", lang)]]
    rows += [[k, num(params[k]["estimate"], 3, lang, True),
              f"{num(params[k].get('ci_low'), 2, lang)}; {num(params[k].get('ci_high'), 2, lang)}",
              pval(params[k]["p"], lang), parameter_reading(k, params[k], text(k, lang), lang)]
             for k in keys]
    doc.grid(rows, widths=(10, 24, 28, 22, 90), align=("LEFT",) + ("RIGHT",) * 3 + ("LEFT",))


def _sessions(doc: Doc, ctx: _Ctx) -> None:
    lang, m = ctx.lang, ctx.analysis.get("session_model") or {}
    _open(doc, ctx, "sessions")
    if "fixed" not in m:
        detail = m.get("error") or (f"n = {m['n_dyads']} < {MIN_DYADS_SHOWN}" if "n_dyads" in m
                                    else "")
        _not_enough(doc, ctx, detail)
        return
    center = m.get("center", ctx.center)
    c = num(center, 1, lang)
    doc.para(f"coachee ~ (coach − {c}) + session + (1 | dyad), REML; n = {m['n_obs']} "
             f"sessions, {m['n_dyads']} {label('dyads', lang).lower()}")
    rows = [[label("effect", lang), label("estimate", lang), "SE"]]
    for key, name in (("intercept", label("intercept", lang, c=c)),
                      ("coach", label("slope", lang)), ("session", label("trend", lang))):
        rows.append([name, num(m["fixed"][key]["estimate"], 3, lang, key != "intercept"),
                     num(m["fixed"][key]["se"], 3, lang)])
    doc.grid(rows, widths=(100, 30, 30))
    bias = m.get("mean_bias") or 0.0
    doc.para(f"σ²(dyad) = {num(m['dyad_variance'], 3, lang)}, σ²(residual) = "
             f"{num(m['residual_variance'], 3, lang)}, ICC = {num(m.get('icc'), 2, lang)}. "
             f"Mean bias coach − coachee = {num(bias, 2, lang, True)} "
             f"({text('higher' if bias > 0 else 'lower', lang)}).", keep=True)
    coach = None if ctx.sessions is None else ctx.sessions["coach_alliance"].dropna()
    if coach is not None and len(coach) and not coach.min() <= center <= coach.max():
        doc.note(text("intercept_outside", lang, c=c, lo=num(coach.min(), 1, lang),
                      hi=num(coach.max(), 1, lang)))
    for warning in m.get("warnings", []):
        doc.note(f"⚠ {warning}")


def _nudges(doc: Doc, ctx: _Ctx) -> None:
    lang, process = ctx.lang, ctx.process or {}
    _open(doc, ctx, "nudges")
    n = process.get("nudges", {})
    if is_suppressed(n):
        doc.para(text("suppressed_why", lang), style="I")
        return
    if not n.get("decisions"):
        doc.para(text("none", lang))
        return
    doc.grid([["", label("count", lang)], *([label(f"n_{k}", lang), n[k]] for k in
                                            ("decisions", "fired", "sent"))], widths=(100, 30))
    for key, title in (("by_rule", "rule"), ("by_outcome", "outcome"), ("logged_only", "logged")):
        counts = n.get(key) or {}
        if is_suppressed(counts):
            doc.note(text("labelled", lang, label=label(title, lang),
                          value=text("suppressed", lang)))
        elif counts:
            doc.grid([[label(title, lang), label("count", lang)],
                      *([label(k, lang), v] for k, v in counts.items())], widths=(100, 30))
    effect = process.get("nudge_effect", {})
    if "before" in effect:
        ch = effect["change"]
        sample = f"{effect['pairs']} {label('pairs', lang)}, {effect['dyads']} " + label(
            "dyads", lang).lower()
        doc.para(text("labelled", lang, label=sample, value=(
            f"D {num(effect['before']['mean'], 2, lang)} → "
            f"{num(effect['after']['mean'], 2, lang)} (Δ {num(ch['mean'], 2, lang, True)}, "
            f"{pval(effect['p'], lang)}); |D| {num(effect['abs_before'], 2, lang)} → "
            f"{num(effect['abs_after'], 2, lang)}")))
        doc.chart(charts.nudge_chart(effect, lang), width=115)
    elif is_suppressed(effect):
        doc.note(f"D: {text('suppressed', lang)}")
    doc.note(text("c_regression", lang))
    follow_through_section(doc, process.get("follow_through"), lang)


def _interpretation(doc: Doc, ctx: _Ctx) -> None:
    lang = _open(doc, ctx, "interpretation")
    points = report_text.interpretation(ctx.analysis, ctx.process, lang, ctx.cut_sd, ctx.interim)
    doc.bullets(points)


def _method(doc: Doc, ctx: _Ctx) -> None:
    _open(doc, ctx, "method")
    keys = ("m_scores", "m_dyad", "m_ancova", "m_surface", "m_mixed", "m_nudge", "m_privacy")
    doc.bullets([text(k, ctx.lang) for k in keys], size=9)


def _references(doc: Doc, ctx: _Ctx) -> None:
    _open(doc, ctx, "references")
    doc.bullets(REFERENCES, size=8.5)


def _render(ctx: _Ctx, out: Path, title: str, meta: Sequence[str], status: str,
            sections: Sequence[Callable[[Doc, _Ctx], None]]) -> Path:
    doc = Doc()
    doc.set_title(title)
    _summary(doc, ctx, title, meta, status)
    doc.add_page()
    for section in sections:
        section(doc, ctx)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.output(str(out))
    return out


def write_program_report(data: ProgramData, analysis: Mapping[str, Any],
                         process: Mapping[str, Any], out: Path, lang: str = "en",
                         cut_sd: float | None = None) -> Path:
    """The program lead's PDF; `cut_sd` defaults to the program's own k."""
    k = data.cut_sd if cut_sd is None else cut_sd
    ctx = _Ctx(analysis, process, lang, k, data.dyads, data.interim, data.alliance_scale,
               data.paired_sessions(), data.se_scale)
    meta = [text("program", lang, name=data.name),
            text("dates", lang, start=data.start_date.isoformat(), end=data.end_date.isoformat()),
            text("generated", lang, at=_stamp(data.generated_at))]
    sections = [_participation, _trajectories, _discrepancy, _self_efficacy, _ancova, _surface,
                _sessions, accuracy_page, mood_page, similarity_page, attributes_page, _nudges,
                _interpretation, _method, _references]
    status = report_status(over=data.over, open_finals=data.open_final_questionnaires, lang=lang)
    return _render(ctx, out, text("title", lang), meta, status, sections)


def write_analysis_pdf(result: Mapping[str, Any], out: Path, lang: str = "en",
                       dyads: pd.DataFrame | None = None) -> Path:
    """A PDF from `analyze()` results alone (CSV analysis), no program records needed.

    `dyads` (the validated dyad table) is optional; with it the report adds the histogram of D
    and the self-efficacy chart. Samples under 5 dyads are withheld, as in program reports.
    """
    result = withhold_small_samples(result)
    k = float((result.get("discrepancy") or {}).get("cut_sd", 0.5))
    center = float((result.get("response_surface") or {}).get("center") or DEFAULT_CENTER)
    half = (DEFAULT_SCALE[1] - DEFAULT_SCALE[0]) / 2  # CSVs carry no instrument: the shipped one
    if dyads is not None:
        dyads = dyads.assign(D=dyads["coach_alliance"] - dyads["coachee_alliance"])
    process = None if dyads is None else {"self_efficacy": self_efficacy_change(dyads, k)}
    ctx = _Ctx(result, process, lang, k, dyads, False, (center - half, center + half))
    by_dyad = [_discrepancy, *([_self_efficacy] if dyads is not None else []), _ancova, _surface]
    by_session = "session_model" in result
    sections = ([_trajectories] if by_session else []) + (by_dyad if "n" in result else [])
    sections += [*([_sessions, accuracy_page, mood_page] if by_session else []), _interpretation,
                 _method, _references]
    meta = [text("generated", lang, at=_stamp(datetime.now(UTC)))]
    return _render(ctx, out, text("title_analysis", lang), meta, text("analysis_only", lang),
                   sections)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
