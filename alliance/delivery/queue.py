"""The outbound queue: enqueue a message, claim what is due, and record how each send ended.

Every message to a person that is not the reply to their own tap is one `OutboundMessage` row.
A delivery process claims due rows under a short lease (its own id and `lease_until`), renews
the lease while it works, and marks each row in its own short transaction. A process that dies
leaves leases that lapse within `LEASE`; another process (or the restarted one) takes them over.

Delivery is at least once: a crash between a send and its mark sends that row again after the
lease lapses, so each crash can cause at most one duplicate per row then in flight. Nothing is
lost: a row stays pending until it is sent, expires, is cancelled or fails for good.

Who may be written to, and when, is decided here once for every kind: recipients must be
active (not paused, unreachable or erased) and outside quiet hours in their own time zone.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.db import insert_all_new
from alliance.core.models import Person, PersonState, utcnow
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.delivery.quiet_now import awake_now, outside_quiet_hours

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=15)  # renewed every third of it while a row is in flight
MAX_ATTEMPTS = 8
FIRST_BACKOFF = timedelta(seconds=2)
LONGEST_BACKOFF = timedelta(minutes=10)
# Sent at once whatever the hour: the answer to something the recipient just asked for.
ANY_HOUR = frozenset({OutboundKind.REPORT_DOCUMENT})
# Payload keys of a row sent in several calls: how many went out, and the first one's id.
PARTS_SENT = "parts_sent"
FIRST_MESSAGE = "first_message_id"

QUEUED = "alliance_outbound_queued"  # session.info key: this transaction queued a message


def queued_in(session: AsyncSession) -> bool:
    """Whether the transaction queued a message, so that the delivery loop is worth waking."""
    return bool(session.info.get(QUEUED))


async def enqueue(
    session: AsyncSession,
    *,
    kind: OutboundKind,
    key: str,
    recipient_id: int,
    due_at: datetime,
    expires_at: datetime | None = None,
    program_id: int | None = None,
    prompt_id: int | None = None,
    nudge_id: int | None = None,
    session_id: int | None = None,
    comment_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> OutboundMessage:
    """Queue one message; the same `key` queued twice (a retry, a race) gives the same row."""
    session.info[QUEUED] = True
    existing = await session.scalar(select(OutboundMessage).where(OutboundMessage.key == key))
    if existing is not None:
        return existing
    row = OutboundMessage(
        key=key, kind=kind, recipient_id=recipient_id, due_at=due_at, expires_at=expires_at,
        program_id=program_id, prompt_id=prompt_id, nudge_id=nudge_id, session_id=session_id,
        comment_id=comment_id, payload=payload or {}, state=OutboundState.PENDING, attempts=0,
    )
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raced = await session.scalar(select(OutboundMessage).where(OutboundMessage.key == key))
        assert raced is not None
        return raced
    return row


async def enqueue_many(session: AsyncSession, messages: list[dict[str, Any]]) -> None:
    """Queue many messages in one statement (a closing program's notices and questionnaires:
    a statement each kept the lead's /close, and everyone's taps behind it, waiting seconds on
    PostgreSQL). Each dict holds `enqueue`'s arguments; a key already queued keeps its row."""
    if not messages:
        return
    session.info[QUEUED] = True
    blank = dict.fromkeys(("expires_at", "program_id", "prompt_id", "nudge_id", "session_id",
                           "comment_id"))
    rows = [{**blank, "payload": {}, **message, "state": OutboundState.PENDING, "attempts": 0,
             "created_at": utcnow()} for message in messages]
    await insert_all_new(session, OutboundMessage, rows)


def _due(now: datetime, awake: Any) -> list[Any]:
    row = OutboundMessage
    return [
        row.state == OutboundState.PENDING,
        row.due_at <= now,
        or_(row.next_attempt_at.is_(None), row.next_attempt_at <= now),
        or_(row.lease_until.is_(None), row.lease_until < now),
        or_(row.expires_at.is_(None), row.expires_at > now),
        or_(row.program_id.is_(None), row.kind.in_(ANY_HOUR), awake),
    ]


