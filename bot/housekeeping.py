"""The periodic pass beside delivery: the work that time makes due, each unit on its own.

Close programs on their end date, ask whether ended sessions took place, decide check-in pairs
left undecided, schedule five-attribute checks, close expired prompts (their message then says so),
and close queued messages that can never go. Each program, session or step runs in its own
transaction: one that fails is logged with its id and never rolls back or blocks the others.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import TelegramError

from alliance.core.conversations import forget_expired_conversations
from alliance.core.db import transaction
from alliance.core.housekeeping import forget_old_updates
from alliance.delivery.effects import PromptDelivery, close_expired_prompts
from alliance.delivery.queue import sweep
from alliance.enrolment.invite_limits import forget_old_attempts
from alliance.nudges.decisions import decide_for_session, undecided_pairs
from alliance.programs.closing import close_program, programs_due_to_close
from alliance.questionnaires.attribute_checks import schedule_attribute_checks
from alliance.sessions.outcomes import ask_session_outcome, sessions_awaiting_outcome
from bot.services import services_of
from bot.types import AnyApplication
from bot.views import closed_text

log = logging.getLogger(__name__)
T = TypeVar("T")


class HousekeepingPass:
    """One pass at one clock reading."""

    def __init__(self, application: AnyApplication) -> None:
        services = services_of(application)
        self.application = application
        self.factory = services.session_factory
        self.now: datetime = services.clock.now()

    async def _step(
        self, name: str, work: Callable[[AsyncSession], Awaitable[T]], subject: object = None
    ) -> T | None:
        try:
            async with transaction(self.factory) as db:
                return await work(db)
        except Exception:
            log.exception("housekeeping %s failed (%s)", name, subject or "-")
            return None

    async def run(self) -> None:
        now = self.now
        for program_id in await self._step("due_programs",
                                           lambda db: programs_due_to_close(db, now)) or []:
            await self._step("close_program", _closing(program_id, now), f"program {program_id}")
        for session_id in await self._step(
            "due_outcomes", lambda db: sessions_awaiting_outcome(db, now)
        ) or []:
            await self._step("ask_outcome", _asking(session_id, now), f"session {session_id}")
        for session_id in await self._step("undecided", lambda db: undecided_pairs(db)) or []:
            await self._step("decide", _deciding(session_id, now), f"session {session_id}")
        await schedule_attribute_checks(self.factory, now)  # each coachee on its own
        for closing in await self._step("expiry", lambda db: close_expired_prompts(db, now)) or []:
            await self._edit_closed(closing)
        await self._step("sweep", lambda db: sweep(db, now))

    async def _edit_closed(self, delivery: PromptDelivery) -> None:
        """Best effort: the message of a closed prompt says so and loses its buttons."""
        prompt = delivery.prompt
        assert prompt.telegram_message_id is not None
        text = closed_text(delivery.recipient.language, delivery)
        try:
            await self.application.bot.edit_message_text(
                text, chat_id=delivery.chat_id, message_id=prompt.telegram_message_id,
                rate_limit_args={"bulk": True},
            )
        except TelegramError as exc:
            log.info("could not edit message %s: %s", prompt.telegram_message_id,
                     type(exc).__name__)


def _closing(program_id: int, now: datetime) -> Callable[[AsyncSession], Awaitable[object]]:
    async def work(db: AsyncSession) -> object:
        closed = await close_program(db, program_id, now)
        log.info("program %s closed on its end date", program_id)
        return closed

    return work


def _asking(session_id: int, now: datetime) -> Callable[[AsyncSession], Awaitable[None]]:
    async def work(db: AsyncSession) -> None:
        await ask_session_outcome(db, session_id, now)

    return work


def _deciding(session_id: int, now: datetime) -> Callable[[AsyncSession], Awaitable[object]]:
    async def work(db: AsyncSession) -> object:
        return await decide_for_session(db, session_id=session_id, now=now)

    return work


async def forget_handled_updates(application: AnyApplication) -> None:
    """Hourly: forget handled update ids that Telegram can no longer redeliver, failed invite
    attempts past their hour and expired conversation states."""
    services = services_of(application)
    async with transaction(services.session_factory) as db:
        forgotten = await forget_old_updates(db, services.clock.now())
        await forget_old_attempts(db, services.clock.now())
        await forget_expired_conversations(db, services.clock.now())
    if forgotten:
        log.info("forgot %s handled update ids", forgotten)
