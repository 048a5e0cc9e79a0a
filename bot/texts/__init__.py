"""Message catalogues in English and French.

Each module in this package holds one conversation area's texts as two dicts, `EN` and `FR`, with
the same keys and the same `{placeholders}`. They are merged once; a key defined twice is a bug.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from string import Formatter

LANGUAGES = ("en", "fr")


@cache
def catalogues() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for lang in LANGUAGES:
            table: dict[str, str] = getattr(module, lang.upper())
            clash = merged[lang].keys() & table.keys()
            if clash:
                raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
            merged[lang].update(table)
    return merged


def language_of(code: str | None, default: str = "en") -> str:
    """Telegram's language_code → one of ours: fr-* and en-* as such, anything else `default`."""
    prefix = (code or "").lower()[:2]
    return prefix if prefix in LANGUAGES else default


def t(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang`, with placeholders filled."""
    table = catalogues()["fr" if lang == "fr" else "en"]
    return table[key].format(**values) if values else table[key]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field}
