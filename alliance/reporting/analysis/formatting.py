"""Numbers for reading in the reader's locale (Babel's CLDR data: "0.50", "0,50"), APA-style
p values, minutes under an hour.

Figures are rounded as Python rounds them, then given the locale's decimal sign and percent
style, so the same analysis reads the same in every language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from babel.numbers import format_percent, get_decimal_symbol

from alliance.reporting.analysis.words import text

__all__ = ["duration", "ftest", "num", "pct", "pval"]


@cache
def _decimal_sign(lang: str) -> str:
    return get_decimal_symbol(lang)


def num(x: Any, digits: int = 2, lang: str = "en", signed: bool = False) -> str:
    """A number for reading: "n/a" when missing, the locale's decimal sign, a true minus."""
    if x is None or not math.isfinite(float(x)):
        return text("not_available", lang)
    out = f"{float(x):{'+' if signed else ''}.{digits}f}".replace("-", "−")
    return out.replace(".", _decimal_sign(lang))


def pval(p: Any, lang: str = "en") -> str:
    """APA-style p in English (p = .004, p < .001); French keeps the zero (p = 0,004)."""
    if p is None or not math.isfinite(float(p)):
        return "p = " + num(None, lang=lang)
    apa = lang == "en"  # APA drops the zero before the point; other styles keep it
    if p < 0.001:
        return "p < .001" if apa else "p < " + num(0.001, 3, lang)
    shown = num(p, 3, lang)
    return "p = " + (shown[1:] if apa else shown)


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
    return format_percent(round(100 * float(x)) / 100, locale=lang)


def ftest(test: Mapping[str, Any], lang: str = "en") -> str:
    return (f"F({test['df1']}, {test['df2']}) = {num(test['F'], 2, lang)}, "
            f"{pval(test['p'], lang)}")
