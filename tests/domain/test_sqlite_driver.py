"""The SQLite driver makes one worker hand-over per statement and still behaves as aiosqlite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from alliance.core.db import create_engine
from alliance.core.sqlite_driver import OneTripConnection


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


async def test_one_hand_over_per_statement(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")
    try:
        async with engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert isinstance(raw, OneTripConnection)
            counting = CountingQueue(raw._tx)
            raw._tx = counting  # type: ignore[assignment]
            for _ in range(5):
                await connection.execute(text("SELECT 1 UNION SELECT 2"))
            assert counting.items == 5
    finally:
        await engine.dispose()
