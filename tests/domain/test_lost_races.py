"""Two transactions that lock rows in opposite orders: PostgreSQL ends one (deadlock detected),
and `in_transaction_retried` runs it again so that both changes are kept."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from alliance.core.db import (
    create_engine,
    create_session_factory,
    in_transaction_retried,
    lost_a_race,
    transaction,
)
from tests.databases import fresh_database


def _locking(first: int, second: int, both_locked_once: asyncio.Barrier) -> Any:
    attempts = 0

    async def work(db: Any) -> int:
        nonlocal attempts
        attempts += 1
        await db.execute(text("UPDATE t SET v = v + 1 WHERE id = :id"), {"id": first})
        if attempts == 1:
            await both_locked_once.wait()  # each holds its first row: the orders now cross
        await db.execute(text("UPDATE t SET v = v + 1 WHERE id = :id"), {"id": second})
        return attempts

    return work


async def test_a_deadlock_victim_runs_again_and_both_changes_are_kept(tmp_path: Path) -> None:
    async with fresh_database("postgresql", tmp_path) as url:
        engine = create_engine(url)
        factory = create_session_factory(engine)
        try:
            async with transaction(factory) as db:
                await db.execute(text("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)"))
                await db.execute(text("INSERT INTO t VALUES (1, 0), (2, 0)"))
            barrier = asyncio.Barrier(2)
            attempts = await asyncio.gather(
                in_transaction_retried(factory, _locking(1, 2, barrier)),
                in_transaction_retried(factory, _locking(2, 1, barrier)),
            )
            assert sorted(attempts) == [1, 2]  # one was ended by PostgreSQL and ran again
            async with transaction(factory) as db:
                rows = (await db.execute(text("SELECT v FROM t ORDER BY id"))).scalars().all()
            assert rows == [2, 2]
        finally:
            await engine.dispose()


async def test_other_database_errors_are_not_retried(tmp_path: Path) -> None:
    async with fresh_database("postgresql", tmp_path) as url:
        engine = create_engine(url)
        calls = 0

        async def broken(db: Any) -> None:
            nonlocal calls
            calls += 1
            await db.execute(text("SELECT * FROM no_such_table"))

        try:
            with pytest.raises(DBAPIError) as raised:
                await in_transaction_retried(create_session_factory(engine), broken)
            assert not lost_a_race(raised.value)
            assert calls == 1
        finally:
            await engine.dispose()
