"""The pending-updates queue with Telegram's offset and long-polling semantics."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from typing import Any

#: Update types Telegram withholds unless explicitly listed in `allowed_updates`.
DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue:
    """Updates waiting for the bot, oldest first.

    `confirm(offset)` forgets every update with a smaller id (for good, as Telegram
    does); `wait` blocks until something arrives, waking immediately on `put`. The
    id counter survives `reset()` so a running poller's offset never hides new updates.
    """

    def __init__(self) -> None:
        self._pending: deque[dict[str, Any]] = deque()
        self._next_id = 1
        self._allowed: frozenset[str] | None = None
        self._changed = asyncio.Event()
        self._counted_upto = 0
        self.queued = 0
        self.delivered = 0
        self.filtered = 0

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def allowed_updates(self) -> list[str] | None:
        return sorted(self._allowed) if self._allowed is not None else None

    def set_allowed(self, allowed: list[str] | None) -> None:
        """Persist the filter like Telegram; an empty list restores the default set."""
        if allowed is None:
            return
        self._allowed = frozenset(allowed) if allowed else None

    def _wanted(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in DEFAULT_EXCLUDED
        return kind in self._allowed

    def put(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue one update; unwanted kinds are dropped at creation, as Telegram does."""
        update_id = self._next_id
        self._next_id += 1
        if not self._wanted(kind):
            self.filtered += 1
            return update_id
        self._pending.append({"update_id": update_id, kind: payload})
        self.queued += 1
        self._changed.set()
        self._changed = asyncio.Event()
        return update_id

    def confirm(self, offset: int) -> None:
        """Forget updates below `offset`; a negative offset keeps only the last -offset."""
        if offset < 0:
            while len(self._pending) > -offset:
                self._pending.popleft()
            return
        while self._pending and self._pending[0]["update_id"] < offset:
            self._pending.popleft()

    def peek(self, limit: int) -> list[dict[str, Any]]:
        batch = list(itertools.islice(self._pending, max(1, min(limit, 100))))
        for update in batch:
            if update["update_id"] > self._counted_upto:
                self._counted_upto = update["update_id"]
                self.delivered += 1
        return batch

    async def wait(self, offset: int, limit: int, timeout: float) -> list[dict[str, Any]]:
        """Confirm by `offset`, then return up to `limit` updates, long-polling if none."""
        self.confirm(offset)
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            changed = self._changed
            if self._pending:
                return self.peek(limit)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return []

    def drop_pending(self) -> None:
        self._pending.clear()

    def reset(self) -> None:
        self._pending.clear()
        self._allowed = None
        self.queued = self.delivered = self.filtered = 0
        self._counted_upto = self._next_id - 1
