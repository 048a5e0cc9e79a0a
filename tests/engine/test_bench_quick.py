"""`alliance bench --quick`: both bots as processes on the emulator, every figure present."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.databases import POSTGRES_ENV


@pytest.mark.slow
def test_quick_bench_reports_every_figure() -> None:
    postgres = os.environ.get(POSTGRES_ENV)
    args = ["bench", "--quick", "--json", *(["--postgres", postgres] if postgres else [])]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
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
    assert 40 <= fanout["prompts"] <= 80 and fanout["notices"] == 80  # 40 dyads
    assert fanout["lost"] == 0 and fanout["seconds"] > 0
    assert fanout["rate_limited"] == 0
    assert figures["memory"]["peak_rss_mb"] > 20
    assert figures["memory"]["enrolled_people"] >= 80
    analysis = figures["analysis"]
    assert analysis["seconds"] > 0 and analysis["bare_seconds"] > 0
    assert analysis["ratio_to_bare"] > 0 and analysis["report_30_s"] > 0
    several = figures["processes_3"]
    if postgres:
        assert several["updates_per_s"] > 0 and several["processes"] == 3
        assert several["duplicates"] == 0 and several["lost"] == 0
        assert len(several["updates_by_process"]) == 3
    else:
        assert "skipped" in several
