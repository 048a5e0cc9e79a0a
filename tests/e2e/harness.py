"""Drive the real bot through the emulator, as people would: send text, tap buttons, read replies.

`BotHarness` owns an emulator, a database and the real python-telegram-bot Application (polling
over HTTP), plus a manual clock so reminders and expiry can be tested without waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.clock import ManualClock
from alliance.config import Settings, load_settings
from alliance.db import create_engine, create_session_factory, transaction
from alliance.invites import IssuedInvite, issue_invite
from alliance.models import Role
from alliance.programs import create_program
from bot.app import build_application
from bot.emulator import EmulatorClient, EmulatorServer

Message = dict[str, Any]
Matcher = str | Callable[[Message], bool]
START = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)  # a Monday, 9:00 in Montreal


class SimulatedUser:
    """One Telegram user in a private chat with the bot."""

    def __init__(self, harness: BotHarness, user_id: int, name: str, lang: str) -> None:
        self.harness, self.id, self.name, self.lang = harness, user_id, name, lang
        self.mark = 0  # last bot message id already looked at

    @property
    def client(self) -> EmulatorClient:
        return self.harness.client

    async def messages(self) -> list[Message]:
        return await self.client.messages(self.id)

    async def _remember_latest(self) -> None:
        messages = await self.messages()
        if messages:
            self.mark = max(self.mark, messages[-1]["message_id"])

    async def send(self, text: str) -> None:
        await self._remember_latest()
        await self.client.send(self.id, text)

    async def press(self, label: str, message: Message | None = None) -> dict[str, Any]:
        """Tap the button labelled `label` on `message`, or on the newest message that has it."""
        if message is None:
            message = await self.message_with_button(label)
        await self._remember_latest()
        return await self.client.press(self.id, message["message_id"], button_text=label)

    async def press_data(self, message_id: int, data: str) -> dict[str, Any]:
        await self._remember_latest()
        return await self.client.press(self.id, message_id, data=data)

    async def message_with_button(self, label: str, timeout: float = 10) -> Message:
        def has_button(message: Message) -> bool:
            return any(b["text"] == label for row in message.get("buttons") or [] for b in row)

        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for message in reversed(await self.messages()):
                if not message["deleted"] and has_button(message):
                    return message
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{self.name}: no message with button {label!r}")
            await asyncio.sleep(0.05)

    async def expect(self, match: Matcher, timeout: float = 10) -> Message:
        """The first bot message since this user's last action that matches."""
        message = await self.client.wait_for_message(
            self.id, match, timeout=timeout, after_message_id=self.mark
        )
        return message

    async def expect_edit(self, message_id: int, match: Matcher, timeout: float = 10) -> Message:
        """Wait until message `message_id` (edited in place) matches."""
        matcher = match if callable(match) else (lambda m: match in (m.get("text") or ""))
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for message in await self.messages():
                if message["message_id"] == message_id and matcher(message):
                    return message
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{self.name}: message {message_id} never matched")
            await asyncio.sleep(0.05)

    async def all_text(self) -> str:
        """Everything the bot ever showed this user: texts, buttons, file names."""
        parts: list[str] = []
        for message in await self.messages():
            parts.append(message.get("text") or "")
            parts.extend(b["text"] for row in message.get("buttons") or [] for b in row)
            parts.extend(d.get("file_name") or "" for d in message.get("documents") or [])
        return "\n".join(parts)


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
        self.app = build_application(self.settings, clock=self.clock, dispatch_interval=0.2)
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
        await self.stop_bot()
        await self.client.close()
        await self.server.stop()
        await self._engine.dispose()

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
        return SimulatedUser(self, user_id, name, lang)

    async def program(self, name: str = "Leaders 2027", **kwargs: Any) -> int:
        async with self.db() as session:
            program = await create_program(
                session=session, settings=self.settings, name=name,
                start=kwargs.pop("start", START.date()), **kwargs,
            )
            return program.id

    async def invite(
        self, program_id: int, role: Role, name: str, coach_id: int | None = None
    ) -> IssuedInvite:
        async with self.db() as session:
            return await issue_invite(
                session=session, program_id=program_id, role=role, name=name,
                coach_id=coach_id, ttl=timedelta(days=14), now=self.clock.now(),
            )
