"""Pacing the simulated people against the bot: bounded concurrency, and waiting until the bot
has handled everything it was sent, so the next step of program time starts from a known state."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Iterable
from typing import Any


async def gather_limited(work: Iterable[Awaitable[Any]], limit: int = 12) -> None:
    """Await coroutines with at most `limit` running at once (they start only when awaited)."""
    gate = asyncio.Semaphore(limit)

    async def run(item: Awaitable[Any]) -> None:
        async with gate:
            await item

    await asyncio.gather(*(run(item) for item in work))


async def settle(app: Any, timeout: float = 30) -> None:
    """Wait until no update is queued or being handled, seen twice in a row a moment apart."""
    processor = app.update_processor
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:
        busy = not app.update_queue.empty() or getattr(processor, "waiting_chats", 0) > 0
        quiet = 0 if busy else quiet + 1
        if time.monotonic() > deadline:
            raise TimeoutError("the bot still had updates in hand")
        await asyncio.sleep(0.02)
