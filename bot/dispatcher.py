"""Starting and waking delivery: the outbound loop and the periodic housekeeping beside it.

`start_dispatcher` (from post_init) starts one `DeliveryLoop` per process and a housekeeping
task every `interval` seconds; `request_dispatch` wakes the loop at once, e.g. after a handler
committed a message that is due now; `dispatch_due` runs housekeeping and sends everything due,
waiting for it (for tests and the demo, which move their own clock).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram.ext import CallbackContext

from bot.delivery_loop import DeliveryLoop, raise_if_cancelling
from bot.housekeeping import HousekeepingPass, forget_handled_updates
from bot.services import DELIVERY_LOOP
from bot.types import AnyApplication, Context

log = logging.getLogger(__name__)

_LOOP = DELIVERY_LOOP
_TASKS = "alliance_housekeeping_tasks"
_LOCK = "alliance_housekeeping_lock"
POLL_SECONDS = 1.0  # how soon rows queued by another process are seen
FORGET_EVERY = 3600.0


def start_dispatcher(application: AnyApplication, interval: float) -> None:
    """Start delivery for this process; the first housekeeping pass runs at once."""
    loop = DeliveryLoop(application, poll=min(POLL_SECONDS, interval))
    application.bot_data[_LOOP] = loop
    application.bot_data[_LOCK] = asyncio.Lock()
    loop.start()
    application.bot_data[_TASKS] = [
        asyncio.create_task(_every(interval, lambda: _housekeeping(application)),
                            name="alliance-housekeeping"),
        asyncio.create_task(_every(FORGET_EVERY, lambda: forget_handled_updates(application),
                                   first=60.0), name="alliance-forget-updates"),
    ]


async def stop_dispatcher(application: AnyApplication) -> None:
    """Stop the tasks; rows still in flight keep their lease until it lapses."""
    tasks: list[asyncio.Task[None]] = application.bot_data.pop(_TASKS, [])
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    loop: DeliveryLoop | None = application.bot_data.pop(_LOOP, None)
    if loop is not None:
        await loop.stop()


async def _every(seconds: float, work: Any, first: float = 0.0) -> None:
    await asyncio.sleep(first)
    while True:
        try:
            await work()
        except Exception:
            raise_if_cancelling()
            log.exception("periodic task failed")
        await asyncio.sleep(seconds)


async def _housekeeping(application: AnyApplication) -> None:
    lock: asyncio.Lock = application.bot_data[_LOCK]
    async with lock:
        await HousekeepingPass(application).run()
    request_dispatch(application)


def request_dispatch(
    context_or_application: Context | AnyApplication,
) -> None:
    """Wake the delivery loop now; wakes coalesce into one claim."""
    application = (
        context_or_application.application
        if isinstance(context_or_application, CallbackContext)
        else context_or_application
    )
    loop: DeliveryLoop | None = application.bot_data.get(_LOOP)
    if loop is not None:
        loop.wake()


async def dispatch_due(application: AnyApplication) -> int:
    """Housekeeping now, then send everything due and wait for it; returns how many went."""
    await _housekeeping(application)
    loop: DeliveryLoop = application.bot_data[_LOOP]
    return await loop.drain()
