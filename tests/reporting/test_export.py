"""The export: complete codebook, pseudonyms only, and files the analyzer reads unchanged."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.inputs import read_dyads, read_sessions
from alliance.reporting.analysis.summary import analyze
from alliance.reporting.export import CODEBOOK, export_program, pseudonym, write_export

from .builders import COMMENT, TELEGRAM_BASE
from .conftest import KEY, BuiltProgram

CSV_FILES = ("dyads.csv", "dyads_all.csv", "sessions.csv", "sessions_paired.csv", "checkins.csv",
             "questionnaires.csv", "prompts.csv", "nudges.csv", "decisions.csv", "items.csv",
             "codebook.csv")


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
    dyads = read_dyads(exported / "dyads.csv")
    sessions = read_sessions(exported / "sessions_paired.csv")
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
    from alliance.core.db import create_engine, create_session_factory, transaction

    engine = create_engine(cohort.url)
    async with transaction(create_session_factory(engine)) as session:
        written = await export_program(session, cohort.program_id, tmp_path, KEY)
    await engine.dispose()
    assert {p.name for p in written} >= {"dyads.csv", "sessions.csv", "codebook.md"}
    assert set(CODEBOOK) <= {p.name for p in written}


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sessions_has_every_session_with_who_answered(exported: Path,
                                                      program_data: ProgramData):
    rows = rows_of(exported / "sessions.csv")
    assert len(rows) == len(program_data.sessions)
    unpaired = [r for r in rows if r["paired"] == "false"]
    assert unpaired and len(rows) - len(unpaired) == len(program_data.paired_sessions())
    assert all((r["coach_answered"] == "true") == (r["coach_alliance"] != "") for r in rows)
    assert all((r["coachee_answered"] == "true") == (r["coachee_alliance"] != "") for r in rows)
    assert any(r["coach_prediction"] for r in rows)
    assert all(r["held_at"].endswith("Z") and r["held_at_local"][-6:] in ("-05:00", "-04:00")
               for r in rows)  # the program is in America/Montreal


def test_prompts_are_long_format_with_utc_local_times_and_latency(exported: Path):
    rows = rows_of(exported / "prompts.csv")
    answered = [r for r in rows if r["state"] == "answered"]
    assert answered and all(float(r["minutes_to_answer"]) >= 0 for r in answered)
    assert all(r["answered_at_local"].startswith(r["answered_at"][:4]) for r in answered)
    expired = [r for r in rows if r["state"] == "expired"]
    assert expired and all(r["expired_at"] == r["expires_at"] and r["expired_at_local"]
                           for r in expired)
    assert {r["instrument_id"] for r in rows} >= {"alliance_checkin", "self_efficacy"}
    assert all(r["instrument_version"] == "1" for r in rows)


def test_a_questionnaire_left_part_way_is_flagged_unfinished(program_data: ProgramData,
                                                             tmp_path: Path):
    prompts = program_data.prompts.copy()
    answers = program_data.answers
    first = int(answers.loc[answers["kind"] == "checkin", "prompt_id"].iloc[0])
    prompts.loc[prompts["prompt_id"] == first, "items_answered"] = 2  # of 4 or 5 asked
    write_export(replace(program_data, prompts=prompts), tmp_path, KEY, xlsx=False)
    flagged = {r["prompt_id"] for r in rows_of(tmp_path / "prompts.csv")
               if r["unfinished"] == "true"}
    assert str(first) in flagged
    answers_flagged = {r["prompt_id"] for r in rows_of(tmp_path / "checkins.csv")
                       if r["unfinished"] == "true"}
    assert str(first) in answers_flagged


def test_codebook_gives_every_item_wording_and_the_prediction_item(exported: Path):
    items = rows_of(exported / "items.csv")
    predicted = [r for r in items if r["dimension"] == "prediction"]
    assert predicted and predicted[0]["side"] == "coach" and predicted[0]["scored"] == "false"
    assert all(r["text_en"] and r["text_fr"] and r["instrument_version"] for r in items)
    checkin_items = {r["item"] for r in rows_of(exported / "checkins.csv")}
    assert checkin_items <= {r["item"] for r in items}
    markdown = (exported / "codebook.md").read_text(encoding="utf-8")
    assert predicted[0]["text_en"] in markdown


def test_codebook_markdown_tables_have_one_cell_per_column(exported: Path):
    """An unescaped "|" in a scale such as "coach | coachee" used to split a cell in two."""
    table: list[int] = []
    for line in [*(exported / "codebook.md").read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("|"):
            table.append(len(re.findall(r"(?<!\\)\|", line)))
        elif table:
            assert len(set(table)) == 1, table
            table = []
    assert "coach \\| coachee" in (exported / "codebook.md").read_text(encoding="utf-8")


def test_nudges_carry_the_gap_and_coachee_rating_at_the_next_two_paired_sessions(
        exported: Path, program_data: ProgramData):
    rows = rows_of(exported / "nudges.csv")
    assert len(rows) == len(program_data.nudges)
    paired = program_data.paired_sessions()
    first = program_data.nudges.iloc[0]
    later = paired[(paired["dyad_id"] == first["dyad_id"])
                   & (paired["session"] > first["session"])].sort_values("session")
    assert float(rows[0]["d_next1"]) == pytest.approx(later["D"].iloc[0])
    assert float(rows[0]["coachee_next2"]) == pytest.approx(later["coachee_alliance"].iloc[1])


async def test_a_session_question_is_exported_without_an_instrument_version(
    factory: async_sessionmaker[AsyncSession], tmp_path: Path
):
    """A scheduled session's "did it take place?" has no instrument: its row is still written,
    with the version cell empty, and the rest of the export is unchanged."""
    from sqlalchemy import select

    from alliance.core.db import transaction
    from alliance.core.models import CoachingSession, Dyad, Prompt, PromptKind, PromptState, Role
    from alliance.reporting.analysis.dataset import load_program_data

    from .builders import at, build_program

    async with transaction(factory) as session:
        program_id = await build_program(session, n_dyads=6, n_sessions=2)
        held = await session.scalar(select(CoachingSession).order_by(CoachingSession.id))
        assert held is not None
        dyad = await session.get(Dyad, held.dyad_id)
        assert dyad is not None
        session.add(Prompt(kind=PromptKind.SESSION_OUTCOME, occasion=f"session:{held.id}",
                           recipient_id=dyad.coach_id, program_id=program_id, dyad_id=dyad.id,
                           session_id=held.id, side=Role.COACH, state=PromptState.ANSWERED,
                           due_at=at(7), sent_at=at(7), answered_at=at(7, 11)))
    async with transaction(factory) as session:
        written = await export_program(session, program_id, tmp_path, KEY)
        data = await load_program_data(session, program_id)
    assert set(CODEBOOK) <= {p.name for p in written}
    rows = [r for r in rows_of(tmp_path / "prompts.csv") if r["questionnaire"] == "session_outcome"]
    assert len(rows) == 1 and rows[0]["instrument_version"] == ""
    assert len(rows_of(tmp_path / "prompts.csv")) == len(data.prompts)


async def test_prompt_times_are_on_each_recipients_clock_without_the_zone_name(
    factory: async_sessionmaker[AsyncSession], tmp_path: Path
):
    """A coachee living by Paris time sees a Montreal program's prompts at Paris hours: their
    `…_local` times carry Paris's offset, everyone else's Montreal's; no zone name is written."""
    from sqlalchemy import select

    from alliance.core.db import transaction
    from alliance.core.models import Dyad, Person

    from .builders import build_program

    async with transaction(factory) as session:
        program_id = await build_program(session, n_dyads=6, n_sessions=2)
        dyad = await session.scalar(select(Dyad).order_by(Dyad.id))
        assert dyad is not None
        coachee = await session.get(Person, dyad.coachee_id)
        assert coachee is not None
        coachee.timezone = "Europe/Paris"
        code = dyad.code
    async with transaction(factory) as session:
        await export_program(session, program_id, tmp_path, KEY)
    paris = pseudonym(KEY.secret, program_id, "dyad", code)
    rows = [r for r in rows_of(tmp_path / "prompts.csv") if r["due_at_local"]]
    theirs = [r for r in rows if r["dyad_id"] == paris and r["side"] == "coachee"]
    others = [r for r in rows if r not in theirs]
    assert theirs and others
    assert {r["due_at_local"][-6:] for r in theirs} <= {"+01:00", "+02:00"}
    assert {r["due_at_local"][-6:] for r in others} <= {"-05:00", "-04:00"}
    sessions = rows_of(tmp_path / "sessions.csv")
    assert all(r["held_at_local"][-6:] in ("-05:00", "-04:00") for r in sessions)
    texts = " ".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir()
                     if p.suffix in (".csv", ".md"))
    assert "Europe/Paris" not in texts and "Paris" not in texts
