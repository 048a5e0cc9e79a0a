"""Short labels (axes, legends, table cells), shared by charts and tables: the `label.` messages
of the report catalogue."""

from __future__ import annotations

from alliance.reporting.analysis.words import CATALOGUE

__all__ = ["LABELS", "label"]

_PREFIX = "label."
LABELS: dict[str, dict[str, str]] = {
    lang: {key.removeprefix(_PREFIX): str(value) for key, value in CATALOGUE.messages(lang).items()
           if key.startswith(_PREFIX)}
    for lang in CATALOGUE.languages
}


def label(code: str, lang: str = "en", **values: object) -> str:
    """A short label (axis, legend, table cell) in `lang`; unknown codes shown tidied up."""
    known = LABELS.get(lang, {}).get(code) or LABELS["en"].get(code)
    return (known or code.replace("_", " ")).format(**values)
