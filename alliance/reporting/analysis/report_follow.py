"""The PDF's nudge follow-through table: by the coach's reply, how often the gap had closed at
the next paired session, beside decisions the cooldown held back; read as association."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alliance.reporting.analysis.follow_through import REPLIES
from alliance.reporting.analysis.formatting import num, pct
from alliance.reporting.analysis.labels import label
from alliance.reporting.analysis.pdf_layout import Doc
from alliance.reporting.analysis.words import text

__all__ = ["follow_through_point", "follow_through_section"]


def follow_through_section(doc: Doc, follow: Mapping[str, Any] | None, lang: str) -> None:
    """Table by reply (nudges, followed by a paired session, gap closed, coachee change)."""
    if not follow or not follow.get("events"):
        return
    doc.para(text("ft_title", lang), style="B")
    if "by_reply" not in follow:
        doc.note(text("suppressed", lang))
        return
    rows = [[label("reply", lang), label("ft_events", lang), label("ft_followed", lang),
             label("ft_closed", lang), label("ft_narrowed", lang), label("ft_coachee", lang)]]
    for reply in REPLIES:
        r = follow["by_reply"].get(reply)
        if r is None:
            continue
        if "suppressed" in r:
            rows.append([label(reply, lang), text("suppressed", lang)])
            continue
        rows.append([label(reply, lang), r["events"], r["followed"],
                     f"{r['closed']} ({pct(r['closed_share'], lang)})", r["narrowed"],
                     num(r["coachee_change"], 2, lang, True)])
    doc.grid(rows, widths=(48, 20, 26, 30, 22, 28))
    doc.note(text("ft_note", lang, below=num(follow["closed_below"], 1, lang)))


def follow_through_point(follow: Mapping[str, Any] | None, lang: str) -> list[str]:
    """One summary line: gaps closed after "we talked" against cooldown-held decisions."""
    by_reply = (follow or {}).get("by_reply") or {}
    talked, held = by_reply.get("talked"), by_reply.get("held")
    if not talked or "suppressed" in talked or not talked["followed"]:
        return []
    line = text("kp_follow", lang, closed=talked["closed"], followed=talked["followed"])
    if held and "suppressed" not in held and held["followed"]:
        line += " " + text("kp_follow_held", lang, closed=held["closed"],
                           followed=held["followed"])
    return [line + " " + text("kp_follow_caveat", lang)]
