"""The one delivery loop: claims due rows of the outbound queue and sends them, many at once.

A long-running task per process, woken as soon as a handler commits (`wake`), otherwise every
`poll` seconds so rows queued by other processes (the CLI, a second bot) are seen. Each row is
rendered, sent and marked in its own try and its own short transactions: a row that cannot be
worded is marked failed with its reason and the rest go out. Leases of rows in flight are renewed
while they are; a process that dies stops renewing and another takes its rows over (see
`alliance.delivery.queue` for the guarantee: at least once, at most one duplicate per crash).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import uuid
from datetime import timedelta
from typing import Any

from telegram import Message
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from alliance.core.db import in_transaction_retried, transaction
from alliance.delivery.effects import (
    mark_unreachable,
    nudge_sent,
    prompt_sent,
    prompt_sent_earlier,
    reminder_sent,
)
from alliance.delivery.queue import (
    FIRST_MESSAGE,
    LEASE,
    PARTS_SENT,
    claim_due,
    enqueue,
    mark_closed,
    mark_failed,
    mark_sent,
    record_parts_sent,
    release,
    renew_leases,
    retry_later,
)
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from bot.outbound_render import Closed, Outgoing, Part, render
from bot.rate_budgets import BULK
from bot.services import services_of
from bot.types import AnyApplication

log = logging.getLogger(__name__)

IN_FLIGHT = 30
CLAIM_BATCH = 10  # claim once this many slots are free: a claim per batch, not per send


def raise_if_cancelling() -> None:
    """Called where a long-running loop catches Exception: an error raised on the way out of
    a cancelled await (a rollback that fails as the task is cancelled) hides the
    CancelledError, and a loop that logged it and went on would never stop."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class DeliveryLoop:
    """Claims and sends for one process; `owner` is this process's lease id."""

    def __init__(self, application: AnyApplication, *, poll: float = 1.0) -> None:
        self.application = application
        self.services = services_of(application)
        self.owner = f"{uuid.uuid4().hex[:12]}"
        self.poll = poll
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(IN_FLIGHT)
        self._in_flight: dict[int, asyncio.Task[bool]] = {}
        self._tasks: list[asyncio.Task[Any]] = []
        self._claiming = asyncio.Lock()
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # recipient → (turn, rows waiting)
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._run(), name="alliance-delivery"),
            asyncio.create_task(self._renew(), name="alliance-delivery-leases"),
        ]

    async def stop(self, grace: float = 10.0) -> None:
        """Stop claiming; let rows in flight finish (a kill would leave their leases to lapse)."""
        self._stopping = True  # the loops end at their next turn even if a cancel is lost
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        in_flight = list(self._in_flight.values())
        if in_flight:
            _, late = await asyncio.wait(in_flight, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    async def _run(self) -> None:
        while not self._stopping:
            try:
                claimed = await self.claim_and_start()
            except Exception:
                raise_if_cancelling()
                log.exception("claiming due messages failed; trying again shortly")
                claimed = 0
            if claimed:
                continue  # more may be due: claim again as slots free up
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can turn a cancellation
            # that meets the timeout into a TimeoutError, which would keep this loop alive
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll):
                    await self._wake.wait()
            self._wake.clear()

    async def _renew(self) -> None:
        """Keep the leases of rows in flight ours, at a third of their length."""
        while not self._stopping:
            await asyncio.sleep(LEASE.total_seconds() / 3)
            ids = list(self._in_flight)
            if not ids:
                continue
            try:
                async with transaction(self.services.session_factory) as db:
                    await renew_leases(db, ids, owner=self.owner, now=self.services.clock.now())
            except Exception:
                raise_if_cancelling()
                log.warning("renewing leases failed", exc_info=True)

    async def claim_and_start(self) -> int:
        """Claim as many due rows as there are free slots and start sending each.

        While sends are in flight it waits until a batch of slots is free: during a fan-out a
        claim per finished send kept SQLite's one connection busy and people's taps waited."""
        async with self._claiming:
            free = IN_FLIGHT - len(self._in_flight)
            if self._in_flight and free < CLAIM_BATCH:
                await asyncio.wait(list(self._in_flight.values()),
                                   return_when=asyncio.FIRST_COMPLETED)
                return 1
            async with transaction(self.services.session_factory) as db:
                rows = await claim_due(db, now=self.services.clock.now(), owner=self.owner,
                                       limit=free, in_flight=list(self._in_flight))
            for row in rows:
                task = asyncio.create_task(self._deliver_in_turn(row),
                                           name=f"outbound-{row.id}")
                self._in_flight[row.id] = task
                task.add_done_callback(self._forget(row.id))
            return len(rows)

    def _forget(self, row_id: int) -> Any:
        def done(_task: asyncio.Task[bool]) -> None:
            self._in_flight.pop(row_id, None)

        return done

    async def drain(self) -> int:
        """Send everything due now and wait for it (and for rows already in flight)."""
        sent = 0
        while True:
            started = await self.claim_and_start()
            pending = list(self._in_flight.values())
            if pending:
                results = await asyncio.gather(*pending, return_exceptions=True)
                sent += sum(1 for result in results if result is True)
            if not started and not self._in_flight:
                return sent

    async def _deliver_in_turn(self, row: OutboundMessage) -> bool:
        """One chat's rows go out one after the other, in the order they were claimed (due
        time, then queue order): a notice queued before the questionnaire it announces is read
        first. Other chats' rows are not held back."""
        turn, waiting = self._chats.get(row.recipient_id, (asyncio.Lock(), 0))
        self._chats[row.recipient_id] = (turn, waiting + 1)
        try:
            async with turn:  # FIFO: tasks reach it in the order they were started
                return await self._deliver(row)
        finally:
            turn, waiting = self._chats[row.recipient_id]
            if waiting == 1:
                del self._chats[row.recipient_id]
            else:
                self._chats[row.recipient_id] = (turn, waiting - 1)

    async def _deliver(self, row: OutboundMessage) -> bool:
        """Render, send and mark one row; True when a message went out. Never raises."""
        try:
            async with transaction(self.services.session_factory) as db:
                rendered = await render(db, row, self.services)
        except Exception as exc:
            log.error("outbound %s (%s) could not be worded: %s", row.id, row.kind.value,
                      type(exc).__name__, exc_info=True)
            reason = f"render: {type(exc).__name__}"
            await self._mark(row, "failed", lambda db: self._failed(db, row, reason))
            return False
        if isinstance(rendered, Closed):
            closed = rendered
            await self._mark(row, "closed", lambda db: self._closed(db, row, closed))
            return False
        try:
            message_id = await self._send(row, rendered)
        except Exception as exc:
            await self._send_failed(row, exc)
            return False
        await self._mark(row, "sent", lambda db: self._sent(db, row, message_id))
        log.info("outbound %s (%s) sent to person %s", row.id, row.kind.value, row.recipient_id)
        if rendered.edit_after is not None:
            await self._edit(rendered.chat_id, *rendered.edit_after)
        return True

    async def _send_failed(self, row: OutboundMessage, exc: Exception) -> None:
        """Refused for good → failed; blocked → unreachable; anything else → retried later."""
        now = self.services.clock.now()
        if isinstance(exc, Forbidden) or (
            isinstance(exc, BadRequest) and "chat not found" in str(exc).lower()
        ):
            await self._unreachable(row)
            return
        if isinstance(exc, BadRequest):
            reason = str(exc)
            await self._mark(row, "failed", lambda db: self._failed(db, row, reason))
            return
        retry_after: float | None = None
        if isinstance(exc, RetryAfter):
            # the timedelta behind `retry_after` (whose type PTB is changing); as PTB reads it
            wait: timedelta = exc._retry_after
            retry_after = wait.total_seconds()
        elif not isinstance(exc, TelegramError | OSError):
            log.error("outbound %s: unexpected error while sending", row.id, exc_info=exc)
        kind = type(exc).__name__
        log.info("outbound %s: sending failed (%s); will retry", row.id, kind)

        async def retry(db: Any) -> None:
            if await retry_later(db, row.id, now=now, reason=kind, retry_after=retry_after):
                await self._tell_lead_the_report_failed(db, row)

        await self._mark(row, "retry", retry)

    async def _send(self, row: OutboundMessage, outgoing: Outgoing) -> int:
        """The parts of the row not sent by an earlier attempt, each recorded once it went out
        (so a retry does not send the report's summary again); returns the first message's id."""
        done = int(row.payload.get(PARTS_SENT, 0))
        first: int | None = row.payload.get(FIRST_MESSAGE)
        for index, part in enumerate(outgoing.parts[done:], start=done + 1):
            message = await self._send_part(outgoing.chat_id, part)
            first = first or message.message_id
            if index < len(outgoing.parts):
                await self._mark(row, "progress", functools.partial(
                    record_parts_sent, row=row, parts=index, first_message_id=first))
        assert first is not None
        return first

    async def _send_part(self, chat_id: int, part: Part) -> Message:
        bot = self.application.bot
        if part.document is not None and part.picture:
            return await bot.send_photo(
                chat_id, part.document, filename=part.filename, caption=part.text,
                rate_limit_args=BULK,
            )
        if part.document is not None:
            return await bot.send_document(
                chat_id, part.document, filename=part.filename, caption=part.text,
                rate_limit_args=BULK,
            )
        return await bot.send_message(
            chat_id, part.text, reply_markup=part.markup, rate_limit_args=BULK
        )

    async def _sent(self, db: Any, row: OutboundMessage, message_id: int) -> None:
        now = self.services.clock.now()
        if not await mark_sent(db, row.id, message_id=message_id, now=now):
            log.warning("outbound %s: sent, but the row was already final", row.id)
            return
        if row.kind == OutboundKind.PROMPT and row.prompt_id is not None:
            await prompt_sent(db, row.prompt_id, message_id, now)
        elif row.kind == OutboundKind.REMINDER and row.prompt_id is not None:
            await reminder_sent(db, row.prompt_id, message_id, now)
        elif row.kind == OutboundKind.NUDGE and row.nudge_id is not None:
            await nudge_sent(db, row.nudge_id, message_id, now)

    async def _closed(self, db: Any, row: OutboundMessage, closed: Closed) -> None:
        await mark_closed(db, row.id, closed.state, closed.reason)
        if closed.state == OutboundState.SENT and row.prompt_id is not None:
            await prompt_sent_earlier(db, row.prompt_id, self.services.clock.now())

    async def _failed(self, db: Any, row: OutboundMessage, reason: str) -> None:
        """For good: never retried; a lead whose report it was hears so."""
        if await mark_failed(db, row.id, reason):
            await self._tell_lead_the_report_failed(db, row)

    async def _tell_lead_the_report_failed(self, db: Any, row: OutboundMessage) -> None:
        if row.kind == OutboundKind.REPORT_DOCUMENT:  # the lead is told, not left waiting
            await enqueue(
                db, kind=OutboundKind.NOTICE, key=f"report-failed:{row.id}",
                recipient_id=row.recipient_id, due_at=self.services.clock.now(),
                program_id=None, payload={"text": "report.failed"},
            )
            self.wake()

    async def _unreachable(self, row: OutboundMessage) -> None:
        async def both(db: Any) -> None:
            await mark_unreachable(db, row.recipient_id)
            await release(db, row.id)

        await self._mark(row, "unreachable", both)

    async def _mark(self, row: OutboundMessage, what: str, work: Any) -> None:
        """One short transaction, run again if it lost a race (a row marked sent must not be
        sent again); if even that fails, the lease lapses and the row is retried."""
        try:
            await in_transaction_retried(self.services.session_factory, work)
        except Exception:
            log.exception("outbound %s: recording %s failed", row.id, what)

    async def _edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Best effort: an edit that fails leaves an old message, never a lost answer."""
        try:
            await self.application.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, rate_limit_args=BULK
            )
        except TelegramError as exc:
            log.info("could not edit message %s: %s", message_id, type(exc).__name__)
