"""How every update is handled: one database transaction, replies sent only after it commits.

`transactional` wraps a handler: it opens a session, records the update id (a redelivered update
is skipped, so handling it twice changes nothing), runs the handler with a `Turn`, commits, and
only then sends what the handler put in the `Outbox`. An answer is therefore stored before the
bot acknowledges it, and a failed transaction sends nothing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from alliance.core.db import in_transaction_retried, insert_new
from alliance.core.models import Person, PersonState, ProcessedUpdate
from alliance.delivery.queue import queued_in
from bot.language import reply_language
from bot.outbox import Outbox
from bot.services import DELIVERY_LOOP, services_of
from bot.turn import Turn, TurnHandler
from bot.types import Context

log = logging.getLogger(__name__)


_PERSON_OF_USER = select(Person).where(Person.telegram_user_id == bindparam("user_id"))  # once


async def _sender(db: AsyncSession, update: Update) -> Person | None:
    user = update.effective_user
    if user is None:
        return None
    return await db.scalar(_PERSON_OF_USER, {"user_id": user.id})


_REPLAY_SAFE = "replay_safe"


def replay_safe(handler: TurnHandler) -> TurnHandler:
    """Mark a handler whose second run changes nothing (a questionnaire tap): a redelivered
    update runs it again instead of being skipped, so its reply (where the person is now) is
    sent even if the first run's reply was lost."""
    setattr(handler, _REPLAY_SAFE, True)  # a marker that `transactional` reads
    return handler


async def _in_turn(
    handler: TurnHandler, update: Update, context: Context, db: AsyncSession
) -> tuple[Outbox, bool] | None:
    """The transaction's work: record the update, find the sender, run the handler. Returns
    what to send and whether a message was queued; None for an update handled before."""
    services = services_of(context)
    outbox = Outbox()  # a new one per attempt: a transaction run again replies once
    now = services.clock.now()
    if not await insert_new(db, ProcessedUpdate, update_id=update.update_id, processed_at=now):
        if not getattr(handler, _REPLAY_SAFE, False):
            log.info("update %s already handled; skipped", update.update_id)
            return None
        log.info("update %s already handled; replayed", update.update_id)
    person = await _sender(db, update)
    if person is not None and person.state == PersonState.UNREACHABLE:
        person.state = PersonState.ACTIVE  # they wrote to us: reachable again
    user = update.effective_user
    lang = reply_language(person, user, services.settings.alliance_default_language)
    turn = Turn(db, outbox, now, services, person, lang, user.id if user else None,
                tapped=update.callback_query is not None)
    await handler(update, context, turn)
    return outbox, queued_in(db)


def transactional(
    handler: TurnHandler,
) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """Run `handler` in one transaction; send its replies after commit; skip redelivered updates
    (or run a `replay_safe` handler again, without recording the update twice); run it again,
    from the start, when PostgreSQL ended its transaction to break a deadlock."""

    @functools.wraps(handler)
    async def callback(update: Update, context: Context) -> None:
        work = functools.partial(_in_turn, handler, update, context)
        try:
            done = await in_transaction_retried(services_of(context).session_factory, work)
        except IntegrityError:
            log.info("update %s raced with a duplicate; nothing changed", update.update_id)
            return
        if done is None:
            return
        outbox, queued = done
        try:
            await outbox.flush(update, context)  # the reply first: what the person waits for
        finally:
            wake = context.bot_data.get(DELIVERY_LOOP)
            if queued and wake is not None:  # what the handler queued goes now, not at the poll
                wake.wake()

    return callback
