"""The figures of `alliance bench` as a table, each beside its goal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def print_table(figures: dict[str, Any], console: Console) -> None:
    table = Table(title="alliance bench (the bare PTB bot measured in the same run)")
    for column in ("figure", "ours", "bare PTB", "goal"):
        table.add_column(column)
    for kind, row in figures["throughput"].items():
        table.add_row(
            f"saturation, {row['users']} users, {kind}",
            f"{row['updates_per_s']:.0f} taps/s (ratio {row['ratio_to_ceiling']})",
            f"{row['ceiling_updates_per_s']:.0f} taps/s",
            "ratio ≥ 0.6",
        )
        table.add_row(
            f"CPU per tap, {kind}", f"{row['cpu_ms_per_tap']:.1f} ms",
            f"{row['bare_cpu_ms_per_tap']:.1f} ms", "",
        )
    bare = figures["latency"]["bare"]
    for kind, row in figures["latency"].items():
        if kind == "bare":
            continue
        table.add_row(
            f"{row['offered_per_s']:.0f} taps/s offered over {row['users']} users, {kind}: "
            "p50 / p95 / max",
            f"{_ms(row['p50_ms'])} / {_ms(row['p95_ms'])} / {_ms(row['max_ms'])}",
            f"{_ms(bare['p50_ms'])} / {_ms(bare['p95_ms'])} / {_ms(bare['max_ms'])}",
            "p95 < 100 ms and ≤ 3 × bare",
        )
    for kind, row in figures.get("fanout", {}).items():
        table.add_row(
            f"fan-out of {row['prompts']} prompts and {row.get('notices', 0)} notices at "
            f"/close, {kind} (limits on)",
            f"{row['seconds']:.0f} s (ratio {row['ratio_to_ceiling']}), "
            f"{row['rate_limited']} × 429, {row['lost']} lost, taps p95 {_ms(row['tap_p95_ms'])}",
            f"ceiling {(row['prompts'] + row.get('notices', 0)) / 30:.0f} s",
            "ratio ≥ 0.9, 0 × 429, 0 lost, taps p95 < 250 ms",
        )
    several = figures.get("processes_3", {})
    if "skipped" in several:
        table.add_row("3 webhook processes behind nginx, PostgreSQL", several["skipped"], "", "")
    elif several:
        table.add_row(
            f"{several['processes']} webhook processes behind nginx, PostgreSQL, "
            f"{several['users']} users",
            f"{several['updates_per_s']:.0f} taps/s, {several['duplicates']} duplicates, "
            f"{several['lost']} lost (updates by process: "
            f"{' / '.join(str(n) for n in several['updates_by_process'])})",
            "", "0 duplicates, 0 lost",
        )
    analysis = figures.get("analysis")
    if analysis:
        table.add_row(
            f"alliance analyze, {analysis['dyads']:,} dyads × {analysis['sessions']} sessions",
            f"{analysis['seconds']:.1f} s (ratio {analysis['ratio_to_bare']:.2f})",
            f"{analysis['bare_seconds']:.1f} s", "ratio ≤ 1.5",
        )
        table.add_row("analysis and PDF of 30 dyads (imports done)",
                      f"{analysis['report_30_s']:.2f} s", "", "< 3 s")
    memory = figures["memory"]
    table.add_row(
        f"peak RSS, {memory['enrolled_people']} people enrolled",
        f"{memory['peak_rss_mb']:.0f} MB", f"{memory['bare_peak_rss_mb']:.0f} MB", "≤ 120 MB",
    )
    console.print(table)
    settings = ", ".join(
        f"{'sequential' if c == '1' else c}: {v:.0f}/s"
        for c, v in figures["bare"]["updates_per_s_by_concurrency"].items()
    )
    console.print(f"bare bot by concurrent_updates: {settings}")
