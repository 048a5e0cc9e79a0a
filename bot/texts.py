"""The chat's texts: the `bot` domain of the gettext catalogues in `alliance/locales/`.

Handlers ask for a message by key (`t(lang, "session.logged", …)`, or `tn` for one that depends
on a number); the catalogues hold the words, one `.po` per language (see
`alliance.core.catalogues`).
The languages are those with a catalogue, so a new language needs no code.
"""

from __future__ import annotations

from alliance.core.catalogues import Catalogue, Message, placeholders

__all__ = ["CATALOGUE", "LANGUAGES", "catalogues", "language_of", "placeholders", "t", "tn"]

CATALOGUE = Catalogue("bot")
LANGUAGES: tuple[str, ...] = CATALOGUE.languages


def catalogues() -> dict[str, dict[str, Message]]:
    """Every language's own messages by key (plural ones as their forms)."""
    return {lang: CATALOGUE.messages(lang) for lang in LANGUAGES}


def language_of(code: str | None, default: str = "en") -> str:
    """Telegram's language_code → one of ours: `fr-CA` is `fr`; a language without a catalogue
    is `default`."""
    prefix = (code or "").lower().split("-")[0].split("_")[0]
    return prefix if prefix in LANGUAGES else default


def t(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang`, with placeholders filled."""
    return CATALOGUE.text(lang, key, **values)


def tn(lang: str, key: str, n: int, **values: object) -> str:
    """The form of `key` for the number `n` in `lang` (`{n}` is filled with it)."""
    return CATALOGUE.plural(lang, key, n, **values)
