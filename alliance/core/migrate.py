"""Run Alembic from code: `alliance db upgrade`, the bot at start-up, and the tests.

Several processes may start together on one database (a deployment of several `alliance run`),
so every upgrade holds a lock that they share: a PostgreSQL advisory lock, or on SQLite a file
lock next to the database file. The first migrates; the others wait, then find nothing to do.
"""

from __future__ import annotations

import asyncio
import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from alliance.core.db import create_engine

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Any 64-bit number the application does not use for anything else ("alliance" in ASCII).
MIGRATION_LOCK_KEY = 0x616C6C69616E6365


def alembic_config(database_url: str) -> Config:
    """Alembic config pointing at our migrations, with the URL handed over explicitly."""
    ini = PROJECT_ROOT / "alembic.ini"
    if not ini.exists():
        raise FileNotFoundError(
            f"{ini} not found: install the project from its source tree (pip install -e .)"
        )
    config = Config(str(ini))
    config.attributes["database_url"] = database_url
    return config


def sqlite_lock_path(database_url: str) -> Path | None:
    """The lock file beside a SQLite database file; None for an in-memory database."""
    database = make_url(database_url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".migrate.lock")


@contextmanager
def _sqlite_file_lock(database_url: str) -> Iterator[None]:
    path = sqlite_lock_path(database_url)
    if path is None:
        yield
        return
    with path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes, even on a crash
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


async def _upgrade_under_advisory_lock(database_url: str, revision: str) -> None:
    """Hold a session-level advisory lock on its own connection while Alembic upgrades."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as lock_connection:
            await lock_connection.execute(
                text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
            await lock_connection.commit()
            try:
                await asyncio.to_thread(command.upgrade, alembic_config(database_url), revision)
            finally:
                await lock_connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
                await lock_connection.commit()
    finally:
        await engine.dispose()


def upgrade_database(database_url: str, revision: str = "head") -> None:
    """Bring the schema to `revision`, once even when several processes try together.

    Blocking, so async callers use asyncio.to_thread.
    """
    if database_url.startswith("postgresql"):
        asyncio.run(_upgrade_under_advisory_lock(database_url, revision))
        return
    with _sqlite_file_lock(database_url):
        command.upgrade(alembic_config(database_url), revision)


def downgrade_database(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)
