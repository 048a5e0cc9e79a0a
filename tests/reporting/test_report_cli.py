"""`alliance report` and `alliance export` against a migrated SQLite database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from alliance.config import get_settings
from alliance.db import create_engine, create_session_factory, transaction
from alliance.migrate import upgrade_database
from alliance.report_cli import export_command, report_command

from .builders import build_program

app = typer.Typer()
app.command("report")(report_command)
app.command("export")(export_command)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('cli') / 'alliance.db'}"
    upgrade_database(url)

    async def populate() -> int:
        engine = create_engine(url)
        async with transaction(create_session_factory(engine)) as session:
            program_id = await build_program(session, n_dyads=6, n_sessions=3)
        await engine.dispose()
        return program_id

    return url, asyncio.run(populate())


@pytest.fixture
def runner(database: tuple[str, int], monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", database[0])
    monkeypatch.setenv("ALLIANCE_PSEUDONYM_KEY", "a-secret-key-for-tests")
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
