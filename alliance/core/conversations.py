"""Conversation state in the database: what a chat is in the middle of, by name.

A typed comment or a lead's draft must survive a restart and be seen by any process, so the state
is a row written in the update's own transaction: if the update rolls back, so does the state.
States expire (a draft left for days is gone, not resumed by surprise). The state holds ids and
choices; free text a person typed is stored only where the flow needs it (a draft's name) and is
never logged.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models_state import ConversationState

DEFAULT_TTL = timedelta(hours=24)


async def _row(
    session: AsyncSession, telegram_user_id: int, name: str, *, lock: bool = False
) -> ConversationState | None:
    query = select(ConversationState).where(
        ConversationState.telegram_user_id == telegram_user_id, ConversationState.name == name
    )
    return await session.scalar(query.with_for_update() if lock else query)


async def remember(
    session: AsyncSession,
    telegram_user_id: int,
    name: str,
    state: dict[str, Any],
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> None:
    """Set the named state (replacing what was there), valid for `ttl`."""
    row = await _row(session, telegram_user_id, name, lock=True)
    if row is not None:
        row.state, row.updated_at, row.expires_at = dict(state), now, now + ttl
        return
    try:
        async with session.begin_nested():
            session.add(
                ConversationState(
                    telegram_user_id=telegram_user_id, name=name, state=dict(state),
                    updated_at=now, expires_at=now + ttl,
                )
            )
    except IntegrityError:  # another process inserted it first: ours is the newer word
        row = await _row(session, telegram_user_id, name, lock=True)
        assert row is not None
        row.state, row.updated_at, row.expires_at = dict(state), now, now + ttl


async def recall(
    session: AsyncSession, telegram_user_id: int, name: str, now: datetime
) -> dict[str, Any] | None:
    """The named state, or None when there is none or it has expired."""
    row = await _row(session, telegram_user_id, name)
    if row is None or row.expires_at <= now:
        return None
    return dict(row.state)


async def take(
    session: AsyncSession, telegram_user_id: int, name: str, now: datetime
) -> dict[str, Any] | None:
    """Remove the named state and return it (None when absent or expired)."""
    row = await _row(session, telegram_user_id, name, lock=True)
    if row is None:
        return None
    state = dict(row.state) if row.expires_at > now else None
    await session.delete(row)
    await session.flush()
    return state


async def drop(session: AsyncSession, telegram_user_id: int, name: str) -> None:
    """Remove the named state, in one statement (nothing to read back)."""
    await session.execute(
        delete(ConversationState).where(
            ConversationState.telegram_user_id == telegram_user_id, ConversationState.name == name
        )
    )


async def forget_conversations(session: AsyncSession, telegram_user_id: int) -> None:
    """Drop every state of this chat (a person who asked to be forgotten)."""
    await session.execute(
        delete(ConversationState).where(ConversationState.telegram_user_id == telegram_user_id)
    )


async def forget_expired_conversations(session: AsyncSession, now: datetime) -> int:
    """Housekeeping: expired states are never read again."""
    result = await session.execute(
        delete(ConversationState).where(ConversationState.expires_at <= now)
    )
    return int(getattr(result, "rowcount", 0) or 0)
