"""A roster's gender, age and background of each person are compared at import and dropped:
nothing but the pair's result is stored, exported or shown to the lead (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.models import Base, Dyad
from alliance.reporting.analysis.dataset import load_program_data
from tests.cli_runner import Ran, run_cli

ROSTER = """key,name,role,coach,gender,age,background
c1,Claire Roy,coach,,Xenogender,61,Zymurgy
e1,Sam Li,coachee,c1,xenogender,29,Oceanography
e2,Ana Diaz,coachee,c1,Agender-Q,44,zymurgy
"""
TRAITS = ("xenogender", "agender-q", "zymurgy", "oceanography")
AGES = (61.0, 29.0, 44.0)


def alliance(database_url: str, folder: Path, *args: str) -> Ran:
    return run_cli({"DATABASE_URL": database_url}, *args, cwd=folder)


def _values(value: Any) -> list[Any]:
    """Every leaf of a JSON value (keys included), to look for an age among them."""
    if isinstance(value, dict):
        return [*value, *(leaf for item in value.values() for leaf in _values(item))]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _values(item)]
    return [value]


async def test_roster_traits_never_reach_the_database_export_or_report(
    database_url: str, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    created = alliance(database_url, tmp_path, "program", "create", "P", "--json",
                       "--module", "similarity")
    program = json.loads(created.stdout)["id"]
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    imported = alliance(database_url, tmp_path, "roster", "import", str(roster), "--program",
                        str(program))
    assert imported.returncode == 0, imported.stderr

    async with session_factory() as session:
        dyads = list(await session.scalars(select(Dyad).order_by(Dyad.code)))
        assert [d.similarity for d in dyads] == [
            {"same_gender": True, "same_background": False, "age_gap": 32.0},
            {"same_gender": False, "same_background": True, "age_gap": 17.0},
        ]
        stored: list[Any] = []
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                stored += [v for v in row if isinstance(v, str | dict | list)]
        frame = (await load_program_data(session, program)).dyads
    dump = json.dumps(stored, default=str).lower()
    assert not [t for t in TRAITS if t in dump]
    assert not {v for s in stored if isinstance(s, dict | list) for v in _values(s)} & set(AGES)
    assert not {"gender", "age", "background"} & set(frame.columns)
    assert list(frame["age_gap"]) == [32.0, 17.0]

    export = tmp_path / "export"
    assert alliance(database_url, tmp_path, "export", "--program", str(program), "--out",
                    str(export)).returncode == 0
    report = alliance(database_url, tmp_path, "report", "--program", str(program), "--out",
                      str(tmp_path / "report.pdf"))
    assert report.returncode == 0, report.stderr
    pdf = "\n".join(p.extract_text() or "" for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "Similar and dissimilar pairs" in pdf  # the module is on: the page is drawn
    texts = [report.stdout, pdf, *(p.read_text(encoding="utf-8") for p in export.iterdir()
                                   if p.suffix in (".csv", ".md"))]
    for text in texts:
        assert not [t for t in TRAITS if t in text.lower()]
    header = (export / "dyads_all.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("same_gender,same_background,age_gap")
