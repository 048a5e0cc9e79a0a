"""Conversations that wait for the person's next message: free-text inputs and drafts.

A handler arms an input with `await_text(turn, name, …)`; the next plain message goes to the
consumer listed under that name in `bot.handlers.text_inputs`. Drafts carry a multi-step flow
(a new program's name and zone…) between updates. Both are rows (`alliance.core.conversations`)
written in the update's transaction, so a restart or a second process continues the
conversation where it stopped.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from alliance.core.conversations import recall, remember, take
from alliance.core.db import transaction
from bot.turn import Turn
from bot.types import Context

AWAITING = "awaiting"
DRAFT = "draft"

# What takes a free-text input a conversation is waiting for (a comment, a program name…).
TextInputHandler = Callable[
    [Update, Context, Turn, dict[str, Any]], Awaitable[None]
]


def _user_id(turn: Turn) -> int:
    assert turn.user_id is not None, "conversation state needs the sender's Telegram id"
    return turn.user_id


async def await_text(turn: Turn, name: str, **state: Any) -> None:
    """The sender's next plain message goes to the consumer registered as `name`."""
    await remember(turn.db, _user_id(turn), AWAITING, {"name": name, **state}, turn.now)


async def take_awaited(turn: Turn) -> dict[str, Any] | None:
    """What the sender's message is awaited for (and no longer), or None."""
    if turn.user_id is None:
        return None
    return await take(turn.db, turn.user_id, AWAITING, turn.now)


async def draft_of(turn: Turn, flow: str) -> dict[str, Any] | None:
    """The sender's draft of `flow` ("newprogram", "invite"), or None."""
    if turn.user_id is None:
        return None
    draft = await recall(turn.db, turn.user_id, DRAFT, turn.now)
    return draft if draft is not None and draft.get("flow") == flow else None


async def save_draft(turn: Turn, draft: dict[str, Any]) -> None:
    await remember(turn.db, _user_id(turn), DRAFT, draft, turn.now)


async def drop_draft(turn: Turn) -> None:
    if turn.user_id is not None:
        await take(turn.db, turn.user_id, DRAFT, turn.now)


# -- steps of a draft: a button acts only on the step it was shown for ---------------------


def next_step(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft at a new step: a fresh step mark that the step's buttons carry, so a button
    of an earlier step (or of an earlier run of the flow) no longer matches and cannot act."""
    return {**draft, "n": secrets.token_hex(3)}


async def draft_at(turn: Turn, flow: str | None, step: str) -> dict[str, Any] | None:
    """The sender's draft of `flow` (None: of any flow) if it is still at the step a button
    was shown for."""
    if turn.user_id is None:
        return None
    draft = await recall(turn.db, turn.user_id, DRAFT, turn.now)
    if draft is None or draft.get("n") != step:
        return None
    return draft if flow is None or draft.get("flow") == flow else None


def ask(turn: Turn, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """Send a step's question; its message id is noted in the draft once sent, so the next
    step takes its buttons off (`retire_buttons`)."""
    user_id, services = _user_id(turn), turn.services

    async def note(message_id: int) -> None:
        async with transaction(services.session_factory) as db:
            now = services.clock.now()
            draft = await recall(db, user_id, DRAFT, now)
            if draft is not None:
                await remember(db, user_id, DRAFT, {**draft, "m": message_id}, now)

    turn.outbox.reply(text, keyboard, on_sent=note)


def retire_buttons(turn: Turn, draft: dict[str, Any]) -> dict[str, Any]:
    """Take the buttons off the last step's message (when the step ended without a tap on
    it); the draft is returned without that message's id."""
    message_id = draft.get("m")
    if isinstance(message_id, int):
        turn.outbox.strip(message_id)
    return {key: value for key, value in draft.items() if key != "m"}
