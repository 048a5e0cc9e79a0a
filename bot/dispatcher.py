"""Delivery: one repeating job sends whatever is due — prompts, reminders, nudges.

Each pass closes programs past their end date, asks about scheduled sessions that have ended,
catches up on undecided check-in pairs, expires prompts past their window (their message then
says so), and sends what is due, outside the program's quiet hours, to people we may write to.
Rows are claimed before sending and marked after (see `alliance.delivery`), so a restart loses
nothing and sends nothing twice. A Telegram 403 marks the person unreachable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackContext, ContextTypes

from alliance.checkins import schedule_midpoint_attribute_checks
from alliance.closing import close_due_programs
from alliance.db import transaction
from alliance.delivery import (
    NudgeDelivery,
    PromptDelivery,
    claim_due_nudges,
    claim_due_prompts,
    claim_due_reminders,
    expire_due_prompts,
    mark_nudge_sent,
    mark_prompt_sent,
    mark_reminder_sent,
    mark_unreachable,
    release_nudge_claim,
    release_prompt_claim,
    release_reminder_claim,
)
from alliance.housekeeping import forget_old_updates
from alliance.nudges import decide_undecided_pairs
from alliance.sessions import ask_due_session_outcomes
from bot.keyboards import closed_text, format_moment, heading_of, nudge_view, prompt_view
from bot.rate_budgets import BULK
from bot.runtime import services_of
from bot.texts import t

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
T = TypeVar("T")
JOB_NAME = "alliance-dispatch"
_LOCK = "alliance_dispatch_lock"
_REQUESTED = "alliance_dispatch_requested"


def start_dispatcher(application: AnyApplication, interval: float) -> None:
    """Start the one repeating delivery job; its first pass runs at once (a restart catches up)."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    application.bot_data.setdefault(_LOCK, asyncio.Lock())
    job_queue.run_repeating(
        _periodic_pass, interval=interval, first=0, name=JOB_NAME,
        job_kwargs={"max_instances": 3, "coalesce": True},
    )
    job_queue.run_repeating(_housekeeping, interval=3600, first=60, name=f"{JOB_NAME}-tidy")