async def claim_due(
    session: AsyncSession, *, now: datetime, owner: str, limit: int,
    in_flight: Collection[int] = (),
) -> list[OutboundMessage]:
    """Lease up to `limit` due rows of people we may write to; rows other processes hold are
    skipped (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer at a time), and so
    are the caller's own rows still `in_flight` (with a fast clock a lease can lapse mid-send)."""
    if limit <= 0:
        return []
    awake = outside_quiet_hours(await awake_now(session, now))
    busy = [OutboundMessage.id.not_in(list(in_flight))] if in_flight else []
    candidates = (
        select(OutboundMessage.id)
        .join(Person, Person.id == OutboundMessage.recipient_id)
        .where(
            *_due(now, awake),
            *busy,
            Person.state == PersonState.ACTIVE,
            Person.telegram_user_id.is_not(None),
        )
        .order_by(OutboundMessage.due_at, OutboundMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=OutboundMessage)
    )
    claimed = await session.scalars(
        update(OutboundMessage)
        .where(OutboundMessage.id.in_(candidates), *_due(now, awake))
        .values(lease_owner=owner, lease_until=now + LEASE)
        .returning(OutboundMessage.id)
        .execution_options(synchronize_session=False)
    )
    ids = list(claimed)
    if not ids:
        return []
    rows = await session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.id.in_(ids))
        .order_by(OutboundMessage.due_at, OutboundMessage.id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def next_due_at(session: AsyncSession, now: datetime) -> datetime | None:
    """When the earliest pending row becomes due (for the loop's sleep); None when none is."""
    row = OutboundMessage
    return await session.scalar(
        select(func.min(func.coalesce(row.next_attempt_at, row.due_at))).where(
            row.state == OutboundState.PENDING,
            or_(row.lease_until.is_(None), row.lease_until < now),
        )
    )


async def renew_leases(
    session: AsyncSession, ids: list[int], *, owner: str, now: datetime
) -> None:
    """Keep rows still in flight ours; a dead process stops renewing and its leases lapse."""
    if ids:
        await session.execute(
            update(OutboundMessage)
            .where(
                OutboundMessage.id.in_(ids),
                OutboundMessage.lease_owner == owner,
                OutboundMessage.state == OutboundState.PENDING,
            )
            .values(lease_until=now + LEASE)
        )


async def _finish(session: AsyncSession, row_id: int, **values: Any) -> bool:
    result = await session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == row_id, OutboundMessage.state == OutboundState.PENDING)
        .values(lease_owner=None, lease_until=None, **values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def mark_sent(session: AsyncSession, row_id: int, *, message_id: int, now: datetime) -> bool:
    """The message went out; False when the row was already final (sent by another process)."""
    return await _finish(
        session, row_id, state=OutboundState.SENT, telegram_message_id=message_id, sent_at=now,
        attempts=OutboundMessage.attempts + 1,
    )


async def mark_failed(session: AsyncSession, row_id: int, reason: str) -> bool:
    """A permanent refusal (the message is malformed, the row cannot be worded): never retried.
    False when the row was already final."""
    if await _finish(session, row_id, state=OutboundState.FAILED, failure=reason[:200],
                     attempts=OutboundMessage.attempts + 1):
        log.warning("outbound %s failed: %s", row_id, reason[:200])
        return True
    return False


async def record_parts_sent(
    session: AsyncSession, row: OutboundMessage, *, parts: int, first_message_id: int
) -> None:
    """A row sent in several calls (the report: text, charts, PDF) keeps how many went out, so
    a retry after a failed part sends only the rest, and the first message is still recorded."""
    progress = {**row.payload, PARTS_SENT: parts, FIRST_MESSAGE: first_message_id}
    await session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == row.id, OutboundMessage.state == OutboundState.PENDING)
        .values(payload=progress)
    )


async def mark_closed(
    session: AsyncSession, row_id: int, state: OutboundState, reason: str
) -> None:
    """Nothing to send any more: the question was answered or closed, the nudge went stale."""
    await _finish(session, row_id, state=state, failure=reason[:200])


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """Exponential from FIRST_BACKOFF, capped; never sooner than Telegram's retry_after."""
    wait = min(FIRST_BACKOFF * (2 ** max(0, attempts - 1)), LONGEST_BACKOFF)
    if retry_after is not None:
        wait = max(wait, timedelta(seconds=retry_after))
    return wait


async def retry_later(
    session: AsyncSession, row_id: int, *, now: datetime, reason: str,
    retry_after: float | None = None,
) -> bool:
    """A passing failure (429, 5xx, timeout): try again after a backoff; give up after
    MAX_ATTEMPTS so a row that always fails cannot keep the loop busy. True when it gave up."""
    row = await session.get(OutboundMessage, row_id, populate_existing=True)
    if row is None or row.state != OutboundState.PENDING:
        return False
    row.attempts += 1
    row.lease_owner, row.lease_until = None, None
    if row.attempts >= MAX_ATTEMPTS:
        row.state, row.failure = OutboundState.FAILED, f"gave up: {reason}"[:200]
        log.warning("outbound %s failed after %s attempts: %s", row_id, row.attempts, reason)
        await session.flush()
        return True
    row.next_attempt_at = now + backoff(row.attempts, retry_after)
    row.failure = reason[:200]
    await session.flush()
    return False


async def release(session: AsyncSession, row_id: int) -> None:
    """Give the row back untried (its recipient turned out unreachable): it waits for them."""
    await session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == row_id, OutboundMessage.state == OutboundState.PENDING)
        .values(lease_owner=None, lease_until=None)
    )


async def sweep(session: AsyncSession, now: datetime) -> int:
    """Close rows that can never go: past their expiry, or for people who erased their data.

    A row under a live lease is being sent right now: it is left to its sender, who records
    the send if the message went out (else the next sweep closes it), so that a message that
    reached its reader just before its expiry is not counted as never sent."""
    not_in_flight = or_(OutboundMessage.lease_until.is_(None), OutboundMessage.lease_until < now)
    expired = await session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.state == OutboundState.PENDING, OutboundMessage.expires_at <= now,
               not_in_flight)
        .values(state=OutboundState.EXPIRED, lease_owner=None, lease_until=None)
    )
    erased = select(Person.id).where(Person.state == PersonState.ERASED)
    cancelled = await session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.state == OutboundState.PENDING,
            and_(OutboundMessage.recipient_id.in_(erased), OutboundMessage.due_at <= now),
        )
        .values(state=OutboundState.CANCELLED, failure="recipient erased")
    )
    return int(expired.rowcount or 0) + int(cancelled.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class QueueCounts:
    """For tests and operators: how many rows are in each state."""

    by_state: dict[str, int]


async def queue_counts(session: AsyncSession) -> QueueCounts:
    rows = await session.execute(
        select(OutboundMessage.state, func.count()).group_by(OutboundMessage.state)
    )
    return QueueCounts({state.value: count for state, count in rows})
