"""The outbound queue's database side: leases taken once and taken over when they lapse, quiet
hours and who may be written to, backoff that ends, reminders queued by a send, expiry, nudges
going stale, unreachable people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from alliance.core.models import AuditEvent, PersonState, Prompt, PromptKind, PromptState
from alliance.delivery.effects import (
    close_expired_prompts,
    mark_unreachable,
    nudge_delivery,
    prompt_sent,
)
from alliance.delivery.queue import (
    LEASE,
    MAX_ATTEMPTS,
    claim_due,
    mark_failed,
    mark_sent,
    renew_leases,
    retry_later,
    sweep,
)
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.nudges.decisions import decide_for_session
from alliance.sessions.records import log_session_by_coach
from tests.domain.conftest import NOW, World
from tests.domain.test_nudges_domain import COACH_HIGH, COACHEE_LOWER, _session
from tests.domain.test_sessions_domain import Pair, make_pair, prompts

NIGHT = datetime(2027, 1, 12, 3, 30, tzinfo=UTC)  # 22:30 in Montreal


async def _logged(world: World, when: datetime = NOW) -> tuple[Pair, list[Prompt]]:
    pair = await make_pair(world)
    await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id, now=when)
    return pair, await prompts(world.session, PromptKind.CHECKIN)


async def _claim(world: World, when: datetime, owner: str = "a") -> list[OutboundMessage]:
    return await claim_due(world.session, now=when, owner=owner, limit=50)


async def test_each_new_prompt_queues_one_message(world: World) -> None:
    _, checkins = await _logged(world)
    rows = list(await world.session.scalars(select(OutboundMessage)))
    assert sorted((r.kind, r.prompt_id) for r in rows) == sorted(
        (OutboundKind.PROMPT, p.id) for p in checkins
    )


async def test_a_lease_is_held_once_and_taken_over_when_it_lapses(world: World) -> None:
    _, checkins = await _logged(world)
    claimed = await _claim(world, NOW)
    assert [r.prompt_id for r in claimed] == [p.id for p in checkins]
    assert await _claim(world, NOW + LEASE - timedelta(seconds=1), "b") == []
    retaken = await _claim(world, NOW + LEASE + timedelta(seconds=1), "b")
    assert {r.lease_owner for r in retaken} == {"b"} and len(retaken) == 2


async def test_a_process_never_claims_again_what_it_is_still_sending(world: World) -> None:
    await _logged(world)
    first, second = await _claim(world, NOW)
    later = NOW + LEASE * 2  # a jump of the clock while both are in flight
    again = await claim_due(world.session, now=later, owner="a", limit=50, in_flight=[first.id])
    assert [r.id for r in again] == [second.id]


async def test_a_renewed_lease_is_not_taken_over(world: World) -> None:
    await _logged(world)
    claimed = await _claim(world, NOW)
    later = NOW + LEASE - timedelta(seconds=5)
    await renew_leases(world.session, [r.id for r in claimed], owner="a", now=later)
    assert await _claim(world, NOW + LEASE + timedelta(seconds=1), "b") == []


async def test_a_sent_row_is_final(world: World) -> None:
    await _logged(world)
    first, second = await _claim(world, NOW)
    assert await mark_sent(world.session, first.id, message_id=41, now=NOW)
    assert not await mark_sent(world.session, first.id, message_id=42, now=NOW)
    later = await _claim(world, NOW + LEASE * 2)
    assert [r.id for r in later] == [second.id]


async def test_nothing_is_claimed_during_quiet_hours(world: World) -> None:
    await _logged(world, NIGHT)
    assert await _claim(world, NIGHT) == []
    morning = datetime(2027, 1, 12, 13, 0, tzinfo=UTC)  # 8:00
    assert len(await _claim(world, morning)) == 2


async def test_paused_unreachable_and_erased_people_are_skipped(world: World) -> None:
    pair, _ = await _logged(world)
    moment = NOW
    for state in (PersonState.PAUSED, PersonState.UNREACHABLE, PersonState.ERASED):
        pair.coachee.state = state
        claimed = await _claim(world, moment)
        assert [r.recipient_id for r in claimed] == [pair.coach.id], state
        moment += LEASE * 2


async def test_rows_of_erased_people_are_cancelled_and_expired_rows_closed(world: World) -> None:
    pair, _ = await _logged(world)
    pair.coachee.state = PersonState.ERASED
    await world.session.flush()
    assert await sweep(world.session, NOW) == 1
    assert await sweep(world.session, NOW + timedelta(hours=72)) == 1
    states = sorted(s.value for s in await world.session.scalars(select(OutboundMessage.state)))
    assert states == ["cancelled", "expired"]


async def test_a_row_being_sent_at_its_expiry_is_left_to_its_sender(world: World) -> None:
    """A message that reached its reader just before its expiry is recorded as sent."""
    await _logged(world)
    expiry = NOW + timedelta(hours=72)
    sending, idle = await _claim(world, expiry - timedelta(seconds=5))
    await world.session.execute(  # the other one's sender died: its lease lapsed
        update(OutboundMessage).where(OutboundMessage.id == idle.id)
        .values(lease_owner=None, lease_until=None)
    )
    assert await sweep(world.session, expiry + timedelta(seconds=1)) == 1
    assert await mark_sent(world.session, sending.id, message_id=77, now=expiry)
    states = dict((await world.session.execute(
        select(OutboundMessage.id, OutboundMessage.state))).all())
    assert states[sending.id] == OutboundState.SENT and states[idle.id] == OutboundState.EXPIRED


async def test_passing_failures_back_off_and_end_after_max_attempts(world: World) -> None:
    await _logged(world)
    row = (await _claim(world, NOW))[0]
    moment = NOW
    for attempt in range(1, MAX_ATTEMPTS):
        await retry_later(world.session, row.id, now=moment, reason="NetworkError")
        await world.session.refresh(row)
        assert row.attempts == attempt and row.state == OutboundState.PENDING
        assert row.next_attempt_at is not None and row.next_attempt_at > moment
        assert row.id not in {r.id for r in await _claim(world, moment)}
        moment = row.next_attempt_at
        assert row.id in {r.id for r in await _claim(world, moment)}
    await retry_later(world.session, row.id, now=moment, reason="NetworkError")
    await world.session.refresh(row)
    assert row.state == OutboundState.FAILED and row.failure == "gave up: NetworkError"


async def test_a_429_waits_at_least_its_retry_after(world: World) -> None:
    await _logged(world)
    row = (await _claim(world, NOW))[0]
    await retry_later(world.session, row.id, now=NOW, reason="429", retry_after=30)
    await world.session.refresh(row)
    assert row.next_attempt_at == NOW + timedelta(seconds=30)


async def test_a_permanent_refusal_is_never_retried(world: World) -> None:
    await _logged(world)
    row = (await _claim(world, NOW))[0]
    await mark_failed(world.session, row.id, "Bad Request: message is too long")
    await world.session.refresh(row)
    assert (row.state, row.failure) == (OutboundState.FAILED, "Bad Request: message is too long")
    assert row.id not in {r.id for r in await _claim(world, NOW + timedelta(days=1))}


async def test_a_sent_prompt_queues_its_reminder_and_a_late_send_moves_it(world: World) -> None:
    _, (coachee, coach) = await _logged(world)
    await prompt_sent(world.session, coachee.id, 1, NOW + timedelta(hours=10))
    assert coachee.reminder_due_at == NOW + timedelta(hours=34)
    await prompt_sent(world.session, coach.id, 2, NOW + timedelta(hours=50))
    assert coach.reminder_due_at is None
    reminders = list(await world.session.scalars(
        select(OutboundMessage).where(OutboundMessage.kind == OutboundKind.REMINDER)
    ))
    assert [(r.prompt_id, r.due_at) for r in reminders] == [(coachee.id, coachee.reminder_due_at)]
    await prompt_sent(world.session, coachee.id, 1, NOW + timedelta(hours=10))  # a duplicate
    assert await world.session.scalar(
        select(OutboundMessage.id).where(OutboundMessage.key == f"reminder:{coachee.id}")
    ) == reminders[0].id


async def test_expired_prompts_close_their_queued_messages(world: World) -> None:
    _, (coachee, coach) = await _logged(world)
    await prompt_sent(world.session, coachee.id, 7, NOW)
    expiry = NOW + timedelta(hours=72)
    assert await close_expired_prompts(world.session, expiry - timedelta(seconds=1)) == []
    closed = await close_expired_prompts(world.session, expiry)
    assert [(d.prompt.id, d.prompt.telegram_message_id) for d in closed] == [(coachee.id, 7)]
    assert coach.state == PromptState.EXPIRED
    pending = await world.session.scalar(
        select(OutboundMessage.id).where(OutboundMessage.state == OutboundState.PENDING)
    )
    assert pending is None


async def _nudged(world: World) -> tuple[Pair, OutboundMessage]:
    pair = await make_pair(world)
    for week in (0, 1):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
    row = await world.session.scalar(
        select(OutboundMessage).where(OutboundMessage.kind == OutboundKind.NUDGE)
    )
    assert row is not None
    return pair, row


async def test_a_nudge_is_queued_once_with_an_expiry_and_held_in_quiet_hours(
    world: World,
) -> None:
    pair, row = await _nudged(world)
    assert row.recipient_id == pair.coach.id and row.expires_at is not None
    assert row.id not in {r.id for r in await _claim(world, NIGHT)}
    assert row.id in {r.id for r in await _claim(world, NOW)}


async def test_a_nudge_goes_stale_once_a_later_session_is_held(world: World) -> None:
    pair, row = await _nudged(world)
    assert row.nudge_id is not None
    delivery = await nudge_delivery(world.session, row.nudge_id)
    assert delivery is not None and delivery.stale is None
    await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id,
                               now=NOW + timedelta(days=14))
    delivery = await nudge_delivery(world.session, row.nudge_id)
    assert delivery is not None and delivery.stale == "a later session was held"


async def test_an_unreachable_person_is_marked_once_with_an_audit_event(world: World) -> None:
    pair = await make_pair(world)
    assert await mark_unreachable(world.session, pair.coachee.id)
    assert not await mark_unreachable(world.session, pair.coachee.id)
    await world.session.refresh(pair.coachee)
    assert pair.coachee.state == PersonState.UNREACHABLE
    events = list(await world.session.scalars(
        select(AuditEvent.subject).where(AuditEvent.action == "person_unreachable")
    ))
    assert events == [f"person:{pair.coachee.id}"]
