"""The PDF page of the similarity module: similar against dissimilar pairs, a check, the limits.

Drawn only when the program has the module on (`program_analysis` then adds the `similarity`
section). Everything on it is pair-level and aggregated; cells resting on fewer than 5 dyads
arrive already replaced by the suppression marker and are shown as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alliance.reporting.analysis.charts import label
from alliance.reporting.analysis.pdf_layout import GREY, Doc, PageContext, module_page
from alliance.reporting.analysis.process import is_suppressed
from alliance.reporting.analysis.report_text import ftest, num, pval, text
from alliance.reporting.analysis.similarity import MEASURES

__all__ = ["similarity_page"]


def similarity_page(doc: Doc, ctx: PageContext) -> None:
    """Heading, intro, one comparison per trait with its check, the age gap, the limits."""
    section, lang = module_page(doc, ctx, "similarity"), ctx.lang
    if section is None:
        return
    doc.para(text("i_similarity", lang), 9.5, colour=GREY)
    if not section.get("available"):
        doc.para(text("sim_unavailable", lang), style="I")
        return
    for trait in ("gender", "background"):
        _trait(doc, lang, trait, section[trait])
    for measure in MEASURES:
        doc.para(_age_line(section["age_gap"][measure], measure, lang))
    doc.note(text("sim_suppressed", lang))
    doc.para(text("sim_limits", lang), 9.5, boxed=True)


def _interval(cell: Mapping[str, Any], lang: str, signed: bool = False) -> str:
    return (f"{num(cell.get('mean', cell.get('estimate')), 2, lang, signed)} "
            f"[{num(cell['ci_low'], 2, lang)}; {num(cell['ci_high'], 2, lang)}]")


def _trait(doc: Doc, lang: str, trait: str, figures: Mapping[str, Any]) -> None:
    """The two-by-two comparison, then the ANCOVA check for this trait."""
    name = text(f"sim_{trait}", lang)
    doc.ln(2)
    doc.para(text("sim_known", lang, trait=name, known=figures["known"]), style="B")
    rows: list[list[str]] = [[name, "n", text("sim_alliance", lang), "n",
                              text("sim_growth", lang)]]
    for side, key in (("similar", "sim_same"), ("dissimilar", "sim_different")):
        row = [text(key, lang)]
        for measure in MEASURES:
            cell = figures[measure]
            row += (["—", text("suppressed", lang)] if is_suppressed(cell) else
                    [str(cell[side]["n"]), _interval(cell[side], lang, measure == "se_growth")])
        rows.append(row)
    difference = [text("sim_difference", lang)]
    for measure in MEASURES:
        cell = figures[measure]
        difference += (["", "—"] if is_suppressed(cell) else
                       ["", f"{_interval(cell['difference'], lang, True)}, "
                            f"{pval(cell['difference']['p'], lang)}"])
    rows.append(difference)
    doc.grid(rows, widths=(38, 10, 58, 10, 58))
    _check(doc, lang, trait, figures["check"])


def _check(doc: Doc, lang: str, trait: str, check: Mapping[str, Any]) -> None:
    if is_suppressed(check) or "error" in check:
        why = text("suppressed", lang) if is_suppressed(check) else check["error"]
        doc.note(text("sim_check_none", lang, why=why))
        return
    doc.para(text("sim_check", lang, trait=trait, n=check["n"],
                  test=ftest(check["covariate"], lang)), 9)
    rows = [[label("group", lang), "n", text("sim_without", lang), text("sim_with", lang),
             label("ci", lang)]]
    for group, with_it in check["adjusted_means"].items():
        without = check["adjusted_means_without"][group]
        rows.append([label(group, lang), *(["—", text("suppressed", lang)] if
                                            is_suppressed(with_it) else
                    [str(with_it["n"]), num(without["mean"], 2, lang),
                     num(with_it["mean"], 2, lang),
                     f"{num(with_it['ci_low'], 2, lang)} – {num(with_it['ci_high'], 2, lang)}"])])
    doc.grid(rows, widths=(50, 10, 36, 36, 42))


def _age_line(cell: Mapping[str, Any], measure: str, lang: str) -> str:
    what = text(f"sim_age_{'alliance' if measure == 'coachee_alliance' else 'growth'}", lang)
    if is_suppressed(cell) or "error" in cell:
        why = text("suppressed", lang) if is_suppressed(cell) else cell["error"]
        return text("sim_age_none", lang, measure=what, why=why)
    return text("sim_age", lang, measure=what, r=num(cell["r"], 2, lang),
                lo=num(cell["ci_low"], 2, lang), hi=num(cell["ci_high"], 2, lang),
                p=pval(cell["p"], lang), n=cell["n"])
