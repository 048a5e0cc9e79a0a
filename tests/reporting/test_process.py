"""Process figures: rates, nudges and trajectories, and suppression under 5 dyads."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.process import (
    SUPPRESSED,
    is_suppressed,
    nudge_effect,
    nudge_summary,
    process_summary,
    response_rates,
    self_efficacy_change,
    trajectories,
    withhold_small_samples,
)


def sessions_frame(rows: list[tuple[str, int, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["dyad_id", "session", "coach_alliance", "coachee_alliance"])
    frame["coach_id"] = "C01"
    frame["D"] = frame["coach_alliance"] - frame["coachee_alliance"]
    return frame


def nudges_frame(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["dyad_id", "session", "outcome"])
    return frame.assign(rule="overestimation", d=float("nan"), sent_at=pd.Timestamp("2026-02-01"))


def test_response_rate_is_answered_over_sent_by_role(program_data: ProgramData):
    rates = response_rates(program_data.prompts)["checkin"]
    prompts = program_data.prompts
    for side in ("coach", "coachee"):
        mine = prompts[(prompts["kind"] == "checkin") & (prompts["side"] == side)]
        answered, expired = (mine["state"] == "answered").sum(), (mine["state"] == "expired").sum()
        assert rates[side]["sent"] == len(mine) == answered + expired
        assert rates[side]["rate"] == pytest.approx(answered / len(mine))
        assert rates[side]["expired"] == expired > 0
    assert rates["coachee"]["median_hours"] > 0


def test_d_before_and_after_a_nudge_pairs_the_next_session_with_both_answers():
    rows = []
    for i in range(5):
        code = f"D{i:02d}"
        rows += [(code, 1, 8.0, 6.0), (code, 2, 7.0, float("nan")), (code, 3, 7.0, 6.5)]
    effect = nudge_effect(sessions_frame(rows), nudges_frame([(f"D{i:02d}", 1, "talked")
                                                             for i in range(5)]))
    assert effect["pairs"] == 5 and effect["dyads"] == 5
    assert effect["before"]["mean"] == pytest.approx(2.0)
    assert effect["after"]["mean"] == pytest.approx(0.5)  # session 2 lacks the coachee's answer
    assert effect["change"]["mean"] == pytest.approx(-1.5)


def test_nudge_effect_over_fewer_than_5_dyads_is_suppressed():
    rows = [(f"D{i}", k, 8.0, 6.0) for i in range(4) for k in (1, 2)]
    effect = nudge_effect(sessions_frame(rows), nudges_frame([(f"D{i}", 1, "talked")
                                                             for i in range(4)]))
    assert effect["suppressed"] == SUPPRESSED
    assert "before" not in effect


def test_trajectory_rows_under_5_dyads_are_suppressed():
    rows = [(f"D{i}", 1, 7.0 + i / 10, 8.0) for i in range(6)]
    rows += [(f"D{i}", 2, 7.5, 8.5) for i in range(4)]
    result = {row["session"]: row for row in trajectories(sessions_frame(rows))}
    assert result[1]["coach"]["n"] == 6
    assert result[1]["coach"]["mean"] == pytest.approx(7.25)
    assert result[1]["coachee"]["ci_low"] == pytest.approx(8.0)
    assert is_suppressed(result[2]) and "coach" not in result[2]


def test_trajectories_compare_the_same_sessions_on_both_sides():
    """A coach check-in without the coachee's moves neither line (the issue's 8.26 vs 8.14)."""
    rows = [(f"D{i}", 1, 8.0, 8.0) for i in range(5)]
    rows += [(f"D{i}", 1, 10.0, float("nan")) for i in range(5, 8)]  # coach answered alone
    (row,) = trajectories(sessions_frame(rows))
    assert row["dyads"] == 5 and row["coach"]["n"] == row["coachee"]["n"] == 5
    assert row["coach"]["mean"] == pytest.approx(8.0) and row["d"]["mean"] == pytest.approx(0)


def test_nudge_totals_over_fewer_than_5_dyads_are_suppressed():
    one = nudges_frame([("D0", 1, "talked")])
    decisions = pd.DataFrame({"dyad_id": ["D0", "D0"], "fired": [True, False],
                              "rule": ["overestimation", None]})
    summary = nudge_summary(one, decisions)
    assert summary == {"dyads": 1, "suppressed": SUPPRESSED}


def test_nudge_counts_by_rule_need_5_nudged_dyads():
    few = nudges_frame([(f"D{i}", 1, "talked") for i in range(4)])
    decisions = pd.DataFrame({"dyad_id": [f"D{i}" for i in range(8)], "fired": [True] * 8,
                              "rule": ["overestimation"] * 8})
    summary = nudge_summary(few, decisions)
    assert summary["nudges"] == 4
    assert is_suppressed(summary["by_rule"]) and is_suppressed(summary["by_outcome"])
    many = nudges_frame([(f"D{i}", 1, "talked") for i in range(5)])
    assert nudge_summary(many, decisions)["by_outcome"] == {"talked": 5}


def test_self_efficacy_groups_under_5_dyads_are_suppressed(program_data: ProgramData):
    change = self_efficacy_change(program_data.dyads, cut_sd=0.5)
    assert change["dyads"] == 10
    assert change["post"]["mean"] > change["pre"]["mean"]
    groups = change["by_group"]
    assert all(is_suppressed(g) == (g["dyads"] < 5) for g in groups.values())
    assert any(is_suppressed(g) for g in groups.values())
    tiny = program_data.dyads.head(4)
    assert is_suppressed(self_efficacy_change(tiny))


def test_program_with_under_5_dyads_shows_no_breakdowns(program_data: ProgramData):
    kept = program_data.dyads["dyad_id"].head(4).tolist()

    def only(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["dyad_id"].isin(kept)].reset_index(drop=True)

    small = ProgramData(**{**program_data.__dict__, **{
        name: only(getattr(program_data, name))
        for name in ("dyads", "sessions", "prompts", "answers", "nudges", "decisions")
    }})
    summary = process_summary(small)
    assert is_suppressed(summary["alliance"])
    assert is_suppressed(summary["nudges"]) and "sent" not in summary["nudges"]
    rates = summary["response_rates"]["checkin"]  # participation counts stay at any size
    assert not is_suppressed(rates["coachee"]) and rates["coachee"]["sent"] > 0
    assert all(is_suppressed(row) for row in summary["trajectories"])
    assert is_suppressed(summary["self_efficacy"]) or not summary["self_efficacy"]["available"]
    assert summary["participation"]["dyads"] == 4  # plain counts of the whole program stay


def test_no_figure_is_broken_down_by_coach(program_data: ProgramData):
    text = json.dumps(process_summary(program_data), default=str)
    assert not any(label in text for label in program_data.dyads["coach_id"])
    assert not any(code in text for code in program_data.dyads["dyad_id"])


def test_analysis_results_over_fewer_than_5_dyads_are_withheld():
    result = {"n": 4, "discrepancy": {"groups": {"under": 1}}, "ancova": {"group": {}},
              "session_model": {"n_dyads": 3, "fixed": {}}, "fixed": {}, "mean_bias": 0.1}
    shown = withhold_small_samples(result)
    assert shown["not_enough_data"] and "ancova" not in shown and "discrepancy" not in shown
    assert shown["session_model"] == {"n_dyads": 3, "not_enough_data": True}
    assert "fixed" not in shown and "mean_bias" not in shown
