"""The plain-text summary printed by `alliance analyze` without --json."""

from __future__ import annotations

from pathlib import Path

from alliance.reporting.analysis.inputs import read_dyads, read_sessions
from alliance.reporting.analysis.summary import analyze
from alliance.reporting.analysis.text_summary import format_summary


def test_summary_states_the_key_figures_and_the_caveat(oracle: Path) -> None:
    text = format_summary(analyze(read_dyads(oracle / "case1.csv")))
    assert "DYADS (n = 30)" in text
    assert "under-estimating coaches 8, accurate coaches 9, over-estimating coaches 13" in text
    assert "Group: F(2, 26) = 7.06, p = .004" in text
    assert "the groups differ" in text
    assert "under     5.75 [5.43, 6.06]" in text
    assert "reconstruction" in text and "not public" in text
    assert "a3 = -0.926 (SE 0.456, p = .054)" in text


def test_summary_covers_the_session_model(oracle: Path) -> None:
    text = format_summary(analyze(sessions_df=read_sessions(oracle / "sessions1.csv")))
    assert "201 ratings from 30 dyads" in text
    assert "Each point of coach rating goes with +0.501" in text
    assert "DYADS" not in text


def test_summary_shows_models_that_could_not_be_fitted(make_dyads) -> None:
    text = format_summary(analyze(make_dyads(n=5, seed=3)))
    assert "cannot be fitted" in text
    assert "Warnings:" in text


def test_summary_is_ascii_for_any_terminal(make_dyads, make_sessions) -> None:
    text = format_summary(analyze(make_dyads(n=40), make_sessions()))
    assert text.isascii()


def test_summary_reads_the_surface_block_first_and_only_clear_intervals(make_dyads) -> None:
    text = format_summary(analyze(make_dyads(n=40, seed=5)))
    assert "Block test, quadratic terms: F(3, 33)" in text
    assert "95% CI [" in text
    assert "does not show that over- or under-estimation is worse" in text
