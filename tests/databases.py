"""Throwaway databases for tests: a SQLite file, or a fresh PostgreSQL database per test.

PostgreSQL runs when ALLIANCE_TEST_POSTGRES_URL is set (any database on the server; a new one is
created beside it for each test). Without it those tests skip — except in CI, where a skip would
hide a missing service, so they fail instead.

Migrating takes most of a small test's time, so a migrated database is built once per test run
and copied for each test: the SQLite file is copied; a PostgreSQL database is created from a
template (a few tenths of a second) and, once its test is done, emptied and reused — its other
connections ended, every row deleted with triggers off, its sequences restarted — so that the
next test finds it as new. The migrations themselves keep their own tests on empty databases.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import make_url

from alliance.core.db import postgres_admin, scratch_postgres_database
from alliance.core.migrate import upgrade_database

POSTGRES_ENV = "ALLIANCE_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
SQLITE_NAME = "alliance-test.db"


def postgres_base_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} must be set in CI: PostgreSQL tests may not skip there")
        pytest.skip(f"set {POSTGRES_ENV} to run the PostgreSQL variant")
    return url


@asynccontextmanager
async def fresh_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """Yield the URL of an empty database of the given backend; drop it afterwards."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / SQLITE_NAME}"
        return
    async with scratch_postgres_database(postgres_base_url() or "", "alliance_test_") as url:
        yield url


class MigratedTemplates:
    """One database per backend migrated to head, made on first use, copied for each test."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._sqlite: Path | None = None
        self._postgres: str | None = None  # the template database's name
        self._emptied: list[str] = []  # PostgreSQL databases emptied after their test

    @asynccontextmanager
    async def copy(self, backend: str, tmp_path: Path) -> AsyncIterator[str]:
        if backend == "sqlite":
            if self._sqlite is None:
                template = self._directory / SQLITE_NAME
                await asyncio.to_thread(upgrade_database, f"sqlite+aiosqlite:///{template}")
                self._sqlite = template
            target = tmp_path / SQLITE_NAME
            shutil.copyfile(self._sqlite, target)
            yield f"sqlite+aiosqlite:///{target}"
            return
        base = postgres_base_url() or ""
        if self._postgres is None:
            self._postgres = await _postgres_template(base)
        if self._emptied:
            name = self._emptied.pop()
        else:
            name = f"alliance_test_{secrets.token_hex(6)}"
            await postgres_admin(base, f'CREATE DATABASE "{name}" TEMPLATE "{self._postgres}"')
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            if await _emptied(url):
                self._emptied.append(name)
            else:
                await postgres_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    async def drop(self) -> None:
        if self._postgres is not None:
            base = postgres_base_url() or ""
            for name in self._emptied:
                await postgres_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await postgres_admin(base, f'ALTER DATABASE "{self._postgres}" IS_TEMPLATE false')
            await postgres_admin(base, f'DROP DATABASE IF EXISTS "{self._postgres}" WITH (FORCE)')


async def _postgres_template(base: str) -> str:
    """A migrated database marked as a template; nothing stays connected to it."""
    name = f"alliance_template_{secrets.token_hex(6)}"
    await postgres_admin(base, f'CREATE DATABASE "{name}"')
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    await asyncio.to_thread(upgrade_database, url)
    await postgres_admin(base, f'ALTER DATABASE "{name}" IS_TEMPLATE true')
    return name


EMPTY_ALL = """
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT tablename FROM pg_tables
              WHERE schemaname = 'public' AND tablename <> 'alembic_version' LOOP
    EXECUTE format('DELETE FROM public.%I', item.tablename);
  END LOOP;
  FOR item IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER SEQUENCE public.%I RESTART', item.sequencename);
  END LOOP;
END $$;
"""


async def _emptied(url: str) -> bool:
    """Empty a used test database for the next test; False if that did not work out."""
    import asyncpg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        connection = await asyncpg.connect(dsn)
    except (OSError, asyncpg.PostgresError):
        return False
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        async with connection.transaction():
            await connection.execute("SET LOCAL lock_timeout = '5s'")
            await connection.execute("SET LOCAL session_replication_role = replica")
            await connection.execute(EMPTY_ALL)
        return True
    except asyncpg.PostgresError:
        return False
    finally:
        await connection.close()
