"""What followed each nudge: the coach's reply, then the gap and the coachee's rating at the
dyad's next two paired sessions, beside decisions the cooldown held back.

Held decisions are the nearest thing to a comparison group the program has (a rule fired, no
message went out), yet nothing here is randomised: the figures are associations, not effects,
and large gaps shrink on their own (regression to the mean).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from alliance.core.confidentiality import MIN_DYADS_SHOWN, SUPPRESSED

__all__ = ["REPLIES", "follow_through", "follow_through_rows"]

REPLIES = ("talked", "will_ask", "not_now", "pending", "held")
"""Rows of the table: each coach reply, no reply yet, and decisions held by the cooldown."""
_COLUMNS = ["dyad_id", "session", "rule", "reply", "d0", "d1", "d2", "coachee0", "coachee1",
            "coachee2"]


def follow_through_rows(sessions: pd.DataFrame, nudges: pd.DataFrame,
                        decisions: pd.DataFrame) -> pd.DataFrame:
    """One row per nudge and per held decision: D and the coachee rating at the session that
    triggered it (0) and at the dyad's next two paired sessions (1, 2; empty if not yet)."""
    paired = sessions.dropna(subset=["coach_alliance", "coachee_alliance"])
    by_dyad = {code: group.set_index("session") for code, group in paired.groupby("dyad_id")}
    flags = decisions.get("held_by_cooldown", pd.Series(False, index=decisions.index))
    held = decisions[flags.fillna(False).astype(bool)]
    events = [(n.dyad_id, n.session, n.rule, n.outcome) for n in nudges.itertuples(index=False)]
    events += [(h.dyad_id, h.session, h.rule, "held") for h in held.itertuples(index=False)]
    rows = []
    for dyad, session, rule, reply in events:
        if dyad not in by_dyad or pd.isna(session):
            continue
        frame = by_dyad[dyad]
        later = frame[frame.index > int(session)].head(2)
        at = [frame.loc[int(session)] if int(session) in frame.index else None,
              *(later.iloc[i] if i < len(later) else None for i in range(2))]
        rows.append({"dyad_id": dyad, "session": int(session), "rule": rule, "reply": reply,
                     **{f"d{i}": _get(s, "D") for i, s in enumerate(at)},
                     **{f"coachee{i}": _get(s, "coachee_alliance") for i, s in enumerate(at)}})
    return pd.DataFrame(rows, columns=_COLUMNS)


def follow_through(sessions: pd.DataFrame, nudges: pd.DataFrame, decisions: pd.DataFrame,
                   scale: tuple[float, float] = (0.0, 10.0)) -> dict[str, Any]:
    """How often the gap closed by the next paired session, by reply; rows over fewer than
    5 dyads are suppressed. A gap is closed when |D| falls under a tenth of the scale."""
    rows = follow_through_rows(sessions, nudges, decisions)
    closed_below = (scale[1] - scale[0]) / 10
    out: dict[str, Any] = {"closed_below": closed_below, "events": len(rows)}
    if rows["dyad_id"].nunique() < MIN_DYADS_SHOWN:
        return {**out, "suppressed": SUPPRESSED}
    out["by_reply"] = {}
    for reply in REPLIES:
        group = rows[rows["reply"] == reply]
        if group.empty:
            continue
        if group["dyad_id"].nunique() < MIN_DYADS_SHOWN:
            out["by_reply"][reply] = {"suppressed": SUPPRESSED}
            continue
        followed = group.dropna(subset=["d0", "d1"])
        closed = followed["d1"].abs() < closed_below
        narrowed = followed["d1"].abs() < followed["d0"].abs()
        out["by_reply"][reply] = {
            "events": len(group),
            "followed": len(followed),
            "dyads": int(group["dyad_id"].nunique()),
            "closed": int(closed.sum()),
            "closed_share": float(closed.mean()) if len(followed) else math.nan,
            "narrowed": int(narrowed.sum()),
            "coachee_change": _mean(followed["coachee1"] - followed["coachee0"]),
            "closed_at_2": _share(group.dropna(subset=["d0", "d2"])["d2"].abs() < closed_below),
        }
    return out


def _get(row: pd.Series | None, column: str) -> float:
    return math.nan if row is None or pd.isna(row[column]) else float(row[column])


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values.dropna()) else math.nan


def _share(flags: pd.Series) -> float:
    return float(flags.mean()) if len(flags) else math.nan
