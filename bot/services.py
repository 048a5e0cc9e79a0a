"""What handlers, jobs and the delivery loop share, kept in the Application's `bot_data`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.clock import Clock
from alliance.core.config import Settings
from bot.types import AnyApplication, Context

DELIVERY_LOOP = "alliance_delivery_loop"  # bot_data key of this process's delivery loop


@dataclass
class Services:
    """What handlers and jobs share, kept in `application.bot_data["services"]`."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock


def services_of(context: Context | AnyApplication) -> Services:
    return context.bot_data["services"]
