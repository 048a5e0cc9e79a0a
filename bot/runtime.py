"""How every update is handled: one database transaction, replies sent only after it commits.

`transactional` wraps a handler: it opens a session, records the update id (a redelivered update
is skipped, so handling it twice changes nothing), runs the handler with a `Turn`, commits, and
only then sends what the handler put in the `Outbox`. An answer is therefore stored before the
bot acknowledges it, and a failed transaction sends nothing.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from alliance.clock import Clock
from alliance.config import Settings
from alliance.db import insert_new, transaction
from alliance.models import Person, PersonState, ProcessedUpdate
from alliance.outbound import queued_in
from bot.texts import language_of, t
from bot.types import AnyApplication, Context

log = logging.getLogger(__name__)

DELIVERY_LOOP = "alliance_delivery_loop"  # bot_data key of this process's delivery loop


@dataclass
class Services:
    """What handlers and jobs share, kept in `application.bot_data["services"]`."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock


def services_of(
    context: Context | AnyApplication,
) -> Services:
    return context.bot_data["services"]


@dataclass
class _Action:
    kind: str
    args: dict[str, Any]


@dataclass
class Outbox:
    """Replies to the person's own update, sent once the transaction has committed.

    Messages to anyone else (a shared comment, a notice) are rows of the outbound queue,
    queued in the same transaction; the delivery loop is woken after every commit.
    """

    actions: list[_Action] = field(default_factory=list)
    before_replies: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    follow_ups: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def reply(self, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        self.actions.append(_Action("reply", {"text": text, "reply_markup": keyboard}))

    def edit(self, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        """Edit the message whose button was pressed."""
        self.actions.append(_Action("edit", {"text": text, "reply_markup": keyboard}))

    def remove_buttons(self) -> None:
        """Take the buttons off the message whose button was pressed; its text stays."""
        self.actions.append(_Action("remove_buttons", {}))

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
    elif action.kind == "reply" and chat_id is not None:
        await bot.send_message(chat_id=chat_id, **args)
    elif action.kind == "document" and chat_id is not None:
        await bot.send_document(chat_id=chat_id, **args)


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


async def _sender(db: AsyncSession, update: Update) -> Person | None:
    user = update.effective_user
    if user is None:
        return None
    return await db.scalar(select(Person).where(Person.telegram_user_id == user.id))


_REPLAY_SAFE = "replay_safe"


def replay_safe(handler: TurnHandler) -> TurnHandler:
    """Mark a handler whose second run changes nothing (a questionnaire tap): a redelivered
    update runs it again instead of being skipped, so its reply (where the person is now) is
    sent even if the first run's reply was lost."""
    setattr(handler, _REPLAY_SAFE, True)  # a marker that `transactional` reads
    return handler


def transactional(
    handler: TurnHandler,
) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """Run `handler` in one transaction; send its replies after commit; skip redelivered updates
    (or run a `replay_safe` handler again, without recording the update twice)."""

    @functools.wraps(handler)
    async def callback(update: Update, context: Context) -> None:
        services = services_of(context)
        outbox = Outbox()
        try:
            async with transaction(services.session_factory) as db:
                now = services.clock.now()
                if not await insert_new(
                    db, ProcessedUpdate, update_id=update.update_id, processed_at=now
                ):
                    if not getattr(handler, _REPLAY_SAFE, False):
                        log.info("update %s already handled; skipped", update.update_id)
                        return
                    log.info("update %s already handled; replayed", update.update_id)
                person = await _sender(db, update)
                if person is not None and person.state == PersonState.UNREACHABLE:
                    person.state = PersonState.ACTIVE  # they wrote to us: reachable again
                user = update.effective_user
                lang = (
                    person.language
                    if person
                    else language_of(
                        user.language_code if user else None,
                        services.settings.alliance_default_language,
                    )
                )
                turn = Turn(db, outbox, now, services, person, lang, user.id if user else None,
                            tapped=update.callback_query is not None)
                await handler(update, context, turn)
                queued = queued_in(db)
        except IntegrityError:
            log.info("update %s raced with a duplicate; nothing changed", update.update_id)
            return
        wake = context.bot_data.get(DELIVERY_LOOP)
        if queued and wake is not None:  # what the handler queued goes out now, not at the poll
            wake.wake()
        await outbox.flush(update, context)

    return callback
