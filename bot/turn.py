"""One update's view of the world, handed to every transactional handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update

from alliance.core.models import Person
from bot.outbox import Outbox
from bot.services import Services
from bot.texts import t, tn
from bot.types import Context


@dataclass
class Turn:
    """One update's view of the world: its transaction, the sender, their language, the time."""

    db: AsyncSession
    outbox: Outbox
    now: datetime
    services: Services
    person: Person | None
    lang: str
    user_id: int | None = None  # the sender's Telegram id, for conversation state
    tapped: bool = False  # the update is a button press

    def t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def tn(self, key: str, n: int, **values: object) -> str:
        """The form of `key` for the number `n`, in this person's language."""
        return tn(self.lang, key, n, **values)

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` once the transaction has committed and the replies are sent.

        For work that must see committed rows: a dispatch pass for a prompt created just now, a
        command menu for an enrolment that could still roll back.
        """
        self.outbox.follow_ups.append(action)

    def before_replies(self, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` once the transaction has committed, before any reply goes out.

        For work a reply vouches for: "your data has been erased" is sent once it is off the disk.
        """
        self.outbox.before_replies.append(action)

    def say(self, key: str, keyboard: InlineKeyboardMarkup | None = None, **values: object) -> None:
        self.outbox.reply(self.t(key, **values), keyboard)

    def refuse(self, key: str, **values: object) -> None:
        """Say why nothing happened: a toast for a button press (never a new chat message),
        a reply for a command or typed text."""
        if self.tapped:
            self.outbox.answer(self.t(key, **values))
        else:
            self.say(key, None, **values)


TurnHandler = Callable[[Update, Context, Turn], Awaitable[None]]
