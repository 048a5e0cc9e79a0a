"""Stopping the bot never hangs: the delivery loop ends even when a cancellation meets a wake
(Python 3.11's `asyncio.wait_for` then returns normally and would keep the loop alive), which
is how a test's teardown once hung under load."""

from __future__ import annotations

import asyncio

from bot.delivery_loop import DeliveryLoop
from tests.e2e.harness import BotHarness


async def test_the_delivery_loop_stops_when_woken_as_it_is_cancelled(bot: BotHarness) -> None:
    """A handler commits (and wakes the loop) just as the bot is stopped, tried at several
    moments of a short poll, with loops of their own on the running bot."""
    for attempt in range(20):
        loop = DeliveryLoop(bot.app, poll=0.05)
        loop.start()
        await asyncio.sleep(0.06 + attempt * 0.013)  # mostly parked, waiting for a wake
        loop.wake()
        await asyncio.wait_for(loop.stop(grace=1), timeout=5)
