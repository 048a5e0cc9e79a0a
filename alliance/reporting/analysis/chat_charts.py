"""The two or three charts `/report` sends as images beside the PDF, under the PDF's rules:
participation (counts, always), alliance on paired sessions and the distribution of D (only
over 5 dyads or more)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alliance.reporting.analysis import charts
from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.process import MIN_DYADS_SHOWN, is_suppressed

__all__ = ["chat_charts", "write_chat_charts"]


def chat_charts(data: ProgramData, process: Mapping[str, Any], lang: str = "en",
                cut_sd: float | None = None) -> list[tuple[str, bytes]]:
    """(file name, PNG) for each chart the program's size allows."""
    out: list[tuple[str, bytes]] = []
    rates = process.get("response_rates") or {}
    if any("sent" in r for sides in rates.values() for r in sides.values()):
        out.append(("participation.png", charts.participation_chart(rates, lang)))
    shown = [r for r in process.get("trajectories") or [] if not is_suppressed(r)]
    if shown:
        out.append(("alliance-paired-sessions.png",
                    charts.trajectory_chart(shown, lang, data.alliance_scale)))
    overview = process.get("alliance") or {}
    d = data.dyads["D"].dropna()
    if "discrepancy" in overview and len(d) >= MIN_DYADS_SHOWN:
        k = data.cut_sd if cut_sd is None else cut_sd
        out.append(("discrepancy-d.png", charts.discrepancy_histogram(d, k, lang)))
    return out


def write_chat_charts(data: ProgramData, process: Mapping[str, Any], out_dir: Path,
                      lang: str = "en", cut_sd: float | None = None) -> tuple[Path, ...]:
    paths = []
    for name, png in chat_charts(data, process, lang, cut_sd):
        path = Path(out_dir) / name
        path.write_bytes(png)
        paths.append(path)
    return tuple(paths)
