"""Text people type, made fit to store and show before anything else looks at it.

Telegram delivers whatever a client sends: control characters, NUL (which PostgreSQL cannot
store at all), bidirectional overrides that make a name read backwards. Names are one line;
comments keep their line breaks and tabs.
"""

from __future__ import annotations

import re
import unicodedata

# Explicit direction embeddings, overrides and isolates: a name shown in a list must read as
# typed. Marks (U+200E, U+200F) stay: right-to-left names need them.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SPACES = re.compile(r"\s+")


def _without_controls(text: str, keep: str = "") -> str:
    return "".join(c for c in text if c in keep or unicodedata.category(c) != "Cc")


def clean_line(text: str) -> str:
    """A name: line breaks and tabs become single spaces, other controls go, ends trimmed."""
    spaced = _SPACES.sub(" ", text.translate(_BIDI_CONTROLS))
    return _without_controls(spaced).strip()


def clean_paragraphs(text: str) -> str:
    """A comment: line breaks and tabs stay (CR LF becomes LF), other controls go, trimmed."""
    return _without_controls(text.replace("\r\n", "\n"), keep="\n\t").strip()
