"""Questionnaires as validated data files, and the scoring of their answers.

The shipped YAML files use our own wording; a program may load a licensed instrument instead.
"""

from alliance.instruments.loader import (
    DEFAULT_INSTRUMENT_IDS,
    InstrumentError,
    default_instrument,
    load_instrument,
    parse_instrument,
    resolve_instrument,
)
from alliance.instruments.schema import (
    LANGUAGES,
    SIDES,
    Instrument,
    Item,
    Localized,
    Scale,
    language,
)
from alliance.instruments.scoring import (
    dimension_scores,
    item_text,
    items_for,
    predicted_score,
    score,
    scored_items,
)

__all__ = [
    "DEFAULT_INSTRUMENT_IDS",
    "LANGUAGES",
    "SIDES",
    "Instrument",
    "InstrumentError",
    "Item",
    "Localized",
    "Scale",
    "default_instrument",
    "dimension_scores",
    "item_text",
    "items_for",
    "language",
    "load_instrument",
    "parse_instrument",
    "predicted_score",
    "resolve_instrument",
    "score",
    "scored_items",
]
