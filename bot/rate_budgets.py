"""Two budgets for Bot API calls: bulk sends share Telegram's overall rate, replies do not wait.

Telegram allows about 30 new messages a second to different chats and about one a second per
chat, with short bursts. Calls marked `rate_limit_args={"bulk": True}` (the delivery loop's
prompts, reminders, nudges) queue for both limits in arrival order, so a long queue is sent at
the full overall rate and no faster. Every other call is the reply to someone's own tap or
message: it respects that chat's limit but never waits for the overall budget — a new message
it sends still counts there, so bulk sends leave room for it. Every call honours a 429's
`retry_after`, a bounded number of times.

Each limit is a GCRA bucket (the arithmetic of a token bucket kept as one "next free" time), so
a place in line is taken without an await and many concurrent senders keep their order.

At most `connections` calls are on the wire at once, the rest wait here, in order: the HTTP
client's pool keeps waiting requests in a list that it rescans against every connection each
time a request starts or ends, so a hundred handlers queueing there spent more CPU on the queue
than on the calls (a semaphore's queue costs nothing per waiter).
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

RateLimitArgs = dict[str, Any]
BULK: RateLimitArgs = {"bulk": True}  # for the delivery loop: counts against the 30/s
Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]

# Methods that put a new message in a chat (Telegram's overall limit counts these).
_NEW_MESSAGE_PREFIXES = ("send", "copy", "forward")
_UNCOUNTED = frozenset({"sendchataction", "answercallbackquery", "answerinlinequery"})


@dataclass
class Budget:
    """`rate` calls per second with bursts of `burst`, as one theoretical arrival time."""

    rate: float
    burst: float
    next_free: float = 0.0

    def reserve(self, now: float) -> float:
        """Take the next place; return how long to wait before using it."""
        interval = 1.0 / self.rate
        start = max(self.next_free, now)
        self.next_free = start + interval
        return max(0.0, start - (self.burst - 1) * interval - now)

    def spend(self, now: float) -> None:
        """Count a call that does not wait (a reply): later bulk calls wait a little longer."""
        self.next_free = max(self.next_free, now) + 1.0 / self.rate

    def pause_until(self, moment: float) -> None:
        """After a 429: nothing from this budget before `moment`."""
        self.next_free = max(self.next_free, moment + (self.burst - 1) / self.rate)


@dataclass(frozen=True)
class Limits:
    """Just under what Telegram (and our emulator) enforce, to absorb network jitter."""

    overall_rate: float = 29.0
    overall_burst: float = 10.0
    chat_rate: float = 1.0
    chat_burst: float = 2.0
    group_rate: float = 19 / 60
    group_burst: float = 2.0
    max_retries: int = 3


class RateBudgets(BaseRateLimiter[RateLimitArgs]):
    """A bulk budget shared by all chats plus one budget per chat; 429s retried after waiting.

    With `throttle=False` no call waits for a budget, but 429s are still honoured: for an
    emulator whose limits are off. `connections` is the HTTP client's pool size.
    """

    def __init__(
        self, limits: Limits | None = None, *, throttle: bool = True, connections: int = 16
    ) -> None:
        self.limits = limits or Limits()
        self.throttle = throttle
        self._on_the_wire = asyncio.Semaphore(connections)
        self._overall = Budget(self.limits.overall_rate, self.limits.overall_burst)
        self._chats: dict[int | str, Budget] = {}
        self.retries = 0  # 429s seen and waited out (for tests and diagnostics)

    async def initialize(self) -> None:
        """Budgets are plain numbers: nothing to open."""

    async def shutdown(self) -> None:
        self._chats.clear()

    def _chat_budget(self, chat_id: int | str) -> Budget:
        budget = self._chats.get(chat_id)
        if budget is None:
            group = not isinstance(chat_id, int) or chat_id < 0
            limits = self.limits
            budget = Budget(
                limits.group_rate if group else limits.chat_rate,
                limits.group_burst if group else limits.chat_burst,
            )
            if len(self._chats) > 50_000:
                self._forget_idle(time.monotonic())
            self._chats[chat_id] = budget
        return budget

    def _forget_idle(self, now: float) -> None:
        """Drop budgets of chats with nothing outstanding: they would be full again anyway."""
        for chat_id in [c for c, b in self._chats.items() if b.next_free < now]:
            del self._chats[chat_id]

    async def _wait_turn(self, chat_id: int | str | None, bulk: bool, counted: bool) -> None:
        if chat_id is not None:
            delay = self._chat_budget(chat_id).reserve(time.monotonic())
            if delay > 0:
                await asyncio.sleep(delay)
        if not counted:
            return
        if bulk:
            delay = self._overall.reserve(time.monotonic())
            if delay > 0:
                await asyncio.sleep(delay)
        else:
            self._overall.spend(time.monotonic())

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: RateLimitArgs | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        bulk = bool(rate_limit_args and rate_limit_args.get("bulk"))
        method = endpoint.lower()
        counted = method.startswith(_NEW_MESSAGE_PREFIXES) and method not in _UNCOUNTED
        chat_id = None if method in _UNCOUNTED else _chat_of(data)
        for attempt in range(self.limits.max_retries + 1):
            if self.throttle:
                await self._wait_turn(chat_id, bulk, counted)
            try:
                async with self._on_the_wire:
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.limits.max_retries:
                    log.warning("%s still rate limited after %d retries", endpoint, attempt)
                    raise
                self.retries += 1
                wait = _seconds(exc)
                resume = time.monotonic() + wait
                if chat_id is not None:
                    self._chat_budget(chat_id).pause_until(resume)
                if bulk:
                    self._overall.pause_until(resume)
                log.info("%s rate limited; retrying in %.1f s", endpoint, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


def _chat_of(data: dict[str, Any]) -> int | str | None:
    chat_id = data.get("chat_id")
    if chat_id is None:
        return None
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)  # @channelusername


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will become timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: int | timedelta = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
