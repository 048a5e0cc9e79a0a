"""The export key: the operator's when set, else one random key per database, made once."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.config import Settings, load_settings
from alliance.core.db import transaction
from alliance.core.models import PseudonymKey
from alliance.reporting.pseudonym_keys import KeySource, export_key


async def test_without_a_setting_one_random_key_is_made_and_kept(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with transaction(session_factory) as session:
        first = await export_key(session, settings)
    async with transaction(session_factory) as session:
        again = await export_key(session, settings)
        rows = await session.scalar(select(func.count()).select_from(PseudonymKey))
    assert first.source is KeySource.DATABASE and len(first.secret) == 32
    assert again.secret == first.secret and rows == 1
    assert first.secret.hex() not in repr(first)


async def test_exports_starting_together_share_one_key(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async def one() -> bytes:
        async with transaction(session_factory) as session:
            return (await export_key(session, settings)).secret

    keys = await asyncio.gather(*(one() for _ in range(4)))
    assert len(set(keys)) == 1


async def test_the_operators_key_wins_and_nothing_is_stored(
    session_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    settings = load_settings(_env_file=None, database_url=database_url,
                             alliance_pseudonym_key="s" * 40)
    async with transaction(session_factory) as session:
        key = await export_key(session, settings)
        rows = await session.scalar(select(func.count()).select_from(PseudonymKey))
    assert key.source is KeySource.SETTING and key.secret == b"s" * 40 and rows == 0
    assert "ALLIANCE_PSEUDONYM_KEY" in key.describe()
