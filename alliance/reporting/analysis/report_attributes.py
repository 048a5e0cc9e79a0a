"""The PDF page of the five-attribute module: the program's profile and its link with the alliance.

Drawn only when the program has the module on (`program_analysis` then adds the `attributes`
section). Under 5 dyads the page says the figures are withheld and why; an attribute or a
correlation resting on fewer arrives already replaced by the suppression marker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alliance.reporting.analysis.attributes import ATTRIBUTES
from alliance.reporting.analysis.formatting import num, pct, pval
from alliance.reporting.analysis.pdf_layout import GREY, Doc, PageContext, module_page
from alliance.reporting.analysis.process import is_suppressed
from alliance.reporting.analysis.words import text

__all__ = ["attributes_page"]


def attributes_page(doc: Doc, ctx: PageContext) -> None:
    """Heading, intro with the meaning of "low", the profile table, then the limits."""
    section, lang = module_page(doc, ctx, "attributes"), ctx.lang
    if section is None:
        return
    low, high = section["scale"]
    doc.para(text("i_attributes", lang, lo=num(low, 0, lang), hi=num(high, 0, lang),
                  cut=num(section["low_below"], 2, lang)), 9.5, colour=GREY)
    if section.get("not_enough_data"):
        doc.para(text("att_withheld", lang, n=section["n_dyads"], need=section["need"]),
                 style="I")
        return
    doc.para(text("att_answered", lang, n=section["n_dyads"]), style="B")
    rows: list[list[str]] = [[text("att_attribute", lang), "n", text("att_mean", lang),
                              text("att_low", lang), text("att_r", lang), "n"]]
    for name in ATTRIBUTES:
        rows.append([text(f"att_{name}", lang), *_cells(section["attributes"][name], lang)])
    doc.grid(rows, widths=(44, 8, 38, 18, 58, 8),
             align=("LEFT",) + ("RIGHT",) * 5)
    doc.note(text("att_suppressed", lang))
    doc.para(text("att_limits", lang), 9.5, boxed=True)


def _cells(cell: Mapping[str, Any], lang: str) -> list[str]:
    if is_suppressed(cell):
        return [str(cell["n"]), text("suppressed", lang), "—", "—", ""]
    interval = (f"{num(cell['mean'], 2, lang)} "
                f"[{num(cell['ci_low'], 2, lang)}; {num(cell['ci_high'], 2, lang)}]")
    return [str(cell["n"]), interval, pct(cell["low_share"], lang),
            *_correlation(cell["alliance"], lang)]


def _correlation(cell: Mapping[str, Any], lang: str) -> list[str]:
    if is_suppressed(cell):
        return [text("suppressed", lang), str(cell["n"])]
    if "error" in cell:
        return [text("att_no_spread", lang), str(cell["n"])]
    return [f"{num(cell['r'], 2, lang, signed=True)} [{num(cell['ci_low'], 2, lang)}; "
            f"{num(cell['ci_high'], 2, lang)}], {pval(cell['p'], lang)}", str(cell["n"])]
