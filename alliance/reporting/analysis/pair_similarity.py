"""A dyad's matching fields, as `alliance roster import` stored them, read into typed values.

The roster's gender, age and background of each person are compared at import and dropped;
only the pair-level result is kept on the dyad (`Dyad.similarity`). Reading it here, in one
place, keeps the frames, the export and the report agreeing on what an empty value means:
unknown (a side's column was blank, or the dyad was not imported from a roster).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["SIMILARITY_TRAITS", "pair_similarity"]

SIMILARITY_TRAITS = ("gender", "background")
"""Traits compared as same or different; age is compared as a gap in years."""


def pair_similarity(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """`same_gender`, `same_background` (True, False or None) and `age_gap` (years or NaN)."""
    stored = stored or {}
    out: dict[str, Any] = {}
    for trait in SIMILARITY_TRAITS:
        value = stored.get(f"same_{trait}")
        out[f"same_{trait}"] = value if isinstance(value, bool) else None
    gap = stored.get("age_gap")
    if isinstance(gap, bool) or not isinstance(gap, int | float) or not math.isfinite(gap):
        out["age_gap"] = math.nan
    else:
        out["age_gap"] = abs(float(gap))
    return out
