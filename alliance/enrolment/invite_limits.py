"""Slowing down anyone guessing invite tokens: ten failed links per Telegram user per hour.

Failed attempts are rows in the database, so a restart or a second process does not reset the
count. Once over the limit, a token is not even looked up, so the reply says nothing about
whether it exists. A row holds the Telegram id and a time, nothing else, and goes after the hour
(at the next failed attempt or the hourly tidy-up, whichever comes first) or with `/forget`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import InviteAttempt

FAILED_ATTEMPTS_ALLOWED = 10
ATTEMPT_WINDOW = timedelta(hours=1)
TOO_MANY_ATTEMPTS = "too_many_attempts"


async def failed_attempts(session: AsyncSession, telegram_user_id: int, now: datetime) -> int:
    """How many of this user's links failed within the last hour."""
    count = await session.scalar(
        select(func.count(InviteAttempt.id)).where(
            InviteAttempt.telegram_user_id == telegram_user_id,
            InviteAttempt.at > now - ATTEMPT_WINDOW,
        )
    )
    return int(count or 0)


async def over_the_limit(session: AsyncSession, telegram_user_id: int, now: datetime) -> bool:
    return await failed_attempts(session, telegram_user_id, now) >= FAILED_ATTEMPTS_ALLOWED


async def note_failed_attempt(session: AsyncSession, telegram_user_id: int, now: datetime) -> None:
    """Count one more failed link for this user (in the caller's transaction)."""
    await forget_old_attempts(session, now)
    session.add(InviteAttempt(telegram_user_id=telegram_user_id, at=now))
    await session.flush()


async def forget_old_attempts(session: AsyncSession, now: datetime) -> int:
    """Drop attempts older than the window: they no longer count, so they are not kept."""
    result = await session.execute(
        delete(InviteAttempt).where(InviteAttempt.at <= now - ATTEMPT_WINDOW)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def forget_attempts_of(session: AsyncSession, telegram_user_id: int) -> None:
    """For erasure: the person's failed attempts go with their Telegram id."""
    await session.execute(
        delete(InviteAttempt).where(InviteAttempt.telegram_user_id == telegram_user_id)
    )
