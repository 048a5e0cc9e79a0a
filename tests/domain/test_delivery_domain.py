"""Delivery's database side: claims taken once (and again after their lease), quiet hours, who
may be written to, expiry, reminders, nudges, unreachable people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from alliance.delivery import (
    CLAIM_LEASE,
    claim_due_nudges,
    claim_due_prompts,
    claim_due_reminders,
    expire_due_prompts,
    mark_prompt_sent,
    mark_unreachable,
    release_prompt_claim,
)
from alliance.models import AuditEvent, PersonState, Prompt, PromptKind, PromptState
from alliance.nudges import decide_for_session
from alliance.sessions import log_session_by_coach
from tests.domain.conftest import NOW, World
from tests.domain.test_nudges_domain import COACH_HIGH, COACHEE_LOWER, _session
from tests.domain.test_sessions_domain import Pair, make_pair, prompts

NIGHT = datetime(2027, 1, 12, 3, 30, tzinfo=UTC)  # 22:30 in Montreal


async def _logged(world: World, when: datetime = NOW) -> tuple[Pair, list[Prompt]]:
    pair = await make_pair(world)
    await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id, now=when)
    return pair, await prompts(world.session, PromptKind.CHECKIN)


async def test_a_due_prompt_is_claimed_once_until_its_lease_runs_out(world: World) -> None:
    _, checkins = await _logged(world)
    claimed = await claim_due_prompts(world.session, NOW)
    assert [d.prompt.id for d in claimed] == [p.id for p in checkins]
    assert {d.prompt.claimed_at for d in claimed} == {NOW}
    assert claimed[0].partner_name == "Claire" and claimed[1].partner_name == "Alice"
    assert claimed[1].coaching_session is not None and claimed[1].coaching_session.sequence == 1
    assert await claim_due_prompts(world.session, NOW + CLAIM_LEASE) == []
    retaken = await claim_due_prompts(world.session, NOW + CLAIM_LEASE + timedelta(seconds=1))
    assert len(retaken) == 2


async def test_a_sent_prompt_is_not_claimed_again_and_a_released_one_is(world: World) -> None:
    _, (coachee, coach) = await _logged(world)
    await claim_due_prompts(world.session, NOW)
    await mark_prompt_sent(world.session, coachee.id, 41, NOW)
    await release_prompt_claim(world.session, coach.id)
    assert (coachee.state, coachee.telegram_message_id, coachee.sent_at) == (
        PromptState.SENT, 41, NOW
    )
    assert [d.prompt.id for d in await claim_due_prompts(world.session, NOW)] == [coach.id]


async def test_nothing_is_claimed_during_quiet_hours(world: World) -> None:
    await _logged(world, NIGHT)
    assert await claim_due_prompts(world.session, NIGHT) == []
    morning = datetime(2027, 1, 12, 13, 0, tzinfo=UTC)  # 8:00
    assert len(await claim_due_prompts(world.session, morning)) == 2


async def test_paused_unreachable_and_erased_people_are_skipped(world: World) -> None:
    pair, _ = await _logged(world)
    for state in (PersonState.PAUSED, PersonState.UNREACHABLE, PersonState.ERASED):
        pair.coachee.state = state
        claimed = await claim_due_prompts(world.session, NOW)
        assert [d.recipient.id for d in claimed] == [pair.coach.id], state
        await release_prompt_claim(world.session, claimed[0].prompt.id)


async def test_a_late_send_moves_the_reminder_unless_it_would_come_after_expiry(
    world: World,
) -> None:
    _, (coachee, coach) = await _logged(world)
    await mark_prompt_sent(world.session, coachee.id, 1, NOW + timedelta(hours=10))
    assert coachee.reminder_due_at == NOW + timedelta(hours=34)
    await mark_prompt_sent(world.session, coach.id, 2, NOW + timedelta(hours=50))
    assert coach.reminder_due_at is None


async def test_a_reminder_is_claimed_once_and_only_for_open_prompts(world: World) -> None:
    _, (coachee, coach) = await _logged(world)
    for prompt in (coachee, coach):
        await mark_prompt_sent(world.session, prompt.id, prompt.id, NOW)
    coach.state = PromptState.ANSWERED
    day_later = NOW + timedelta(hours=24)
    assert await claim_due_reminders(world.session, day_later - timedelta(seconds=1)) == []
    reminded = await claim_due_reminders(world.session, day_later)
    assert [d.prompt.id for d in reminded] == [coachee.id]
    assert await claim_due_reminders(world.session, day_later + timedelta(hours=1)) == []


async def test_expired_prompts_close_and_only_sent_ones_need_their_message_edited(
    world: World,
) -> None:
    _, (coachee, coach) = await _logged(world)
    await mark_prompt_sent(world.session, coachee.id, 7, NOW)
    expiry = NOW + timedelta(hours=72)
    assert await expire_due_prompts(world.session, expiry - timedelta(seconds=1)) == []
    assert await claim_due_prompts(world.session, expiry) == []  # too late to send it now
    closed = await expire_due_prompts(world.session, expiry)
    assert [(d.prompt.id, d.prompt.telegram_message_id) for d in closed] == [(coachee.id, 7)]
    assert closed[0].prompt.state == PromptState.EXPIRED
    states = set(await world.session.scalars(select(Prompt.state)))
    assert states == {PromptState.EXPIRED} and coach.state == PromptState.EXPIRED
    assert await expire_due_prompts(world.session, expiry) == []


async def test_a_nudge_is_claimed_once_outside_quiet_hours(world: World) -> None:
    pair = await make_pair(world)
    for week in (0, 1):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
    assert await claim_due_nudges(world.session, NIGHT) == []
    (claimed,) = await claim_due_nudges(world.session, NOW)
    assert (claimed.coach.id, claimed.coachee_name, claimed.sequence) == (pair.coach.id,
                                                                           "Alice", 2)
    assert await claim_due_nudges(world.session, NOW) == []


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
