"""Nudge follow-through: each nudge and each cooldown-held decision followed to the dyad's next
two paired sessions, summarised by reply, suppressed under 5 dyads."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from alliance.core.confidentiality import SUPPRESSED
from alliance.reporting.analysis.follow_through import follow_through, follow_through_rows


def sessions(rows: list[tuple[str, int, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["dyad_id", "session", "coach_alliance",
                                        "coachee_alliance"])
    return frame.assign(D=frame["coach_alliance"] - frame["coachee_alliance"])


def nudges(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame([(d, s, "overestimation", o) for d, s, o in rows],
                        columns=["dyad_id", "session", "rule", "outcome"])


def decisions(rows: list[tuple[str, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame([(d, s, False, "overestimation", held) for d, s, held in rows],
                        columns=["dyad_id", "session", "fired", "rule", "held_by_cooldown"])


def test_rows_carry_the_gap_and_coachee_rating_at_the_next_two_paired_sessions():
    frame = sessions([("D1", 1, 9, 6), ("D1", 2, 9, float("nan")), ("D1", 3, 8, 7.5),
                      ("D1", 4, 8, 8)])
    rows = follow_through_rows(frame, nudges([("D1", 1, "talked")]), decisions([]))
    (row,) = rows.to_dict("records")
    assert (row["d0"], row["d1"], row["d2"]) == (3, 0.5, 0)  # session 2 is not paired
    assert (row["coachee0"], row["coachee1"], row["coachee2"]) == (6, 7.5, 8)
    assert row["reply"] == "talked"


def test_a_nudge_without_a_later_paired_session_has_empty_follow_up():
    rows = follow_through_rows(sessions([("D1", 1, 9, 6)]), nudges([("D1", 1, "not_now")]),
                               decisions([]))
    assert math.isnan(rows["d1"].iloc[0]) and math.isnan(rows["d2"].iloc[0])


def test_summary_by_reply_counts_closed_gaps_beside_cooldown_held_decisions():
    frame = sessions([(f"D{i}", k, 9, 6 if k == 1 else 8.5) for i in range(6) for k in (1, 2)]
                     + [(f"H{i}", k, 9, 6) for i in range(5) for k in (1, 2)])
    result = follow_through(frame, nudges([(f"D{i}", 1, "talked") for i in range(6)]),
                            decisions([(f"H{i}", 1, True) for i in range(5)]))
    talked, held = result["by_reply"]["talked"], result["by_reply"]["held"]
    assert (talked["events"], talked["followed"], talked["closed"]) == (6, 6, 6)
    assert talked["coachee_change"] == pytest.approx(2.5)
    assert (held["followed"], held["closed"], held["narrowed"]) == (5, 0, 0)


def test_replies_from_fewer_than_5_dyads_are_suppressed():
    frame = sessions([(f"D{i}", k, 9, 7) for i in range(7) for k in (1, 2)])
    replies = [(f"D{i}", 1, "talked") for i in range(5)] + [("D5", 1, "not_now"),
                                                            ("D6", 1, "not_now")]
    result = follow_through(frame, nudges(replies), decisions([]))
    assert "closed" in result["by_reply"]["talked"]
    assert result["by_reply"]["not_now"] == {"suppressed": SUPPRESSED}
    few = follow_through(frame, nudges(replies[5:]), decisions([]))
    assert few["suppressed"] == SUPPRESSED and "by_reply" not in few
