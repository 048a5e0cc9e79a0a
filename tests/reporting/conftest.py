"""Programs in real SQLite databases (schema from the models), built once per test session.

Building and rendering take a second or two, so the 12-dyad program and its rendered report are
shared; tests that need their own rows get a fresh database from `factory`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.models import Base
from alliance.reporting.analysis.dataset import ProgramData, load_program_data
from alliance.reporting.pseudonym_keys import ExportKey, KeySource
from alliance.reporting.report import ReportBundle, render_report

from .builders import at, build_program

T = TypeVar("T")

FINAL_NOW = at(250)
"""After the programs' end date: reports built at this time are final."""
INTERIM_NOW = at(60)
KEY = ExportKey(b"test-pseudonym-key-0123456789-abcdef", KeySource.SETTING)


@dataclass(frozen=True)
class BuiltProgram:
    url: str
    program_id: int
    data: ProgramData


async def create_schema(url: str) -> async_sessionmaker[AsyncSession]:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    return create_session_factory(engine)


async def build_async(path: Path, now: object = FINAL_NOW, **options: object) -> BuiltProgram:
    """A fresh database file with one program; returns its URL, id and loaded data."""
    url = f"sqlite+aiosqlite:///{path}"
    factory = await create_schema(url)
    async with transaction(factory) as session:
        program_id = await build_program(session, **options)  # type: ignore[arg-type]
    async with transaction(factory) as session:
        data = await load_program_data(session, program_id, now=now)  # type: ignore[arg-type]
    await factory.kw["bind"].dispose()
    return BuiltProgram(url, program_id, data)


def build_in(path: Path, now: object = FINAL_NOW, **options: object) -> BuiltProgram:
    """`build_async` for synchronous tests and session fixtures."""
    return asyncio.run(build_async(path, now, **options))


@pytest.fixture(scope="session")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> BuiltProgram:
    """12 dyads, 6 sessions each, some expiries, nudges, mood; two final questionnaires missing."""
    return build_in(tmp_path_factory.mktemp("cohort") / "alliance.db")


@pytest.fixture(scope="session")
def program_data(cohort: BuiltProgram) -> ProgramData:
    return cohort.data


@pytest.fixture(scope="session")
def bundle(program_data: ProgramData, tmp_path_factory: pytest.TempPathFactory) -> ReportBundle:
    return render_report(program_data, tmp_path_factory.mktemp("report"))


@pytest.fixture
async def factory(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    made = await create_schema(f"sqlite+aiosqlite:///{tmp_path / 'alliance.db'}")
    yield made
    await made.kw["bind"].dispose()


@pytest.fixture
def in_transaction(
    factory: async_sessionmaker[AsyncSession],
) -> Callable[[Callable[[AsyncSession], Awaitable[T]]], Awaitable[T]]:
    async def run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        async with transaction(factory) as session:
            return await work(session)

    return run