async def _housekeeping(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Hourly: forget handled update ids that Telegram can no longer redeliver."""
    services = services_of(context.application)
    async with transaction(services.session_factory) as db:
        forgotten = await forget_old_updates(db, services.clock.now())
    if forgotten:
        log.info("forgot %s handled update ids", forgotten)


def request_dispatch(
    context_or_application: ContextTypes.DEFAULT_TYPE | AnyApplication,
) -> None:
    """Run a pass right away, e.g. after a handler committed a prompt that is due now.

    Requests coalesce: while one is waiting to run, more requests add nothing. The flag is
    cleared when the requested pass starts, so a request made during a pass gets a pass after it.
    """
    application = (
        context_or_application.application
        if isinstance(context_or_application, CallbackContext)
        else context_or_application
    )
    if application.job_queue is None or application.bot_data.get(_REQUESTED):
        return
    application.bot_data[_REQUESTED] = True
    application.job_queue.run_once(_requested_pass, 0, name=f"{JOB_NAME}-now")


async def _periodic_pass(context: ContextTypes.DEFAULT_TYPE) -> None:
    if _lock(context.application).locked():
        return  # a pass is running; the next tick comes soon
    await dispatch_due(context.application)


async def _requested_pass(context: ContextTypes.DEFAULT_TYPE) -> None:
    context.application.bot_data[_REQUESTED] = False
    await dispatch_due(context.application)


def _lock(application: AnyApplication) -> asyncio.Lock:
    lock: asyncio.Lock = application.bot_data.setdefault(_LOCK, asyncio.Lock())
    return lock


async def dispatch_due(application: AnyApplication) -> int:
    """One delivery pass; returns how many messages it sent. Passes never overlap."""
    async with _lock(application):
        return await _Pass(application).run()


class _Pass:
    """One pass: its clock reading, and the people found unreachable along the way."""

    def __init__(self, application: AnyApplication) -> None:
        services = services_of(application)
        self.application = application
        self.factory = services.session_factory
        self.now: datetime = services.clock.now()
        self.unreachable: set[int] = set()
        self.sent = 0

    async def _step(self, name: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T | None:
        """One step in its own transaction; a failing step is logged (None) and the rest runs."""
        try:
            async with transaction(self.factory) as db:
                return await work(db)
        except Exception:
            log.exception("delivery step %s failed", name)
            return None

    async def run(self) -> int:
        now = self.now
        closed = await self._step("close_programs", self._close_due_programs)
        if closed:
            log.info("programs closed on their end date: %s", closed)
        await self._step("session_outcomes", lambda db: ask_due_session_outcomes(db, now))
        await self._step("nudge_decisions", lambda db: decide_undecided_pairs(db, now))
        await self._step("midpoint", lambda db: schedule_midpoint_attribute_checks(db, now))
        for closing in await self._step("expiry", lambda db: expire_due_prompts(db, now)) or []:
            await self._edit_closed(closing)
        for due in await self._step("prompts", lambda db: claim_due_prompts(db, now)) or []:
            await self._send_prompt(due)
        for late in await self._step("reminders", lambda db: claim_due_reminders(db, now)) or []:
            await self._send_reminder(late)
        for nudge in await self._step("nudges", lambda db: claim_due_nudges(db, now)) or []:
            await self._send_nudge(nudge)
        return self.sent

    async def _close_due_programs(self, db: AsyncSession) -> list[int]:
        return await close_due_programs(db, self.now)

    async def _send(
        self, person_id: int, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> Message | None:
        """Send one message; None when it did not go out (the caller releases its claim)."""
        if person_id in self.unreachable:
            return None
        try:
            message = await self.application.bot.send_message(
                chat_id, text, reply_markup=markup, rate_limit_args=BULK
            )
        except Forbidden:
            await self._unreachable(person_id)
            return None
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                await self._unreachable(person_id)
            else:
                log.warning("person %s: message refused: %s", person_id, exc)
            return None
        except TelegramError as exc:
            log.warning("person %s: sending failed, will retry: %s", person_id,
                        type(exc).__name__)
            return None
        self.sent += 1
        return message

    async def _unreachable(self, person_id: int) -> None:
        self.unreachable.add(person_id)
        await self._step("unreachable", lambda db: mark_unreachable(db, person_id))

    async def _send_prompt(self, delivery: PromptDelivery) -> None:
        prompt = delivery.prompt
        text, markup = prompt_view(delivery.recipient.language, delivery)
        message = await self._send(delivery.recipient.id, delivery.chat_id, text, markup)
        if message is None:
            await self._step("release", lambda db: release_prompt_claim(db, prompt.id))
            return
        await self._step(
            "mark_sent", lambda db: mark_prompt_sent(db, prompt.id, message.message_id, self.now)
        )
        log.info("prompt %s (%s) sent to person %s", prompt.id, prompt.kind.value,
                 delivery.recipient.id)

    async def _send_reminder(self, delivery: PromptDelivery) -> None:
        prompt, lang = delivery.prompt, delivery.recipient.language
        prefix = (
            t(lang, "checkin.reminder",
              deadline=format_moment(lang, prompt.expires_at, delivery.program.timezone))
            if prompt.expires_at
            else t(lang, "checkin.reminder_no_deadline")
        )
        text, markup = prompt_view(lang, delivery, prefix=prefix)
        message = await self._send(delivery.recipient.id, delivery.chat_id, text, markup)
        if message is None:
            if delivery.recipient.id not in self.unreachable:
                await self._step("release", lambda db: release_reminder_claim(db, prompt.id))
            return
        await self._step(
            "mark_reminded", lambda db: mark_reminder_sent(db, prompt.id, message.message_id)
        )
        log.info("prompt %s (%s) reminded", prompt.id, prompt.kind.value)
        if prompt.telegram_message_id is not None:
            title = heading_of(lang, delivery)
            await self._edit(delivery.chat_id, prompt.telegram_message_id,
                             t(lang, "checkin.continued_below", title=title))

    async def _send_nudge(self, delivery: NudgeDelivery) -> None:
        nudge, lang = delivery.nudge, delivery.coach.language
        coachee = delivery.coachee_name or t(lang, "nudge.someone")
        text, markup = nudge_view(lang, nudge.id, nudge.kind, coachee, delivery.sequence,
                                  nudge.outcome)
        message = await self._send(delivery.coach.id, delivery.chat_id, text, markup)
        if message is None:
            await self._step("release", lambda db: release_nudge_claim(db, nudge.id))
            return
        await self._step(
            "mark_nudge_sent",
            lambda db: mark_nudge_sent(db, nudge.id, message.message_id, self.now),
        )
        log.info("nudge %s (%s) sent to coach %s", nudge.id, nudge.kind, delivery.coach.id)

    async def _edit_closed(self, delivery: PromptDelivery) -> None:
        prompt = delivery.prompt
        assert prompt.telegram_message_id is not None
        text = closed_text(delivery.recipient.language, delivery)
        await self._edit(delivery.chat_id, prompt.telegram_message_id, text)

    async def _edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Best effort: an edit that fails leaves an old message, never a lost answer."""
        try:
            await self.application.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, rate_limit_args=BULK
            )
        except TelegramError as exc:
            log.info("could not edit message %s: %s", message_id, type(exc).__name__)
