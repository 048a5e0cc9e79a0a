"""The report's sentences by language, and the lookup every report module uses."""

from __future__ import annotations

from typing import Any

from alliance.analysis.words_en import EN
from alliance.analysis.words_fr import FR

__all__ = ["TEXT", "text"]

TEXT: dict[str, dict[str, str]] = {"en": EN, "fr": FR}


def text(key: str, lang: str = "en", **values: Any) -> str:
    """The string `key` in `lang` (English when the language or key is missing), filled in."""
    table = TEXT.get(lang, TEXT["en"])
    template = table.get(key, TEXT["en"][key])
    return template.format(**values) if values else template
