"""The /report summary's line for the similarity and the five-attribute modules, en and fr.

Each reads its section as `program_analysis` left it: cells over fewer than 5 dyads already
replaced by the suppression marker, which becomes "too few pairs" here, never a number. A
difference or a correlation whose 95% interval includes 0 is read as "no clear" one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from alliance.reporting.analysis.attributes import ATTRIBUTES
from alliance.reporting.analysis.formatting import num, pct
from alliance.reporting.analysis.pair_similarity import SIMILARITY_TRAITS
from alliance.reporting.analysis.process import is_suppressed
from alliance.reporting.analysis.words import text

__all__ = ["attributes_line", "module_lines", "similarity_line"]


def _clear_sign(cell: Mapping[str, Any]) -> int:
    """+1 or −1 when the 95% interval excludes 0, else 0."""
    low, high = cell.get("ci_low"), cell.get("ci_high")
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return 0
    return 1 if low > 0 else -1 if high < 0 else 0


def _trait(trait: str, figures: Mapping[str, Any], lang: str) -> str | None:
    """One trait's comparison, or None when both measures are withheld."""
    name = text(f"sim_{trait}", lang)
    alliance, growth = figures.get("coachee_alliance"), figures.get("se_growth")
    if not isinstance(alliance, Mapping) or not isinstance(growth, Mapping) or (
            is_suppressed(alliance) and is_suppressed(growth)):
        return None
    shown: dict[str, str] = {}
    clear: list[str] = []
    for key, cell, signed in (("a", alliance, False), ("g", growth, True)):
        if is_suppressed(cell):
            shown[f"{key}_same"] = shown[f"{key}_diff"] = text("suppressed", lang)
            continue
        shown[f"{key}_same"] = num(cell["similar"]["mean"], 1, lang, signed)
        shown[f"{key}_diff"] = num(cell["dissimilar"]["mean"], 1, lang, signed)
        sign = _clear_sign(cell["difference"])
        if sign:
            what = text("kp_sim_alliance" if key == "a" else "kp_sim_growth", lang)
            way = text("kp_sim_higher" if sign > 0 else "kp_sim_lower", lang)
            clear.append(text("kp_sim_clear", lang, way=way, what=what))
    verdict = ", ".join(clear) or text("kp_sim_unclear", lang)
    return text("kp_sim_trait", lang, trait=name, verdict=verdict, **shown)


def similarity_line(section: Mapping[str, Any] | None, lang: str = "en") -> str | None:
    """Similar against dissimilar pairs, one clause per trait; None when the module is off."""
    if section is None:
        return None
    if not section.get("available"):
        return text("kp_sim_unavailable", lang)
    clauses = {trait: _trait(trait, section.get(trait) or {}, lang)
               for trait in SIMILARITY_TRAITS}
    if not any(clauses.values()):
        return text("kp_sim_none", lang)
    traits = "; ".join(clause or text("kp_sim_too_few", lang, trait=text(f"sim_{trait}", lang))
                       for trait, clause in clauses.items())
    return text("kp_sim", lang, n=section.get("dyads", 0), traits=traits)


def attributes_line(section: Mapping[str, Any] | None, lang: str = "en") -> str | None:
    """The profile's highest and lowest attribute, the share of low ratings, the clearest link
    with the alliance; None when the module is off."""
    if section is None:
        return None
    shown = {name: cell for name, cell in (section.get("attributes") or {}).items()
             if name in ATTRIBUTES and not is_suppressed(cell)}
    if section.get("not_enough_data") or not shown:
        return text("kp_att_too_few", lang, n=section.get("n_dyads", 0),
                    need=section.get("need", 5))
    best = max(shown, key=lambda name: shown[name]["mean"])
    worst = min(shown, key=lambda name: shown[name]["mean"])
    rated = sum(cell["n"] for cell in shown.values())
    low = sum(cell["low"] for cell in shown.values()) / rated if rated else None
    linked = {name: cell["alliance"] for name, cell in shown.items()
              if "r" in cell["alliance"] and _clear_sign(cell["alliance"])}
    if linked:
        name = max(linked, key=lambda n: abs(linked[n]["r"]))
        link = text("kp_att_link", lang, name=text(f"att_{name}", lang),
                    r=num(linked[name]["r"], 2, lang, signed=True))
    else:
        link = text("kp_att_no_link", lang)
    return text("kp_att", lang, n=section["n_dyads"], best=text(f"att_{best}", lang),
                best_mean=num(shown[best]["mean"], 1, lang), worst=text(f"att_{worst}", lang),
                worst_mean=num(shown[worst]["mean"], 1, lang), low=pct(low, lang), link=link)


def module_lines(analysis: Mapping[str, Any], lang: str = "en") -> list[str]:
    """The summary's bullets for the relationship modules the analysis has sections for."""
    lines = (similarity_line(analysis.get("similarity"), lang),
             attributes_line(analysis.get("attributes"), lang))
    return [f"• {line}" for line in lines if line]
