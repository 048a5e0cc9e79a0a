"""The export: complete codebook, pseudonyms only, and files the analyzer reads unchanged."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from alliance.analysis.dataset import ProgramData
from alliance.analysis.inputs import read_dyads, read_sessions
from alliance.analysis.summary import analyze
from alliance.export import CODEBOOK, export_program, pseudonym, write_export

from .builders import COMMENT, TELEGRAM_BASE
from .conftest import KEY, BuiltProgram

CSV_FILES = ("dyads.csv", "dyads_all.csv", "sessions.csv", "checkins.csv", "questionnaires.csv",
             "prompts.csv", "nudges.csv", "decisions.csv", "codebook.csv")


@pytest.fixture(scope="module")
def exported(program_data: ProgramData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    write_export(program_data, out, KEY)
    return out


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return next(csv.reader(handle))


def test_every_file_is_written(exported: Path):
    for name in (*CSV_FILES, "codebook.md", "export.xlsx"):
        assert (exported / name).is_file(), name


def test_codebook_describes_exactly_the_columns_of_every_file(exported: Path):
    with (exported / "codebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    described: dict[str, list[str]] = {}
    for row in rows:
        assert row["type"] and row["scale"] and row["meaning"], row
        described.setdefault(row["file"], []).append(row["column"])
    for name in CSV_FILES[:-1]:
        assert header(exported / name) == described[name], name
    markdown = (exported / "codebook.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in markdown for columns in described.values() for column in columns)
    assert "Pseudonym key: set by the operator in ALLIANCE_PSEUDONYM_KEY" in markdown


def test_no_names_telegram_ids_or_comments_leave_the_database(exported: Path):
    telegram_ids = [str(TELEGRAM_BASE + i) for i in range(1, 18)]
    forbidden = ["Amélie", "Tremblay", "Zoë", "Gagnon", "Léa", COMMENT, *telegram_ids]
    texts = [p.read_text(encoding="utf-8") for p in exported.iterdir() if p.suffix != ".xlsx"]
    book = openpyxl.load_workbook(exported / "export.xlsx", read_only=True)
    texts += [" ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
              for sheet in book.worksheets]
    for text in texts:
        for word in forbidden:
            assert word not in text


def test_identifiers_are_keyed_hashes(exported: Path, program_data: ProgramData):
    with (exported / "dyads_all.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(re.fullmatch(r"d-[0-9a-f]{10}", r["dyad_id"]) for r in rows)
    assert all(re.fullmatch(r"c-[0-9a-f]{10}", r["coach_id"]) for r in rows)
    assert len({r["dyad_id"] for r in rows}) == 12 and len({r["coach_id"] for r in rows}) == 4
    first = pseudonym(KEY.secret, program_data.program_id, "dyad", "D01")
    assert rows[0]["dyad_id"] == first
    assert pseudonym(b"another key", program_data.program_id, "dyad", "D01") != first
    assert pseudonym(KEY.secret, program_data.program_id + 1, "dyad", "D01") != first


def test_exported_csvs_feed_the_analyzer_unchanged(exported: Path):
    dyads, sessions = read_dyads(exported / "dyads.csv"), read_sessions(exported / "sessions.csv")
    assert len(dyads) == 10  # two coachees have no final questionnaire
    result = analyze(dyads_df=dyads, sessions_df=sessions)
    assert result["n"] == 10
    assert result["session_model"]["n_dyads"] == 12


def test_dyads_all_keeps_incomplete_dyads_with_empty_cells(exported: Path):
    with (exported / "dyads_all.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = [r for r in rows if r["se_post"] == ""]
    assert len(rows) == 12 and len(missing) == 2
    assert all(r["se_pre"] for r in missing)


def test_checkins_are_one_row_per_answer(exported: Path, program_data: ProgramData):
    with (exported / "checkins.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    answers = program_data.answers
    assert len(rows) == int((answers["kind"] == "checkin").sum())
    assert {r["side"] for r in rows} == {"coach", "coachee"}
    assert all(r["answered_at"].endswith("Z") for r in rows)


async def test_export_program_reads_the_database(cohort: BuiltProgram, tmp_path: Path):
    from alliance.db import create_engine, create_session_factory, transaction

    engine = create_engine(cohort.url)
    async with transaction(create_session_factory(engine)) as session:
        written = await export_program(session, cohort.program_id, tmp_path, KEY)
    await engine.dispose()
    assert {p.name for p in written} >= {"dyads.csv", "sessions.csv", "codebook.md"}
    assert set(CODEBOOK) <= {p.name for p in written}
