"""`insert_new`: the idempotency record in one round trip, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.db import insert_new, transaction
from alliance.core.models import ProcessedUpdate

NOW = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)


async def test_the_first_insert_wins_and_a_repeat_changes_nothing(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with transaction(session_factory) as db:
        assert await insert_new(db, ProcessedUpdate, update_id=41, processed_at=NOW)
    async with transaction(session_factory) as db:
        assert not await insert_new(db, ProcessedUpdate, update_id=41, processed_at=NOW)
        assert await insert_new(db, ProcessedUpdate, update_id=42, processed_at=NOW)
    async with transaction(session_factory) as db:
        assert await db.scalar(select(func.count()).select_from(ProcessedUpdate)) == 2
