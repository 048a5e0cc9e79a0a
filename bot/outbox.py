"""Replies to the person's own update, held until its transaction commits and then sent.

A failed transaction therefore sends nothing, and a reply that fails after the commit is only
logged: the data is stored, and the person's next tap re-shows where they are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.types import Context

log = logging.getLogger(__name__)


@dataclass
class _Action:
    kind: str
    args: dict[str, Any]
    on_sent: Callable[[int], Awaitable[None]] | None = None


@dataclass
class Outbox:
    """Replies to the person's own update, sent once the transaction has committed.

    Messages to anyone else (a shared comment, a notice) are rows of the outbound queue,
    queued in the same transaction; the delivery loop is woken after every commit.
    """

    actions: list[_Action] = field(default_factory=list)
    before_replies: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    follow_ups: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def reply(
        self,
        text: str,
        keyboard: InlineKeyboardMarkup | None = None,
        on_sent: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        """Send a new message; `on_sent` gets its message id (a flow that will retire its
        buttons once the next step is reached)."""
        action = _Action("reply", {"text": text, "reply_markup": keyboard})
        action.on_sent = on_sent
        self.actions.append(action)

    def edit(self, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        """Edit the message whose button was pressed."""
        self.actions.append(_Action("edit", {"text": text, "reply_markup": keyboard}))

    def remove_buttons(self) -> None:
        """Take the buttons off the message whose button was pressed; its text stays."""
        self.actions.append(_Action("remove_buttons", {}))

    def strip(self, message_id: int) -> None:
        """Take the buttons off an earlier message of this chat (a step that is over)."""
        self.actions.append(_Action("strip", {"message_id": message_id}))

    def answer(self, text: str | None = None, alert: bool = False) -> None:
        self.actions.append(_Action("answer", {"text": text, "show_alert": alert}))

    def document(self, filename: str, data: bytes, caption: str | None = None) -> None:
        self.actions.append(
            _Action("document", {"filename": filename, "document": data, "caption": caption})
        )

    async def flush(self, update: Update, context: Context) -> None:
        """Send the replies, each in its own try: the data is committed whatever fails here, and
        the person's next tap re-shows where they are (so no apology, and no retry loop). The
        callback's answer goes out alongside the edit, not one round trip first."""
        await _run_best_effort(self.before_replies, update)
        query = update.callback_query
        actions = self.actions
        answering: asyncio.Task[None] | None = None
        if query is not None:
            answer = next((a for a in actions if a.kind == "answer"), None)
            actions = [a for a in actions if a is not answer]
            answering = asyncio.ensure_future(
                _attempt("answer", query.answer(**(answer.args if answer else {})), update)
            )
        chat_id = update.effective_chat.id if update.effective_chat else None
        for action in actions:
            await _attempt(action.kind, _perform(action, update, context, chat_id), update)
        if answering is not None:
            await answering
        await _run_best_effort(self.follow_ups, update)


async def _run_best_effort(steps: list[Callable[[], Awaitable[None]]], update: Update) -> None:
    """Post-commit steps: the data is committed whatever they do, so a failure is only logged."""
    for step in steps:
        try:
            await step()
        except Exception:
            log.warning(
                "follow-up %s failed after update %s",
                getattr(step, "__name__", "?"),
                update.update_id,
                exc_info=True,
            )


async def _attempt(kind: str, call: Awaitable[Any], update: Update) -> None:
    """One reply: a refusal or failure from Telegram is logged, never raised after the commit."""
    try:
        await call
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.warning("could not %s: %s", kind, exc)
    except Forbidden:
        log.info("chat blocked the bot; %s skipped", kind)
    except TelegramError as exc:  # 5xx, timeouts, flood control: the reply is lost
        log.warning("could not %s after update %s: %s", kind, update.update_id,
                    type(exc).__name__)


async def _perform(
    action: _Action, update: Update, context: Context, chat_id: int | None
) -> None:
    bot, args = context.bot, action.args
    pressed = update.callback_query.message if update.callback_query else None
    if action.kind == "edit" and pressed:
        await bot.edit_message_text(chat_id=pressed.chat.id, message_id=pressed.message_id, **args)
    elif action.kind == "remove_buttons" and pressed:
        await bot.edit_message_reply_markup(chat_id=pressed.chat.id, message_id=pressed.message_id)
    elif action.kind == "strip" and chat_id is not None:
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=args["message_id"])
    elif action.kind == "reply" and chat_id is not None:
        sent = await bot.send_message(chat_id=chat_id, **args)
        note = action.on_sent
        if note is not None:

            async def noted() -> None:
                await note(sent.message_id)

            await _run_best_effort([noted], update)
    elif action.kind == "document" and chat_id is not None:
        await bot.send_document(chat_id=chat_id, **args)
