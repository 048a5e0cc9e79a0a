"""The outbound queue under Telegram's refusals, injected by the emulator: 429 with retry_after,
5xx, 403 and calls that time out, on every kind of queued message. Nothing is lost, nothing is
sent more than the faults allow, and the loop neither spins nor stalls."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from alliance.core.models import (
    Comment,
    Nudge,
    NudgeDecision,
    Person,
    PersonState,
    Prompt,
    PromptKind,
    Role,
)
from alliance.delivery.queue import MAX_ATTEMPTS, enqueue
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.sessions.records import dyads_coached_by, log_session_by_coach
from tests.e2e.draining import PASSING_FAULTS, deliver_until_quiet
from tests.e2e.dyads import Dyad, enrolled_dyad, prompt_of
from tests.e2e.harness import BotHarness

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

# What each person must see once the faults have passed, by text that only that message has.
COACHEE_SEES = ["Session check-in", "Claire did not confirm", "Reminder:"]
COACH_SEES = ["Session check-in", "chose to share a comment", "A moment to verify", "Reminder:"]


async def _queue_every_kind(bot: BotHarness, dyad: Dyad) -> None:
    """Check-ins for both, a notice, a nudge and a shared comment, queued while faults wait."""
    now = bot.clock.now()
    async with bot.db() as db:
        view = (await dyads_coached_by(db, dyad.coach_id))[0]
        held = await log_session_by_coach(db, view=view, actor_id=dyad.coach_id, now=now)
        coachee_prompt = await db.scalar(select(Prompt).where(
            Prompt.session_id == held.id, Prompt.side == Role.COACHEE))
        assert coachee_prompt is not None
        decision = NudgeDecision(dyad_id=dyad.dyad_id, session_id=held.id, fired=True,
                                 rule="overestimation", details={}, created_at=now)
        db.add(decision)
        comment = Comment(prompt_id=coachee_prompt.id, author_id=dyad.coachee_id,
                          text="private words", shared=True, shared_at=now)
        db.add(comment)
        await db.flush()
        nudge = Nudge(decision_id=decision.id, dyad_id=dyad.dyad_id, session_id=held.id,
                      coach_id=dyad.coach_id, rule="overestimation", kind="verify",
                      numbers={}, due_at=now, created_at=now)
        db.add(nudge)
        await db.flush()
        await enqueue(db, kind=OutboundKind.NUDGE, key=f"nudge:{nudge.id}",
                      recipient_id=dyad.coach_id, due_at=now, program_id=dyad.program_id,
                      nudge_id=nudge.id, session_id=held.id)
        await enqueue(db, kind=OutboundKind.SHARED_COMMENT, key=f"comment:{comment.id}",
                      recipient_id=dyad.coach_id, due_at=now, program_id=dyad.program_id,
                      comment_id=comment.id, session_id=held.id)
        await enqueue(db, kind=OutboundKind.NOTICE, key="notice:test",
                      recipient_id=dyad.coachee_id, due_at=now, program_id=dyad.program_id,
                      payload={"text": "session.coachee_not_confirmed",
                               "names": {"coach": dyad.coach_id}})


async def _seen(user: Any, needles: list[str]) -> dict[str, int]:
    texts = [m.get("text") or "" for m in await user.messages()]
    return {needle: sum(needle in text for text in texts) for needle in needles}


async def _everything_arrives(
    bot: BotHarness, dyad: Dyad, duplicates_allowed: int, replies: int = 0
) -> None:
    await deliver_until_quiet(bot)
    bot.advance(hours=24, minutes=1)  # the reminders of both check-ins
    await deliver_until_quiet(bot)
    coachee = await _seen(dyad.coachee, COACHEE_SEES)
    coach = await _seen(dyad.coach, COACH_SEES)
    assert all(n >= 1 for n in coachee.values()), coachee
    assert all(n >= 1 for n in coach.values()), coach
    extra = len(await dyad.coachee.messages()) - 3 + len(await dyad.coach.messages()) - 4 - replies
    assert 0 <= extra <= duplicates_allowed, (coachee, coach)
    async with bot.db() as db:
        rows = list(await db.scalars(select(OutboundMessage)))
    assert {r.state for r in rows} == {OutboundState.SENT}, [(r.kind, r.state) for r in rows]
    assert max(r.attempts for r in rows) <= MAX_ATTEMPTS
    assert {r.kind for r in rows} == {
        OutboundKind.PROMPT, OutboundKind.REMINDER, OutboundKind.NUDGE,
        OutboundKind.SHARED_COMMENT, OutboundKind.NOTICE,
    }


@PASSING_FAULTS
async def test_passing_faults_on_every_kind_lose_nothing(
    bot: BotHarness, fault: dict[str, Any], duplicates: int
) -> None:
    dyad = await enrolled_dyad(bot)
    await bot.client.config(faults=[{"method": "*", **fault}])
    await _queue_every_kind(bot, dyad)
    await _everything_arrives(bot, dyad, duplicates)
    calls = (await bot.client.stats())["calls"]
    sends = calls.get("sendMessage", 0)
    assert sends <= 8 + fault["count"] + duplicates  # the loop did not spin


async def test_a_blocked_recipient_gets_everything_once_they_write_again(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    await bot.client.config(faults=[{"method": "sendMessage", "code": 403, "count": 1}])
    await _queue_every_kind(bot, dyad)
    await bot.dispatch()
    async with bot.db() as db:
        states = set(await db.scalars(select(Person.state)))
    assert PersonState.UNREACHABLE in states
    for user in (dyad.coach, dyad.coachee):
        await user.send("/help")
        await user.expect("")
    await _everything_arrives(bot, dyad, 0, replies=2)  # the answers to /help


async def test_a_row_that_cannot_be_worded_fails_alone(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await bot.stop_bot()
    await _queue_every_kind(bot, dyad)
    broken = await prompt_of(bot, PromptKind.CHECKIN, Role.COACH)
    async with bot.db() as db:  # as if the check-in's instrument file had moved
        await db.execute(update(Prompt).where(Prompt.id == broken.id)
                         .values(instrument_id="/nowhere/moved.yaml"))
    await bot.start_bot()
    await bot.dispatch()
    async with bot.db() as db:
        rows = list(await db.scalars(select(OutboundMessage)))
    (failed,) = [r for r in rows if r.prompt_id == broken.id]
    assert failed.state == OutboundState.FAILED
    assert (failed.failure or "").startswith("render:")
    due_now = [r for r in rows if r is not failed and r.kind != OutboundKind.REMINDER]
    assert {r.state for r in due_now} == {OutboundState.SENT}
    await dyad.coachee.expect("Session check-in")
    bot.advance(minutes=10)
    await bot.dispatch()
    async with bot.db() as db:
        attempts = await db.scalar(select(OutboundMessage.attempts).where(
            OutboundMessage.prompt_id == broken.id))
    assert attempts == 1  # failed once, never tried again
