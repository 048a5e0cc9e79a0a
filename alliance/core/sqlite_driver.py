"""aiosqlite whose statements run on the event loop, without a thread hand-over.

aiosqlite runs SQLite in a worker thread and hands every call over a queue, each hand-over
waiting for the event loop to come round. SQLite has one writer, so a transaction holds the file
for all of its statements: under load the loop's turns, not SQLite, set the pace — a tap's seven
statements cost seven turns while every other tap waited for the file. A statement on a local
WAL database takes tens of microseconds, far less than a hand-over, so here it runs in place
and a transaction that only talks to the database never yields the loop while it holds the file.

SQLite's own busy wait would block the loop, so the connection's busy timeout is zero: when
another connection (the CLI, another process) holds the file, the statement goes to the worker
thread, which retries it with a growing delay for as long as `BUSY_TIMEOUT_S` while the loop
runs on. A statement refused with SQLITE_BUSY had no effect, so retrying is safe; a stale read
snapshot (SQLITE_BUSY_SNAPSHOT) is not retried — its transaction must start again.

Long reads (the report's whole-program load) would hold the loop; `in_worker_thread` sends the
statements of the coroutine it decorates to aiosqlite's worker thread instead, as aiosqlite
always did.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Coroutine, Iterable, Iterator, Sequence
from contextvars import ContextVar
from functools import partial, wraps
from typing import Any, ParamSpec, TypeVar

import aiosqlite
from sqlalchemy import event
from sqlalchemy.engine import Engine

P = ParamSpec("P")
T = TypeVar("T")
Rows = list[Any]
Outcome = tuple[Any, int, int | None, Rows]  # description, rowcount, lastrowid, rows

BUSY_TIMEOUT_S = 30.0
_FIRST_DELAY_S = 0.001
_LONGEST_DELAY_S = 0.05
_SQLITE_BUSY = 5  # the primary code; SQLITE_BUSY_SNAPSHOT (517) and others are not retried

_in_worker: ContextVar[bool] = ContextVar("sqlite_in_worker_thread", default=False)


def in_worker_thread(
    function: Callable[P, Coroutine[Any, Any, T]],
) -> Callable[P, Coroutine[Any, Any, T]]:
    """Run the SQLite statements of `function` (a long read) on the worker thread."""

    @wraps(function)
    async def off_the_loop(*args: P.args, **kwargs: P.kwargs) -> T:
        token = _in_worker.set(True)
        try:
            return await function(*args, **kwargs)
        finally:
            _in_worker.reset(token)

    return off_the_loop


def _busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) == _SQLITE_BUSY


def _delays() -> Iterator[float]:
    """Waits between attempts on a busy file, doubling up to a ceiling, until the timeout."""
    deadline, delay = time.monotonic() + BUSY_TIMEOUT_S, _FIRST_DELAY_S
    while time.monotonic() < deadline:
        yield delay
        delay = min(2 * delay, _LONGEST_DELAY_S)


def _blocking_with_retries(function: Callable[[], Any]) -> Any:
    """On the worker thread: what SQLite's busy handler would have done."""
    for delay in _delays():
        try:
            return function()
        except sqlite3.OperationalError as error:
            if not _busy(error):
                raise
            time.sleep(delay)
    return function()


def _run(connection: sqlite3.Connection, sql: str, parameters: Any, many: bool) -> Outcome:
    """The whole life of one cursor: execute, fetch every row, close."""
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


class InLoopCursor:
    """The cursor SQLAlchemy's adapter drives: `execute` runs the statement, fetches read rows."""

    arraysize = 1

    def __init__(self, connection: InLoopConnection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: Rows = []

    async def __aenter__(self) -> InLoopCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._rows = []

    async def _call(self, sql: str, parameters: Any, many: bool) -> InLoopCursor:
        connection = self._connection
        outcome: Outcome = await connection._execute(_run, connection._conn, sql, parameters, many)
        self.description, self.rowcount, self.lastrowid, self._rows = outcome
        return self

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InLoopCursor:
        return await self._call(sql, () if parameters is None else parameters, many=False)

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InLoopCursor:
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


class InLoopConnection(aiosqlite.Connection):
    """aiosqlite's connection, opened and closed on its thread, used from the loop."""

    def cursor(self) -> InLoopCursor:  # type: ignore[override]
        return InLoopCursor(self)

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        function = partial(fn, *args, **kwargs)
        if not _in_worker.get():
            if not self._running or not self._connection:
                raise ValueError("Connection closed")
            try:
                return function()
            except sqlite3.OperationalError as error:
                if not _busy(error):
                    raise
        return await super()._execute(_blocking_with_retries, function)  # long, or waiting


def _connect(database: str, **kwargs: Any) -> InLoopConnection:
    """What `aiosqlite.connect` does, with our connection class, usable from the loop's thread."""
    kwargs.pop("iter_chunk_size", None)
    kwargs["check_same_thread"] = False  # opened on the worker, used from the loop: never both

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(database, **kwargs)

    connection = InLoopConnection(connector, iter_chunk_size=64)
    connection._thread.daemon = True  # as SQLAlchemy does: a lost connection never blocks exit
    return connection


def use_in_loop_statements(engine: Engine) -> None:
    """Make `engine` (an aiosqlite engine's sync side) open its connections through us."""

    @event.listens_for(engine, "do_connect")
    def _in_loop(dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> Any:
        return dialect.dbapi.connect(*cargs, async_creator_fn=_connect, **cparams)
