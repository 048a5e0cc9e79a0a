"""The load generator: people tapping through the emulator's control API, followed through its feed.

One long poll of the feed follows every chat; taps go out in batches (`/emulator/presses`), so
the generator stays cheap next to the bots it measures. Each person answers the oldest message
that still shows buttons: a value on a questionnaire item, "Skip" on the comment offer.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from bot.emulator import EmulatorClient


@dataclass
class Person:
    user_id: int
    open_messages: deque[tuple[int, list[str]]] = field(default_factory=deque)
    waiting: bool = False

    def current(self) -> tuple[int, list[str]] | None:
        return self.open_messages[0] if self.open_messages else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def choose(buttons: list[str], rng: random.Random) -> str:
    """A value for an item; Skip on the comment offer; otherwise the first button."""
    values = [data for data in buttons if data.startswith(("a:", "b:"))]
    if values:
        return rng.choice(values)
    skip = [data for data in buttons if data.endswith((":skip", ":keep"))]
    return skip[0] if skip else buttons[0]


@dataclass
class Tally:
    taps_sent: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)  # monotonic time of each edit


class Crowd:
    """Everyone's open messages, kept current from the feed."""

    def __init__(self, client: EmulatorClient, user_ids: list[int], seed: int = 1) -> None:
        self.client = client
        self.people = {user_id: Person(user_id) for user_id in user_ids}
        self.active: set[int] = set(user_ids)  # who taps in the current workload
        self.rng = random.Random(seed)
        self.seq = 0
        self.messages_seen = 0
        self.tally = Tally()
        self.ready = asyncio.Event()

    async def follow(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            events = await self.client.feed(after=self.seq, wait=0.5)
            now = time.monotonic()
            for event in events:
                self.seq = max(self.seq, event["seq"])
                self._apply(event, now)

    def _apply(self, event: dict[str, Any], now: float) -> None:
        person = self.people.get(event["chat_id"])
        if event["tap_ms"] is not None:
            self.tally.latencies_ms.append(event["tap_ms"])
            self.tally.answered_at.append(now)
        if person is None:
            return
        message_id, buttons = event["message_id"], event["buttons"]
        current = person.current()
        if current is not None and current[0] == message_id:
            person.open_messages.popleft()
            if buttons:
                person.open_messages.appendleft((message_id, buttons))
            if event["tap_ms"] is not None:
                person.waiting = False
                self.ready.set()
        elif buttons and all(m != message_id for m, _ in person.open_messages):
            person.open_messages.append((message_id, buttons))
            self.messages_seen += 1
            self.ready.set()

    def idle(self) -> list[Person]:
        return [
            p for p in self.people.values()
            if not p.waiting and p.open_messages and p.user_id in self.active
        ]

    async def tap(self, people: list[Person]) -> None:
        presses = []
        for person in people:
            current = person.current()
            assert current is not None
            person.waiting = True
            presses.append({"user_id": person.user_id, "message_id": current[0],
                            "data": choose(current[1], self.rng)})
        if presses:
            results = await self.client.press_many(presses)
            for person, update_id in zip(people, results, strict=True):
                if update_id is None:  # the message changed under us; try the next one
                    person.waiting = False
            self.tally.taps_sent += sum(1 for r in results if r is not None)

    async def wait_for_messages(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.messages_seen < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {self.messages_seen} of {count} messages arrived")
            self.ready.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.ready.wait(), 0.5)

    async def closed_loop(self, seconds: float) -> None:
        """Everyone answers as fast as replies come, for `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ready.clear()
            idle = self.idle()
            if idle:
                await self.tap(idle)
            try:
                await asyncio.wait_for(self.ready.wait(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                break

    async def open_loop(self, rate: float, seconds: float) -> int:
        """Poisson arrivals at `rate` taps/s, each by someone not waiting; returns taps skipped."""
        began = time.monotonic()
        moment, skipped = began, 0
        while True:
            moment += self.rng.expovariate(rate)
            if moment - began > seconds:
                return skipped
            await asyncio.sleep(max(0.0, moment - time.monotonic()))
            idle = self.idle()
            if not idle:
                skipped += 1
                continue
            await self.tap([self.rng.choice(idle)])

    async def drain(self, timeout: float = 5.0) -> int:
        """Wait for the last replies; the taps still unanswered afterwards are lost."""
        deadline = time.monotonic() + timeout
        while any(p.waiting for p in self.people.values()) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        return sum(1 for p in self.people.values() if p.waiting)
