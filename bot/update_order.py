"""Updates of different chats concurrently, each chat's strictly in arrival order.

One person's two quick taps must be applied in the order they were made (the second tap's
question only exists after the first is saved), while a hundred people tapping at once should
not wait for one another. Each chat (or, for updates without a chat, each user) has its own
sequencer: an update waits only for the previous update of the same key, and at most
`max_running` handlers run at once.

PTB's own semaphore in `process_update` admits updates before `do_process_update` sees them;
a task that waited there could be overtaken, so admission is wide (`ADMITTED`) and the real
bound applies after the per-chat turn, where order is already fixed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

ADMITTED = 100_000
DEFAULT_RUNNING = 32

OrderKey = tuple[str, int] | None


def order_key(update: object) -> OrderKey:
    """The chat an update belongs to; the user for updates without a chat; else none."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return None


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Per-chat sequencers in front of a bounded pool of running handlers."""

    def __init__(self, max_running: int = DEFAULT_RUNNING) -> None:
        if max_running < 1:
            raise ValueError("max_running must be a positive integer")
        super().__init__(max_concurrent_updates=ADMITTED)
        self.max_running = max_running
        self._running = asyncio.BoundedSemaphore(max_running)
        self._tails: dict[tuple[str, int], asyncio.Future[None]] = {}

    @property
    def waiting_chats(self) -> int:
        """Chats with an update in hand (for tests and diagnostics)."""
        return len(self._tails)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = order_key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        # Taking our place in the chat's line happens before the first await: arrival order.
        previous = self._tails.get(key)
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._tails[key] = mine
        try:
            if previous is not None:
                await asyncio.shield(previous)
            async with self._running:
                await coroutine
        except asyncio.CancelledError:
            if asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting its turn: never started
            raise
        finally:
            mine.set_result(None)
            if self._tails.get(key) is mine:
                del self._tails[key]

    async def initialize(self) -> None:
        """Nothing to allocate: sequencers come and go with the chats that have updates."""

    async def shutdown(self) -> None:
        """Handlers still running finish on their own; nothing is held here."""
