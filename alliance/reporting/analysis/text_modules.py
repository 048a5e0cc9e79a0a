"""Terminal blocks of `alliance analyze` for the similarity and five-attribute sections.

Plain English tables for a researcher at a terminal; the cells withheld under 5 dyads say so,
as in the report, because the same functions computed them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alliance.reporting.analysis.attributes import ATTRIBUTES
from alliance.reporting.analysis.pair_similarity import SIMILARITY_TRAITS
from alliance.reporting.analysis.process import is_suppressed
from alliance.reporting.analysis.text_summary import _num, _p, _signed

__all__ = ["attribute_block", "similarity_block"]

WITHHELD = "withheld (fewer than 5 dyads)"
_MEASURES = {"coachee_alliance": "coachee alliance", "se_growth": "self-efficacy growth"}


def _interval(cell: Mapping[str, Any], key: str = "mean", signed: bool = False) -> str:
    shown = _signed if signed else _num
    return (f"{shown(cell.get(key), 2)} [{shown(cell.get('ci_low'), 2)}, "
            f"{shown(cell.get('ci_high'), 2)}]")


def similarity_block(section: Mapping[str, Any]) -> list[str]:
    """Same against different pairs per trait, the ANCOVA check, the age gap correlations."""
    title = "SIMILARITY: same vs different coach-coachee pairs (observational)"
    if not section.get("available"):
        return [title, "  No dyad has same_gender, same_background or age_gap values.", ""]
    lines = [title, f"  {section['dyads']} dyads have at least one pair field."]
    for trait in SIMILARITY_TRAITS:
        figures = section[trait]
        lines.append(f"  {trait.capitalize()} ({figures['known']} dyads with the field):")
        for measure, label in _MEASURES.items():
            cell = figures[measure]
            if is_suppressed(cell):
                lines.append(f"    {label:<22} {WITHHELD}")
                continue
            same, other, diff = cell["similar"], cell["dissimilar"], cell["difference"]
            lines.append(f"    {label:<22} same {_interval(same)} n={same['n']}; different "
                         f"{_interval(other)} n={other['n']}; difference (Welch) "
                         f"{_interval(diff, 'estimate', True)}, {_p(diff.get('p'))}")
        check = figures["check"]
        if is_suppressed(check) or "error" in check:
            why = WITHHELD if is_suppressed(check) else check["error"]
            lines.append(f"    ANCOVA check with same_{trait}: {why}")
        else:
            term = check["covariate"]
            lines.append(f"    ANCOVA check {check['formula']} (n = {check['n']}): similarity "
                         f"F({term['df1']}, {term['df2']}) = {_num(term['F'], 2)}, {_p(term['p'])}")
    for measure, label in _MEASURES.items():
        cell = section["age_gap"][measure]
        if is_suppressed(cell) or "error" in cell:
            why = WITHHELD if is_suppressed(cell) else cell["error"]
            lines.append(f"  Age gap and {label}: {why}")
        else:
            lines.append(f"  Age gap and {label}: r = {_interval(cell, 'r', True)}, "
                         f"{_p(cell['p'])}, n = {cell['n']}")
    return [*lines, ""]


def attribute_block(section: Mapping[str, Any]) -> list[str]:
    """The five-attribute profile: mean, share of low ratings, r with the coachee's alliance."""
    title = "FIVE COACH ATTRIBUTES (coachees' ratings, once each)"
    if section.get("not_enough_data"):
        return [title, f"  {section['n_dyads']} dyads answered; shown from {section['need']}.",
                ""]
    low, high = section["scale"]
    lines = [title, f"  {section['n_dyads']} dyads answered; scale {low:g}-{high:g}, low = "
                    f"below {_num(section['low_below'], 2)}."]
    for name in ATTRIBUTES:
        cell = section["attributes"][name]
        if is_suppressed(cell):
            lines.append(f"  {name:<14} {WITHHELD}")
            continue
        link = cell["alliance"]
        read = (WITHHELD if is_suppressed(link) else link["error"] if "error" in link else
                f"r = {_interval(link, 'r', True)}, {_p(link['p'])}, n = {link['n']}")
        lines.append(f"  {name:<14} mean {_interval(cell)} n={cell['n']}, low "
                     f"{100 * cell['low_share']:.0f}%; with coachee alliance {read}")
    return [*lines, ""]
