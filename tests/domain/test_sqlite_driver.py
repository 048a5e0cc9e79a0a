"""The SQLite driver runs statements on the loop (long reads on its thread), waits out a busy
file without blocking the loop, and still behaves as aiosqlite."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from alliance.core.db import create_engine
from alliance.core.sqlite_driver import InLoopConnection, in_worker_thread


async def test_rows_counts_and_errors_as_before(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT UNIQUE)"))
            inserted = await connection.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": 7})
            assert inserted.lastrowid == 1
            await connection.execute(text("INSERT INTO t (v) VALUES (:v)"), [{"v": 8}, {"v": 9}])
            changed = await connection.execute(text("UPDATE t SET v = v + 10 WHERE v > 7"))
            assert changed.rowcount == 2
            rows = (await connection.execute(text("SELECT id, v FROM t ORDER BY id"))).all()
            assert [tuple(row) for row in rows] == [(1, 7), (2, 18), (3, 19)]
            assert (await connection.execute(text("SELECT v FROM t WHERE v < 0"))).first() is None
        with pytest.raises(IntegrityError):
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO t (v) VALUES (7)"))
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one() == 3
    finally:
        await engine.dispose()


class CountingQueue:
    """Stands between the connection and its worker's queue, counting what is handed over."""

    def __init__(self, queue: Any) -> None:
        self.queue, self.items = queue, 0

    def put_nowait(self, item: Any) -> None:
        self.items += 1
        self.queue.put_nowait(item)


async def test_statements_run_on_the_loop_and_long_reads_on_the_thread(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")

    @in_worker_thread
    async def long_read(connection: Any) -> None:
        for _ in range(3):
            await connection.execute(text("SELECT 1 UNION SELECT 2"))

    try:
        async with engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert isinstance(raw, InLoopConnection)
            counting = CountingQueue(raw._tx)
            raw._tx = counting  # type: ignore[assignment]
            for _ in range(5):
                rows = (await connection.execute(text("SELECT 1 UNION SELECT 2"))).all()
                assert len(rows) == 2
            assert counting.items == 0
            await long_read(connection)
            assert counting.items == 3
            await connection.execute(text("SELECT 1"))
            assert counting.items == 3
    finally:
        await engine.dispose()


async def test_a_busy_file_is_waited_for_without_blocking_the_loop(tmp_path: Path) -> None:
    """Another process holds the write lock for a moment: the write waits, the loop runs on."""
    path = tmp_path / "d.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (v INT)"))
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        ticks = 0

        async def ticking() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        async def release_later() -> None:
            await asyncio.sleep(0.3)
            holder.execute("COMMIT")

        ticker, releaser = asyncio.create_task(ticking()), asyncio.create_task(release_later())
        began = time.monotonic()
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO t VALUES (1)"))
        waited = time.monotonic() - began
        ticker.cancel()
        await releaser
        holder.close()
        assert waited >= 0.25  # it did wait for the holder ...
        assert ticks >= 15  # ... while the loop kept turning
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one() == 1
    finally:
        await engine.dispose()
