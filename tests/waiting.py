"""Waiting on a condition until a deadline in seconds, not for a count of tries: CI shares two
cores with everything else, so what takes 50 ms here may take seconds there. A wait ends as soon
as its condition holds, so a generous deadline costs nothing when all goes well."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

DEADLINE = 30.0  # seconds


async def eventually(
    check: Callable[[], Awaitable[T]], what: str, timeout: float = DEADLINE,
    every: float = 0.025,
) -> T:
    """The first truthy result of `check`; TimeoutError naming `what` after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(every)
