"""The report's sentences: the `report` domain of the gettext catalogues
(`alliance.core.catalogues`)."""

from __future__ import annotations

from typing import Any

from alliance.core.catalogues import Catalogue, Message

__all__ = ["CATALOGUE", "TEXT", "text", "text_n"]

CATALOGUE = Catalogue("report")
TEXT: dict[str, dict[str, Message]] = {
    lang: CATALOGUE.messages(lang) for lang in CATALOGUE.languages
}
"""Each language's own messages by key, for checks such as "is there a paragraph for this"."""


def text(key: str, lang: str = "en", **values: Any) -> str:
    """The string `key` in `lang` (English when the language or key is missing), filled in."""
    return CATALOGUE.text(lang, key, **values)


def text_n(key: str, n: int, lang: str = "en", **values: Any) -> str:
    """The form of `key` for the number `n` (`{n}` is filled with it)."""
    return CATALOGUE.plural(lang, key, n, **values)
