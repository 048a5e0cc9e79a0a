"""Forgetting what is no longer needed, so tables that only guard against repeats stay small."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import ProcessedUpdate

# Telegram keeps an unconfirmed update for at most 24 hours, so a redelivery cannot come later.
UPDATE_MEMORY = timedelta(days=2)


async def forget_old_updates(session: AsyncSession, now: datetime) -> int:
    """Drop the ids of updates handled long enough ago that Telegram cannot resend them."""
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < now - UPDATE_MEMORY)
    )
    return int(getattr(result, "rowcount", 0) or 0)
