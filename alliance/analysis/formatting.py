"""Numbers for reading: decimal comma in French, APA-style p values, minutes under an hour."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["duration", "ftest", "num", "pct", "pval"]


def num(x: Any, digits: int = 2, lang: str = "en", signed: bool = False) -> str:
    """A number for reading: "n/a" when missing, decimal comma in French."""
    if x is None or not math.isfinite(float(x)):
        return "n/a" if lang != "fr" else "n.d."
    out = f"{float(x):{'+' if signed else ''}.{digits}f}".replace("-", "−")
    return out.replace(".", ",") if lang == "fr" else out


def pval(p: Any, lang: str = "en") -> str:
    """APA-style p in English (p = .004, p < .001); French keeps the zero (p = 0,004)."""
    if p is None or not math.isfinite(float(p)):
        return "p = " + num(None, lang=lang)
    if p < 0.001:
        return "p < .001" if lang != "fr" else "p < 0,001"
    shown = num(p, 3, lang)
    return "p = " + (shown[1:] if lang != "fr" else shown)


def duration(hours: Any, lang: str = "en") -> str:
    """A delay for reading: minutes under an hour ("< 1 min" below one), else hours."""
    if hours is None or not math.isfinite(float(hours)):
        return num(None, lang=lang)
    minutes = float(hours) * 60
    if minutes < 1:
        return "< 1 min"
    return f"{minutes:.0f} min" if minutes < 59.5 else f"{num(hours, 1, lang)} h"


def pct(x: Any, lang: str = "en") -> str:
    if x is None or not math.isfinite(float(x)):
        return num(None, lang=lang)
    return f"{100 * float(x):.0f}" + ("\u202f%" if lang == "fr" else "%")


def ftest(test: Mapping[str, Any], lang: str = "en") -> str:
    return (f"F({test['df1']}, {test['df2']}) = {num(test['F'], 2, lang)}, "
            f"{pval(test['p'], lang)}")
