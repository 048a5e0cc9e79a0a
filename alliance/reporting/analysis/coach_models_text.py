"""Plain-language readings of the coach-accuracy and mood models, in English and French.

One place for the words, so the PDF page, the /report summary line and the terminal summary say
the same thing. Every reading names its sample and says that the data are observational; a
figure whose 95% interval includes 0 is read as "no clear difference", never as a direction.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from alliance.reporting.analysis.report_text import num
from alliance.reporting.analysis.words import text

__all__ = ["accuracy_line", "accuracy_points", "mood_line", "mood_points", "summary_lines", "words"]



def words(key: str, lang: str = "en", **values: Any) -> str:
    """The string `key` in `lang` (English when missing), filled in."""
    return text(key, lang, **values)


def _direction(row: Mapping[str, Any]) -> str:
    """"up" or "down" only when the 95% interval excludes 0."""
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None:
        return "none"
    return "up" if low > 0 else "down" if high < 0 else "none"


def _interval(row: Mapping[str, Any], lang: str) -> dict[str, str]:
    return {"lo": num(row["ci_low"], 2, lang), "hi": num(row["ci_high"], 2, lang)}


def accuracy_points(acc: Mapping[str, Any], lang: str = "en") -> list[str]:
    """Sample, bias, tracking and projection in plain words, then the caveat."""
    bias, force, similar = acc["directional_bias"], acc["truth_force"], acc["assumed_similarity"]
    way = _direction(bias)
    shown = abs(bias["estimate"]) if way != "none" else bias["estimate"]
    sd = math.sqrt(max(float(acc["truth_force_variance"]), 0.0))
    spread = words("spread", lang, sd=num(sd, 2, lang)) if sd >= 0.05 else words(
        "spread_none", lang)
    return [
        words("sample_acc", lang, n_obs=acc["n_obs"], n_dyads=acc["n_dyads"],
              n_coaches=acc.get("n_coaches", "?")),
        words(f"bias_{way}", lang, b=num(shown, 2, lang), **_interval(bias, lang)),
        words("force", lang, f=num(force["estimate"], 2, lang), spread=spread,
              **_interval(force, lang)),
        words("similarity", lang, s=num(similar["estimate"], 2, lang), **_interval(similar, lang)),
        words("caveat_acc", lang),
    ]


def accuracy_line(acc: Mapping[str, Any], lang: str = "en") -> str | None:
    """One line for the /report summary; None when the model is missing or withheld."""
    if "directional_bias" not in acc:
        return None
    bias = acc["directional_bias"]
    way = _direction(bias)
    return words("line_acc", lang, n_obs=acc["n_obs"], n_dyads=acc["n_dyads"],
                 bias=words(f"line_{way}", lang, b=num(abs(bias["estimate"]), 2, lang)),
                 f=num(acc["truth_force"]["estimate"], 2, lang),
                 s=num(acc["assumed_similarity"]["estimate"], 2, lang))


def mood_points(mood: Mapping[str, Any], lang: str = "en") -> list[str]:
    """Sample, the within- and between-dyad readings, then the caveat."""
    within, between = mood["fixed"]["mood_within"], mood["fixed"]["mood_between"]
    w_way, b_way = _direction(within), _direction(between)
    w = abs(within["estimate"]) if w_way != "none" else within["estimate"]
    b = abs(between["estimate"]) if b_way != "none" else between["estimate"]
    return [
        words("sample_mood", lang, n_obs=mood["n_obs"], n_dyads=mood["n_dyads"]),
        words(f"within_{w_way}", lang, w=num(w, 2, lang), **_interval(within, lang)),
        words(f"between_{b_way}", lang, b=num(b, 2, lang), m=num(mood["mood_mean"], 1, lang),
              **_interval(between, lang)),
        words("caveat_mood", lang),
    ]


def mood_line(mood: Mapping[str, Any], lang: str = "en") -> str | None:
    """One line for the /report summary; None when the model is missing or withheld."""
    if "fixed" not in mood:
        return None
    way = _direction(mood["fixed"]["mood_within"])
    return words("line_mood", lang, n_obs=mood["n_obs"], n_dyads=mood["n_dyads"],
                 within=words(f"line_mood_{way}", lang))


def summary_lines(analysis: Mapping[str, Any], lang: str = "en") -> list[str]:
    """The /report summary's bullet for each coach model the analysis has figures for."""
    lines = (accuracy_line(analysis.get("accuracy") or {}, lang),
             mood_line(analysis.get("mood") or {}, lang))
    return [f"• {line}" for line in lines if line]
