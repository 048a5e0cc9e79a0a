"""`alliance report` and `alliance export` against a migrated SQLite database."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from alliance.cli.reports import export_command, report_command
from alliance.core.config import get_settings
from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.migrate import upgrade_database
from alliance.reporting.export import pseudonym

from .builders import build_program

app = typer.Typer()
app.command("report")(report_command)
app.command("export")(export_command)


def _migrated_program(path: Path) -> tuple[str, int]:
    """A SQLite database at `path` holding one small program: (URL, program id)."""
    url = f"sqlite+aiosqlite:///{path}"
    upgrade_database(url)

    async def populate() -> int:
        engine = create_engine(url)
        async with transaction(create_session_factory(engine)) as session:
            program_id = await build_program(session, n_dyads=6, n_sessions=3)
        await engine.dispose()
        return program_id

    return url, asyncio.run(populate())


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    return _migrated_program(tmp_path_factory.mktemp("cli") / "alliance.db")


@pytest.fixture
def runner(database: tuple[str, int], monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", database[0])
    monkeypatch.delenv("ALLIANCE_PSEUDONYM_KEY", raising=False)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_report_writes_the_pdf_and_prints_the_summary(runner: CliRunner, database, tmp_path):
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "--program", str(database[1]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.read_bytes().startswith(b"%PDF")
    assert "Coach Alliance — program report" in result.output


def test_report_for_an_unknown_program_is_one_line(runner: CliRunner, tmp_path: Path):
    result = runner.invoke(app, ["report", "--program", "999", "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert "no program with id 999" in result.output


def test_report_rejects_an_unknown_language(runner: CliRunner, database, tmp_path: Path):
    args = ["report", "--program", str(database[1]), "--lang", "de"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "--lang" in result.output


def test_export_writes_the_files(runner: CliRunner, database, tmp_path: Path):
    result = runner.invoke(app, ["export", "--program", str(database[1]), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dyads.csv").is_file() and (tmp_path / "codebook.md").is_file()
    assert str(tmp_path / "sessions.csv") in result.output


def _dyad_ids(folder: Path) -> list[str]:
    with (folder / "dyads_all.csv").open(encoding="utf-8") as handle:
        return [row["dyad_id"] for row in csv.DictReader(handle)]


def test_export_without_a_key_uses_one_random_key_kept_in_the_database(
    runner: CliRunner, database, tmp_path: Path
):
    program = str(database[1])
    first = runner.invoke(app, ["export", "--program", program, "--out", str(tmp_path / "a")])
    again = runner.invoke(app, ["export", "--program", program, "--out", str(tmp_path / "b")])
    assert first.exit_code == again.exit_code == 0, first.output
    assert "pseudonym key: database" in first.output
    assert _dyad_ids(tmp_path / "a") == _dyad_ids(tmp_path / "b")  # stable for this database
    codebook = (tmp_path / "a" / "codebook.md").read_text(encoding="utf-8")
    assert "Pseudonym key: drawn at random for this database" in codebook
    old_default = b"change-me-before-exporting"
    assert pseudonym(old_default, database[1], "dyad", "D01") not in _dyad_ids(tmp_path / "a")


def test_two_installations_get_different_pseudonyms(
    runner: CliRunner, database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The same program rebuilt in a second database: same rows, other ids."""
    other, other_program = _migrated_program(tmp_path / "other.db")
    assert other_program == database[1]
    here = runner.invoke(app, ["export", "--program", str(database[1]), "--out",
                               str(tmp_path / "here")])
    monkeypatch.setenv("DATABASE_URL", other)
    get_settings.cache_clear()
    there = runner.invoke(app, ["export", "--program", str(other_program), "--out",
                                str(tmp_path / "there")])
    assert here.exit_code == there.exit_code == 0, there.output
    assert set(_dyad_ids(tmp_path / "here")).isdisjoint(_dyad_ids(tmp_path / "there"))


def test_export_with_the_operators_key_says_so(
    runner: CliRunner, database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    key = "k" * 32
    monkeypatch.setenv("ALLIANCE_PSEUDONYM_KEY", key)
    get_settings.cache_clear()
    result = runner.invoke(app, ["export", "--program", str(database[1]), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "pseudonym key: ALLIANCE_PSEUDONYM_KEY" in result.output
    assert _dyad_ids(tmp_path)[0] == pseudonym(key.encode(), database[1], "dyad", "D01")
    codebook = (tmp_path / "codebook.md").read_text(encoding="utf-8")
    assert "Pseudonym key: set by the operator in ALLIANCE_PSEUDONYM_KEY" in codebook


def test_a_short_key_is_refused_in_one_line(
    runner: CliRunner, database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("ALLIANCE_PSEUDONYM_KEY", "x" * 31)
    get_settings.cache_clear()
    result = runner.invoke(app, ["export", "--program", str(database[1]), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith("error: invalid setting ALLIANCE_PSEUDONYM_KEY: must be at "
                                    "least 32 bytes")
    assert result.output.count("\n") == 1 and not list(tmp_path.iterdir())
