"""What the bot wrote, as one stream for load generators, with the time from each tap to its edit.

Following hundreds of users one chat at a time costs a load generator more than the bot it
measures; one feed of every message the bot sent or edited (with its buttons) lets it follow them
all with a single long poll. A tap's latency is measured here, from the press to the bot's edit
of the pressed message: the moment the person would see the answer.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

FEED_LENGTH = 200_000


@dataclass(frozen=True)
class FeedEvent:
    seq: int
    chat_id: int
    message_id: int
    buttons: list[str]  # callback data of the message's inline buttons, in order
    tap_ms: float | None  # time since the press this edit answers

    def json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "buttons": self.buttons,
            "tap_ms": self.tap_ms,
        }


class BotFeed:
    """Bounded log of the bot's sends and edits; `changed` fires on each."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.events: deque[FeedEvent] = deque(maxlen=FEED_LENGTH)
        self._seq = itertools.count(1)
        self._pressed: dict[tuple[int, int], float] = {}
        self.changed = asyncio.Event()

    def pressed(self, chat_id: int, message_id: int) -> None:
        """A user tapped a button of this message; the first tap waiting for an edit counts."""
        self._pressed.setdefault((chat_id, message_id), time.monotonic())

    def bot_wrote(self, chat_id: int, message_id: int, markup: dict[str, Any] | None,
                  edited: bool) -> None:
        tapped = self._pressed.pop((chat_id, message_id), None) if edited else None
        rows = (markup or {}).get("inline_keyboard") or []
        buttons = [str(b["callback_data"]) for row in rows for b in row if "callback_data" in b]
        tap_ms = None if tapped is None else 1000 * (time.monotonic() - tapped)
        self.events.append(FeedEvent(next(self._seq), chat_id, message_id, buttons, tap_ms))
        self.changed.set()
        self.changed = asyncio.Event()

    def after(self, seq: int) -> list[FeedEvent]:
        if not self.events or self.events[-1].seq <= seq:
            return []
        first = self.events[0].seq
        start = max(0, seq + 1 - first)
        return list(itertools.islice(self.events, start, None))
