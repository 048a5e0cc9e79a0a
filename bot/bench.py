"""`alliance bench`: the figures that say whether the product is fast enough.

- the simulated program end to end (the demo's cohort through the real bot and emulator):
  wall time, Bot API calls per second, check-in tap → bot edit latency (p50, p95, max);
- the statistics on a 300-dyad / 2,400-session data set: ANCOVA + response surface, and the
  REML mixed model.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console

from alliance.analysis.summary import analyze_dyads, analyze_sessions


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def synthetic_data(dyads: int, sessions: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dyad- and session-level data of a plausible shape for timing the models."""
    rng = np.random.default_rng(seed)
    coachee = rng.uniform(5, 9.5, dyads)
    coach = np.clip(coachee + rng.normal(0.2, 0.9, dyads), 0, 10)
    se_pre = rng.uniform(3, 7, dyads)
    se_post = se_pre + 0.8 - 0.3 * (coach - coachee) + rng.normal(0, 0.5, dyads)
    ids = [f"d{i:04d}" for i in range(dyads)]
    dyad_frame = pd.DataFrame(
        {
            "dyad_id": ids,
            "coach_id": [f"c{i % 50:03d}" for i in range(dyads)],
            "coach_alliance": coach,
            "coachee_alliance": coachee,
            "se_pre": se_pre,
            "se_post": se_post,
        }
    )
    rows = []
    for i, dyad in enumerate(ids):
        level = rng.normal(0, 0.6)
        for s in range(1, sessions + 1):
            c = float(np.clip(coach[i] + rng.normal(0, 0.7), 0, 10))
            y = float(
                np.clip(
                    coachee[i] + level + 0.05 * s + 0.4 * (c - coach[i]) + rng.normal(0, 0.5), 0, 10
                )
            )
            rows.append((dyad, f"c{i % 50:03d}", s, c, y))
    session_frame = pd.DataFrame(
        rows, columns=["dyad_id", "coach_id", "session", "coach_alliance", "coachee_alliance"]
    )
    return dyad_frame, session_frame


def run_bench(dyads: int, sessions: int, console: Console) -> None:
    import asyncio

    from bot.demo.run import run_demo

    console.print(
        f"[bold]1. Simulated program[/bold]: {dyads} pairs × {sessions} sessions "
        "through the emulator and the real bot"
    )
    with tempfile.TemporaryDirectory() as folder:
        result = asyncio.run(
            run_demo(Path(folder), dyads=dyads, sessions=sessions, console=Console(quiet=True))
        )
    calls = sum(result.stats.get("calls", {}).values())
    taps = result.tap_latencies
    console.print(
        f"   wall time {result.seconds:.1f} s; {calls} Bot API calls "
        f"({calls / result.seconds:.0f}/s)"
    )
    if taps:
        console.print(
            f"   check-in tap → edit: n={len(taps)}, p50 {1000 * statistics.median(taps):.0f}"
            f" ms, p95 {1000 * _percentile(taps, 0.95):.0f} ms, max "
            f"{1000 * max(taps):.0f} ms"
        )
    console.print("[bold]2. Statistics[/bold] on 300 dyads / 2,400 sessions")
    dyad_frame, session_frame = synthetic_data(300, 8)
    began = time.perf_counter()
    analyze_dyads(dyad_frame)
    middle = time.perf_counter()
    analyze_sessions(session_frame)
    ended = time.perf_counter()
    console.print(
        f"   ANCOVA + response surface {1000 * (middle - began):.0f} ms; "
        f"mixed model {1000 * (ended - middle):.0f} ms"
    )
