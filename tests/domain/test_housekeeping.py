"""Handled update ids are kept as long as Telegram could redeliver them, then forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.db import transaction
from alliance.core.housekeeping import UPDATE_MEMORY, forget_old_updates
from alliance.core.models import ProcessedUpdate

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)


async def test_only_update_ids_older_than_the_memory_are_forgotten(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with transaction(session_factory) as session:
        session.add_all(
            [
                ProcessedUpdate(
                    update_id=1, processed_at=NOW - UPDATE_MEMORY - timedelta(minutes=1)
                ),
                ProcessedUpdate(
                    update_id=2, processed_at=NOW - UPDATE_MEMORY + timedelta(minutes=1)
                ),
                ProcessedUpdate(update_id=3, processed_at=NOW),
            ]
        )
    async with transaction(session_factory) as session:
        assert await forget_old_updates(session, NOW) == 1
    async with transaction(session_factory) as session:
        assert list(
            await session.scalars(
                select(ProcessedUpdate.update_id).order_by(ProcessedUpdate.update_id)
            )
        ) == [2, 3]
