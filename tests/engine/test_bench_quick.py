"""`alliance bench --quick`: both bots as processes on the emulator, every figure present."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app


@pytest.mark.slow
def test_quick_bench_reports_every_figure() -> None:
    result = CliRunner().invoke(app, ["bench", "--quick", "--json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    sqlite = figures["throughput"]["sqlite"]
    assert sqlite["updates_per_s"] > 0 and sqlite["ceiling_updates_per_s"] > 0
    assert sqlite["ratio_to_ceiling"] > 0 and sqlite["cpu_ms_per_tap"] > 0
    assert sqlite["bare_cpu_ms_per_tap"] > 0
    for kind in ("sqlite", "bare"):
        latency = figures["latency"][kind]
        assert latency["taps"] > 0 and latency["lost"] == 0
        assert 0 < latency["p50_ms"] <= latency["p95_ms"] <= latency["max_ms"]
    fanout = figures["fanout"]["sqlite"]
    assert fanout["prompts"] == 80 and fanout["lost"] == 0 and fanout["seconds"] > 0
    assert fanout["rate_limited"] == 0
    assert figures["memory"]["peak_rss_mb"] > 20
    assert figures["memory"]["enrolled_people"] >= 80
