"""Rate limits, injected faults and call statistics.

These let tests see how the bot behaves when Telegram pushes back (429 flood control,
403, 5xx) without waiting for a real server to misbehave.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .params import ApiError, forbidden, too_many_requests


@dataclass
class Bucket:
    """Token bucket: `capacity` allows a short burst, `rate` tokens come back per second."""

    capacity: float
    rate: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + max(0.0, now - self.stamp) * self.rate)
        self.stamp = max(self.stamp, now)

    def wait_time(self) -> float:
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class RateLimiter:
    """Telegram-like flood control: ~1 msg/s per private chat, 20/min per group, 30/s total."""

    def __init__(
        self,
        per_chat: float = 1.0,
        burst: float = 3.0,
        per_group: float = 20 / 60,
        overall: float = 30.0,
    ) -> None:
        self.per_chat = per_chat
        self.burst = burst
        self.per_group = per_group
        self.overall = overall
        self._chats: dict[int, Bucket] = {}
        self._global: Bucket | None = None

    def check(self, chat_id: int, now: float | None = None, overall: bool = True) -> int | None:
        """Consume a token for `chat_id`; return seconds to wait instead if none is left.

        A refused call consumes nothing, so a bot honouring `retry_after` gets through.
        `overall=False` (edits of a message already there) counts only for the chat: the
        30/s limit is on new messages to many chats.
        """
        now = time.monotonic() if now is None else now
        bucket = self._chats.get(chat_id)
        if bucket is None:
            rate = self.per_chat if chat_id > 0 else self.per_group
            bucket = self._chats[chat_id] = Bucket(self.burst, rate, self.burst, now)
        if self._global is None:
            self._global = Bucket(self.overall, self.overall, self.overall, now)
        bucket.refill(now)
        self._global.refill(now)
        wait = max(bucket.wait_time(), self._global.wait_time() if overall else 0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        bucket.tokens -= 1
        if overall:
            self._global.tokens -= 1
        return None

    def reset(self) -> None:
        self._chats.clear()
        self._global = None


@dataclass
class Fault:
    """The next `count` calls of `method` ("*" = any but getUpdates) fail with `code`.

    `delay` seconds pass before the answer: with a delay longer than the client's timeout the
    client gives up first (a timeout). Code 200 then means the call still succeeds, late, as
    Telegram may do after a client timed out.
    """

    method: str
    code: int
    count: int = 1
    retry_after: int = 1
    description: str | None = None
    delay: float = 0.0

    def matches(self, method: str) -> bool:
        if self.method == "*":
            return method != "getUpdates"
        return self.method.lower() == method.lower()

    def error(self) -> ApiError:
        if self.code == 429:
            return too_many_requests(max(1, int(self.retry_after)))
        if self.code == 403:
            return forbidden(self.description or "bot was blocked by the user")
        defaults = {
            400: "Bad Request: injected fault",
            409: "Conflict: terminated by other getUpdates request",
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
            504: "Gateway Timeout",
        }
        return ApiError(self.code, self.description or defaults.get(self.code, "Injected fault"))


class FaultInjector:
    """Queue of one-shot faults, consumed in order of configuration."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def configure(self, specs: list[dict[str, Any]]) -> None:
        self.faults = [
            Fault(
                method=str(spec.get("method", "*")),
                code=int(spec.get("code", 500)),
                count=int(spec.get("count", 1)),
                retry_after=int(spec.get("retry_after", 1)),
                description=spec.get("description"),
                delay=float(spec.get("delay", 0.0)),
            )
            for spec in specs
        ]

    def take(self, method: str) -> Fault | None:
        for fault in self.faults:
            if fault.count > 0 and fault.matches(method):
                fault.count -= 1
                if fault.count == 0:
                    self.faults.remove(fault)
                return fault
        return None

    def describe(self) -> list[dict[str, Any]]:
        return [asdict(fault) for fault in self.faults]


@dataclass
class Stats:
    """Counters exposed at `GET /emulator/stats`."""

    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    answered_callbacks: int = 0
    webhook_deliveries: int = 0

    def reset(self) -> None:
        self.calls.clear()
        self.errors.clear()
        self.answered_callbacks = 0
        self.webhook_deliveries = 0
