"""Drive the real bot through the emulator, as people would: send text, tap buttons, read replies.

`BotHarness` owns an emulator, a database and the real python-telegram-bot Application (polling
over HTTP), plus a manual clock so reminders and expiry can be tested without waiting.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.clock import ManualClock
from alliance.core.config import Settings, load_settings
from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.models import Role
from alliance.enrolment.invites import IssuedInvite, issue_invite
from alliance.programs.setup import create_program
from bot.app import build_application
from bot.emulator import EmulatorClient, EmulatorServer
from bot.simulation import SimulatedUser

CLOSE_TIMEOUT = 30.0  # seconds per teardown step
START = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)  # a Monday, 9:00 in Montreal


class BotHarness:
    """Emulator + database + the real Application, with helpers to act as people."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.server = EmulatorServer()
        self.clock = ManualClock(START)
        self.app: Any = None
        self.client: EmulatorClient
        self.settings: Settings
        self._engine = create_engine(database_url)
        self.session_factory = create_session_factory(self._engine)
        self._next_user_id = 100001

    async def start(self) -> None:
        await self.server.start()
        self.client = EmulatorClient(self.server.base_url)
        self.settings = load_settings(
            _env_file=None,
            telegram_bot_token="7000000001:TEST-TOKEN",
            database_url=self.database_url,
            telegram_api_base_url=self.server.api_base_url,
            telegram_api_base_file_url=self.server.file_base_url,
        )
        await self.start_bot()

    async def start_bot(self) -> None:
        # The emulator enforces no limits here (as in the demo), so the bot does not pace its
        # sends either; the two budgets have their own tests with limits on (tests/engine).
        self.app = build_application(self.settings, clock=self.clock, dispatch_interval=0.2,
                                     throughput_limits=False)
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.updater.start_polling(poll_interval=0, timeout=1, drop_pending_updates=False)
        await self.app.start()

    async def stop_bot(self) -> None:
        """Stop the bot as a crash would leave things: nothing flushed by hand."""
        if self.app is None:
            return
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        if self.app.post_shutdown:
            await self.app.post_shutdown(self.app)
        self.app = None

    async def restart_bot(self) -> None:
        await self.stop_bot()
        await self.start_bot()

    async def close(self) -> None:
        """Each step bounded: one that hangs is reported by name (a warning in the test summary)
        and the others still run, so a stuck teardown cannot hold the whole test run."""
        for name, step in (("the bot", self.stop_bot), ("the emulator client", self.client.close),
                           ("the emulator", self.server.stop),
                           ("the database engine", self._engine.dispose)):
            try:
                await asyncio.wait_for(step(), CLOSE_TIMEOUT)
            except TimeoutError:
                warnings.warn(f"teardown: stopping {name} took over {CLOSE_TIMEOUT:.0f} s; "
                              "cancelled it and went on", RuntimeWarning, stacklevel=1)

    async def dispatch(self) -> None:
        """Run one delivery pass now (the repeating job does the same on its own)."""
        from bot.dispatcher import dispatch_due

        await dispatch_due(self.app)

    def advance(self, **delta: float) -> None:
        self.clock.advance(timedelta(**delta))

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        async with transaction(self.session_factory) as session:
            yield session

    async def user(self, name: str, lang: str = "en") -> SimulatedUser:
        user_id = self._next_user_id
        self._next_user_id += 1
        await self.client.create_user(user_id, name, language_code=lang)
        return SimulatedUser(self.client, user_id, name, lang)

    async def program(self, name: str = "Leaders 2027", **kwargs: Any) -> int:
        async with self.db() as session:
            program = await create_program(
                session=session,
                settings=self.settings,
                name=name,
                start=kwargs.pop("start", START.date()),
                **kwargs,
            )
            return program.id

    async def invite(
        self, program_id: int, role: Role, name: str, coach_id: int | None = None
    ) -> IssuedInvite:
        async with self.db() as session:
            return await issue_invite(
                session=session,
                program_id=program_id,
                role=role,
                name=name,
                coach_id=coach_id,
                ttl=timedelta(days=14),
                now=self.clock.now(),
            )
