"""One async engine and session factory per database URL.

SQLite gets foreign keys switched on and a busy timeout so the bot, the CLI and the dispatcher can
share one file, and `secure_delete` so deleted content is overwritten rather than left in free
space; PostgreSQL is used as it is. `reclaim_deleted` pushes erased rows off the disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def create_engine(database_url: str, **kwargs: Any) -> AsyncEngine:
    """Build the engine; SQL parameters (answers!) never appear in errors or logs.

    For SQLite, enforce foreign keys, wait on locks instead of failing, and zero deleted content.
    """
    if database_url.startswith("sqlite"):
        engine = create_async_engine(
            database_url, connect_args={"timeout": 30}, hide_parameters=True, **kwargs
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_async_engine(database_url, pool_pre_ping=True, hide_parameters=True, **kwargs)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One session, one transaction: committed on success, rolled back on any error."""
    async with factory() as session, session.begin():
        yield session


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
