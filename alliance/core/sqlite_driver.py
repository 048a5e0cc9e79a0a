"""aiosqlite with one thread round trip per statement instead of four.

aiosqlite runs SQLite in a worker thread and hands every call over a queue: SQLAlchemy's
adapter makes a cursor, executes, fetches and closes — four hand-overs, each waiting for the
event loop to come round. SQLite has one writer, so a transaction holds the file for all of
them; under load the loop's turns, not SQLite, set the pace (a tap's seven statements were about
thirty turns). Here a statement is executed, its rows fetched and its cursor closed in one call
on the worker; the cursor the adapter sees only hands back what that call returned.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.engine import Engine

Rows = list[Any]
Outcome = tuple[Any, int, int | None, Rows]  # description, rowcount, lastrowid, rows


def _run(connection: sqlite3.Connection, sql: str, parameters: Any, many: bool) -> Outcome:
    """On the worker thread: the whole life of one cursor."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneTripCursor:
    """The cursor SQLAlchemy's adapter drives: `execute` is the only call that leaves the loop."""

    arraysize = 1

    def __init__(self, connection: OneTripConnection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: Rows = []

    async def __aenter__(self) -> OneTripCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._rows = []

    async def _call(self, sql: str, parameters: Any, many: bool) -> OneTripCursor:
        connection = self._connection
        outcome: Outcome = await connection._execute(_run, connection._conn, sql, parameters, many)
        self.description, self.rowcount, self.lastrowid, self._rows = outcome
        return self

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> OneTripCursor:
        return await self._call(sql, () if parameters is None else parameters, many=False)

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> OneTripCursor:
        return await self._call(sql, parameters, many=True)

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Rows:
        count = self.arraysize if size is None else size
        taken, self._rows = self._rows[:count], self._rows[count:]
        return taken

    async def fetchall(self) -> Rows:
        taken, self._rows = self._rows, []
        return taken

    async def close(self) -> None:
        self._rows = []


class OneTripConnection(aiosqlite.Connection):
    """aiosqlite's connection whose cursors cost nothing until they execute."""

    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)


def _connect(database: str, **kwargs: Any) -> OneTripConnection:
    """What `aiosqlite.connect` does, with our connection class."""
    kwargs.pop("iter_chunk_size", None)

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(database, **kwargs)

    connection = OneTripConnection(connector, iter_chunk_size=64)
    connection._thread.daemon = True  # as SQLAlchemy does: a lost connection never blocks exit
    return connection


def use_one_trip_cursors(engine: Engine) -> None:
    """Make `engine` (an aiosqlite engine's sync side) open its connections through us."""

    @event.listens_for(engine, "do_connect")
    def _one_trip(dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> Any:
        return dialect.dbapi.connect(*cargs, async_creator_fn=_connect, **cparams)
