"""One async engine and session factory per database URL.

SQLite gets foreign keys switched on, WAL (readers never wait for the writer) with
synchronous=NORMAL (a commit survives a crash of the process; only a power cut can lose the last
ones), a page cache and memory temp store, a wait on a busy file (in the driver, so the loop
never blocks) so the bot, the CLI and the dispatcher can share one file, and `secure_delete` so
deleted content is overwritten rather than left in free space; PostgreSQL is used as it is, with
a sized connection pool. `reclaim_deleted` pushes erased rows off the disk.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Insert, Table, event, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from alliance.core.sqlite_driver import use_in_loop_statements

T = TypeVar("T")
log = logging.getLogger(__name__)


def create_engine(database_url: str, **kwargs: Any) -> AsyncEngine:
    """Build the engine; SQL parameters (answers!) never appear in errors or logs.

    For SQLite, enforce foreign keys, wait on locks instead of failing, and zero deleted content.
    """
    if database_url.startswith("sqlite"):
        engine = create_async_engine(
            database_url, connect_args={"timeout": 0}, hide_parameters=True, **kwargs
        )
        use_in_loop_statements(engine.sync_engine)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=0")  # the driver waits, off SQLite's busy loop
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-8000")  # KiB: 8 MB per connection
            cursor.execute("PRAGMA temp_store=MEMORY")
            cursor.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(database_url, hide_parameters=True, **kwargs)


def pool_options(database_url: str, pool_size: int, max_overflow: int) -> dict[str, Any]:
    """Connections for a long-running bot with many updates in flight.

    SQLite has one writer and every update's transaction writes first (its idempotency record),
    so one connection serves most: transactions queue in order in the pool instead of several
    connections polling for the file lock. A few overflow connections exist for work that holds
    one session while it opens another (the report, built while its queue row is being sent);
    with only one, that work would wait for itself. PostgreSQL gets the operator's pool size,
    without a ping before every transaction (a round trip per update, a third of the throughput): a
    connection is recycled after ten minutes instead, and a dropped one fails only the update
    in flight, whose person's next tap shows where they are.
    """
    if database_url.startswith("sqlite"):
        return {"pool_size": 1, "max_overflow": 4, "pool_timeout": 60}
    return {
        "pool_size": pool_size, "max_overflow": max_overflow,
        "pool_pre_ping": False, "pool_recycle": 600,
    }


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One session, one transaction: committed on success, rolled back on any error."""
    async with factory() as session, session.begin():
        yield session


# PostgreSQL ends one of two transactions that wait for each other (deadlock detected) or that
# could not be ordered (serialization failure): nothing of it was kept, so it may run again.
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
RACE_ATTEMPTS = 3


def lost_a_race(error: DBAPIError) -> bool:
    return getattr(error.orig, "sqlstate", None) in _RETRYABLE_SQLSTATES


async def in_transaction_retried(
    factory: async_sessionmaker[AsyncSession], work: Callable[[AsyncSession], Awaitable[T]]
) -> T:
    """`work` in one transaction, run again (up to `RACE_ATTEMPTS`) if it lost a race."""
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            async with transaction(factory) as session:
                return await work(session)
        except DBAPIError as error:
            if attempt == RACE_ATTEMPTS or not lost_a_race(error):
                raise
            log.info("a transaction lost a race in the database; running it again")
    raise AssertionError("unreachable")  # pragma: no cover


CHECKPOINT_ATTEMPTS = 50
CHECKPOINT_RETRY_SECONDS = 0.05


async def reclaim_deleted(engine: AsyncEngine, tables: Iterable[str]) -> bool:
    """Make committed deletions reach the disk; True when nothing old is left to find.

    SQLite: a TRUNCATE checkpoint copies the (zeroed) pages into the database file and empties
    the -wal file, which otherwise keeps the old rows until SQLite checkpoints on its own; a
    reader in the middle of a transaction can hold it up, so it is retried for a moment.
    PostgreSQL: VACUUM of the given tables, outside a transaction, frees the dead row versions.
    """
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        if engine.dialect.name == "sqlite":
            for _ in range(CHECKPOINT_ATTEMPTS):
                result = await autocommit.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                busy = result.one()[0]  # (busy, frames in the log, frames checkpointed)
                if not busy:
                    return True
                await asyncio.sleep(CHECKPOINT_RETRY_SECONDS)
            return False
        preparer = engine.dialect.identifier_preparer
        for table in tables:
            await autocommit.execute(text(f"VACUUM {preparer.quote(table)}"))
        return True


async def insert_new(session: AsyncSession, model: type[Any], **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING, one round trip: False when the row already existed.

    Cheaper than looking first and inserting second, and race-free: of two concurrent inserts
    of one key, exactly one returns True.
    """
    assert session.bind is not None
    statement = _insert_or_nothing(model.__table__, session.bind.dialect.name)
    result = await session.execute(statement, values)
    return bool(getattr(result, "rowcount", 0) == 1)


async def insert_all_new(
    session: AsyncSession, model: type[Any], rows: list[dict[str, Any]], *returning: Any
) -> list[Any]:
    """`insert_new` for many rows in one statement (each row with the same keys); rows whose
    key already exists are skipped. Returns the `returning` columns of the rows inserted."""
    if not rows:
        return []
    assert session.bind is not None
    statement = _insert_or_nothing(model.__table__, session.bind.dialect.name)
    if returning:
        return list(await session.execute(statement.returning(*returning), rows))
    await session.execute(statement, rows)
    return []


@functools.cache
def _insert_or_nothing(table: Table, dialect: str) -> Insert:
    """Built once per table: a Core insert, since the ORM's bulk path costs more than the row."""
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    return insert(table).on_conflict_do_nothing()


async def postgres_admin(server_url: str, statement: str) -> None:
    """Run one statement that cannot run in a transaction (CREATE/DROP DATABASE) on the server."""
    import asyncpg

    dsn = make_url(server_url).set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


@asynccontextmanager
async def scratch_postgres_database(server_url: str, prefix: str) -> AsyncIterator[str]:
    """A new, empty database beside `server_url`'s (for tests and benchmarks), dropped after."""
    name = f"{prefix}{secrets.token_hex(6)}"
    await postgres_admin(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        await postgres_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
