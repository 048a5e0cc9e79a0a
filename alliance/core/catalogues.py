"""Message catalogues: gettext `.po` files, one directory per language, read when first used.

Every text the bot or the report shows is a message with a stable key as its msgid
(`session.logged`, `kp_nudges`); the English catalogue is the source and the `.pot` templates
beside it are made from it (`python -m alliance.core.catalogues`). A language is a directory
`locales/<code>/LC_MESSAGES/` holding one catalogue per domain: `bot` (the chat) and `report`
(the analysis). Babel reads the `.po` and compiles it in memory; the standard library's gettext
then does the lookups and picks plural forms by the catalogue's own `Plural-Forms` rule (French
says "1 séance", "0 séance"; English "0 sessions"). There is no build step: adding a language is
adding its directory, and a key missing from it falls back to English.
"""

from __future__ import annotations

import gettext
import sys
from functools import cache
from io import BytesIO
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).parents[1] / "locales"
SOURCE = "en"
DOMAINS = ("bot", "report")

Message = str | tuple[str, ...]
"""A message's text, or its plural forms in the catalogue's order."""


def placeholders(text: str) -> set[str]:
    """The `{names}` a text is filled with."""
    return {field for _, field, _, _ in Formatter().parse(text) if field}


@cache
def languages(directory: Path = LOCALES) -> tuple[str, ...]:
    """The languages that have catalogues, English first."""
    found = sorted(p.name for p in directory.iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(sorted(found, key=lambda code: (code != SOURCE, code)))


def _po(directory: Path, lang: str, domain: str) -> Path:
    return directory / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def catalog(domain: str, lang: str, directory: Path = LOCALES) -> Catalog:
    """The parsed `.po` without its untranslated messages (empty when this language has no
    catalogue for the domain)."""
    path = _po(directory, lang, domain)
    if not path.is_file():
        return Catalog(locale=lang, domain=domain)
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=lang, domain=domain)
    for message in list(parsed):  # not translated yet (fresh from `pybabel init`): not there
        forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.id and not all(forms):
            del parsed[message.id]
    return parsed


@cache
def _translations(domain: str, lang: str, directory: Path = LOCALES) -> gettext.GNUTranslations:
    compiled = BytesIO()
    write_mo(compiled, catalog(domain, lang, directory))
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    if lang != SOURCE:
        translations.add_fallback(_translations(domain, SOURCE, directory))
    return translations


@cache
def _keys(domain: str, directory: Path = LOCALES) -> dict[str, bool]:
    """The English catalogue's keys, each saying whether it is a plural message."""
    return {
        str(m.id[0] if isinstance(m.id, tuple) else m.id): isinstance(m.id, tuple)
        for m in catalog(domain, SOURCE, directory) if m.id
    }


class Catalogue:
    """One domain's messages in every language."""

    def __init__(self, domain: str, directory: Path = LOCALES) -> None:
        self.domain, self.directory = domain, directory

    @property
    def languages(self) -> tuple[str, ...]:
        return languages(self.directory)

    def _translations(self, lang: str) -> gettext.GNUTranslations:
        return _translations(self.domain, lang if lang in self.languages else SOURCE,
                             self.directory)

    def _known(self, key: str, plural: bool) -> None:
        """A key the English catalogue lacks is a bug, not a text to show as is."""
        if _keys(self.domain, self.directory).get(key) is not plural:
            kind = "plural message" if plural else "message"
            raise KeyError(f"no {kind} {key!r} in the {self.domain} catalogue")

    def has(self, key: str) -> bool:
        """Whether the catalogue has the (non-plural) message `key`."""
        return _keys(self.domain, self.directory).get(key) is False

    def text(self, lang: str, key: str, **values: object) -> str:
        """The message `key` in `lang` (English when missing there), filled in."""
        self._known(key, plural=False)
        found = self._translations(lang).gettext(key)
        return found.format(**values) if values else found

    def plural(self, lang: str, key: str, n: int, **values: object) -> str:
        """The form of plural message `key` for the number `n`, filled in (with `n` too)."""
        self._known(key, plural=True)
        return self._translations(lang).ngettext(key, key, n).format(n=n, **values)

    def messages(self, lang: str) -> dict[str, Message]:
        """Every message of this language's own catalogue (no fallback), by key."""
        return {
            str(m.id[0] if isinstance(m.id, tuple) else m.id):
                tuple(m.string) if isinstance(m.string, tuple | list) else str(m.string)
            for m in catalog(self.domain, lang, self.directory) if m.id
        }


def write_template(domain: str, directory: Path = LOCALES) -> Path:
    """Write `<domain>.pot` from the English catalogue: what `pybabel init/update` start from."""
    source = catalog(domain, SOURCE, directory)
    template = Catalog(domain=domain, project="Coach Alliance", fuzzy=False,
                       creation_date=source.creation_date)  # same source, same file
    for message in source:
        if message.id:
            template.add(message.id, "", auto_comments=message.auto_comments,
                         flags=message.flags)
    path = directory / f"{domain}.pot"
    with path.open("wb") as handle:
        write_po(handle, template, omit_header=False, width=100, no_location=True,
                 sort_output=False)
    return path


if __name__ == "__main__":  # python -m alliance.core.catalogues: refresh the templates
    for name in DOMAINS:
        sys.stdout.write(f"{write_template(name)}\n")
