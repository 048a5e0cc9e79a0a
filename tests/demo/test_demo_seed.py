"""`alliance demo --seed N` tells the same program twice: what the simulated people answer, and so
every figure of the lead's report and every row the export holds, depends on the seed alone —
not on which person the event loop served first, nor on the wall clock."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.demo.run import DemoResult, run_demo
from bot.texts import t

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

# Row numbers of the database follow the order concurrent people were served; the rest must not.
ROW_NUMBERS = {"prompt_id"}
EXPORTS = ("dyads_all", "sessions", "prompts", "questionnaires", "decisions", "nudges")


def rows(folder: Path, name: str) -> list[tuple[tuple[str, str], ...]]:
    with (folder / "export" / f"{name}.csv").open(newline="") as file:
        return sorted(
            tuple((k, v) for k, v in row.items() if k not in ROW_NUMBERS)
            for row in csv.DictReader(file)
        )


async def demo(folder: Path) -> DemoResult:
    return await run_demo(
        folder, dyads=6, sessions=2, seed=7, console=Console(file=io.StringIO())
    )


async def test_the_same_seed_gives_the_same_report_and_data(tmp_path: Path) -> None:
    first, second = await demo(tmp_path / "a"), await demo(tmp_path / "b")

    assert "Mean alliance" in first.summary  # six dyads: the figures are not suppressed
    assert first.summary == second.summary
    for name in EXPORTS:
        assert rows(first.folder, name) == rows(second.folder, name), name
    assert first.transcript == second.transcript
    reminder = [t(lang, "checkin.reminder_no_deadline").split(":")[0] for lang in ("en", "fr")]
    assert any(word in line for line in first.transcript for word in reminder)
