"""The analysis benchmark: its data feed `alliance analyze`, and it reports every figure."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from alliance.reporting.analysis.bench import analysis_bench, write_bench_data
from alliance.reporting.analysis.inputs import read_dyads, read_sessions
from alliance.reporting.analysis.summary import analyze


def test_bench_data_are_valid_exports_with_the_requested_size(tmp_path: Path) -> None:
    dyads, sessions = write_bench_data(tmp_path, dyads=40, sessions=5, coach_models=True)
    result = analyze(read_dyads(dyads), read_sessions(sessions))
    assert result["n"] == 40 and result["n_obs"] == 200
    assert "truth_force" in result["accuracy"] and "fixed" in result["mood"]


@pytest.mark.slow  # a benchmark run: its figures belong to `alliance bench`, not the quick loop
def test_bench_times_ours_against_the_bare_script(tmp_path: Path) -> None:
    figures = analysis_bench(dyads=60, sessions=4, folder=tmp_path)
    assert {"seconds", "bare_seconds", "ratio_to_bare", "report_30_s"} <= set(figures)
    assert all(math.isfinite(v) and v > 0 for v in figures.values())
    assert (tmp_path / "report.pdf").stat().st_size > 10_000
