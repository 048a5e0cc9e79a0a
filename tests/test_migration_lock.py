"""Several processes starting together on one empty database migrate it once, and all start."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from alliance.core.db import create_engine
from alliance.core.migrate import sqlite_lock_path, upgrade_database

STARTERS = 3


async def _version_rows(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


async def test_three_upgrades_at_once_all_succeed_with_one_version_row(
    empty_database_url: str,
) -> None:
    with ThreadPoolExecutor(max_workers=STARTERS) as pool:
        futures = [pool.submit(upgrade_database, empty_database_url) for _ in range(STARTERS)]
        outcomes = [await asyncio.wrap_future(future) for future in futures]
    assert outcomes == [None] * STARTERS  # each returned; an exception would have been raised
    assert len(await _version_rows(empty_database_url)) == 1


def test_sqlite_lock_file_sits_beside_the_database() -> None:
    lock = sqlite_lock_path("sqlite+aiosqlite:////var/lib/alliance/alliance.db")
    assert str(lock) == "/var/lib/alliance/alliance.db.migrate.lock"
    assert sqlite_lock_path("sqlite+aiosqlite://") is None
    assert sqlite_lock_path("sqlite+aiosqlite:///:memory:") is None
