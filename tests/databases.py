"""Throwaway databases for tests: a SQLite file, or a fresh PostgreSQL database per test.

PostgreSQL runs when ALLIANCE_TEST_POSTGRES_URL is set (any database on the server; a new one is
created beside it for each test). Without it those tests skip — except in CI, where a skip would
hide a missing service, so they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from alliance.db import scratch_postgres_database

POSTGRES_ENV = "ALLIANCE_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


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
        yield f"sqlite+aiosqlite:///{tmp_path / 'alliance-test.db'}"
        return
    async with scratch_postgres_database(postgres_base_url() or "", "alliance_test_") as url:
        yield url
