"""The PDF pages of the coach-accuracy and mood models, kept apart from the other sections.

Each page takes the report's document and context like every section of `report_pdf` and draws
nothing when its model is absent (no predictions, mood module off). Figures resting on fewer
than 5 dyads never reach the page: `withhold_small_samples` has replaced them by then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from alliance.reporting.analysis.charts import label
from alliance.reporting.analysis.coach_models_text import accuracy_points, mood_points, words
from alliance.reporting.analysis.report_text import num

__all__ = ["accuracy_page", "mood_page"]

_GREY = (90, 90, 90)


class _Doc(Protocol):
    def add_page(self) -> None: ...
    def heading(self, title: str) -> None: ...
    def para(self, body: str, size: float = 10, style: str = "", colour: tuple = ...,
             align: str = "L", boxed: bool = False) -> None: ...
    def note(self, body: str) -> None: ...
    def bullets(self, items: Sequence[str], size: float = 10) -> None: ...
    def grid(self, rows: Sequence[Sequence[Any]], widths: Sequence[float],
             align: Sequence[str] | None = None) -> None: ...


class _Ctx(Protocol):
    analysis: Mapping[str, Any]
    lang: str


def _start(doc: _Doc, ctx: _Ctx, key: str, section: Mapping[str, Any]) -> bool:
    """Heading on a fresh page and intro; False (after saying why) when there are no figures."""
    doc.add_page()
    doc.heading(words(f"h_{key}", ctx.lang))
    doc.para(words(f"i_{key}", ctx.lang), 9.5, colour=_GREY)
    if "error" in section:
        doc.para(words("not_fitted", ctx.lang, error=section["error"]), style="I")
        return False
    if section.get("not_enough_data") or "n_obs" not in section:
        doc.para(words("too_few", ctx.lang), style="I")
        return False
    return True


def _body(doc: _Doc, lang: str, points: list[str], rows: Sequence[tuple[str, Mapping[str, Any]]],
          note: str, warnings: Sequence[str]) -> None:
    """The plain-words bullets, then the figures behind them, the model and any warnings."""
    doc.bullets(points)
    table = [["", label("estimate", lang), "SE", words("ci", lang)]]
    table += [[words(key, lang), num(effect["estimate"], 3, lang, True),
               num(effect["se"], 3, lang),
               f"{num(effect['ci_low'], 2, lang)} – {num(effect['ci_high'], 2, lang)}"]
              for key, effect in rows]
    doc.grid(table, widths=(70, 28, 24, 40))
    doc.note(note)
    for warning in warnings:
        doc.note(f"⚠ {warning}")


def accuracy_page(doc: _Doc, ctx: _Ctx) -> None:
    """Do coaches think coachees rate higher; do they track; do they project — plain words."""
    acc = ctx.analysis.get("accuracy")
    if acc is None or not _start(doc, ctx, "accuracy", acc):
        return
    lang = ctx.lang
    rows = [("r_bias", acc["directional_bias"]), ("r_force", acc["truth_force"]),
            ("r_similar", acc["assumed_similarity"])]
    note = words("note_acc", lang, mean=num(acc["truth_mean"], 2, lang),
                 vb=num(acc["bias_variance"], 3, lang),
                 vf=num(acc["truth_force_variance"], 3, lang),
                 r=num(acc["bias_force_correlation"], 2, lang),
                 ve=num(acc["residual_variance"], 3, lang))
    _body(doc, lang, accuracy_points(acc, lang), rows, note, acc.get("warnings", []))


def mood_page(doc: _Doc, ctx: _Ctx) -> None:
    """Within-dyad and between-dyad readings of mood and the coachee's rating — plain words."""
    mood = ctx.analysis.get("mood")
    if mood is None or not _start(doc, ctx, "mood", mood):
        return
    lang, fixed = ctx.lang, mood["fixed"]
    rows = [("r_within", fixed["mood_within"]), ("r_between", fixed["mood_between"]),
            ("r_session", fixed["session"])]
    note = words("note_mood", lang, mean=num(mood["mood_mean"], 2, lang),
                 vd=num(mood["dyad_variance"], 3, lang),
                 ve=num(mood["residual_variance"], 3, lang))
    _body(doc, lang, mood_points(mood, lang), rows, note, mood.get("warnings", []))
