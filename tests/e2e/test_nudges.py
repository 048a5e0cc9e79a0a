"""Nudges through the real bot: decided after every check-in pair, sent to the coach only when a
rule fires, answered with buttons — and never carrying anything of the coachee's."""

from __future__ import annotations

import re

from sqlalchemy import select

from alliance.core.models import Nudge, NudgeDecision, NudgeOutcome
from tests.e2e.dyads import Dyad, answer_questionnaire, count, enrolled_dyad, log_session
from tests.e2e.harness import BotHarness
from tests.waiting import eventually

COACH_HIGH = [9, 9, 9, 9, 8]  # goal, task, bond, overall, predicted coachee rating
COACHEE_LOWER = [7, 7, 7, 7]
COACH_AGREES = [8, 8, 8, 8, 8]
COACHEE_AGREES = [8, 8, 8, 8]
PRIVATE_COMMENT = "My manager keeps undermining me"


async def two_sessions(
    bot: BotHarness, coach_values: list[int], coachee_values: list[int], comment: str | None = None
) -> Dyad:
    """Two logged sessions a week apart; the coachee answers last (and may keep a comment)."""
    dyad = await enrolled_dyad(bot)
    for sequence in (1, 2):
        if sequence > 1:
            bot.advance(days=7)  # not after the last: its nudge lasts 7 days from then
        assert f"Session {sequence} with Alice is logged" in (await log_session(dyad.coach))["text"]
        await answer_questionnaire(dyad.coach, coach_values)
        done = await answer_questionnaire(dyad.coachee, coachee_values)
        if comment:
            await dyad.coachee.press("Add a comment", done)
            await dyad.coachee.send(f"{comment} ({sequence})")
            share = await dyad.coachee.expect("Share it with your coach?")
            await dyad.coachee.press("Keep private", share)
            await dyad.coachee.expect_edit(share["message_id"], "stays private")
        else:
            await dyad.coachee.press("Skip", done)
            await dyad.coachee.expect_edit(done["message_id"], "check-in is complete")
    await bot.dispatch()
    return dyad


async def test_a_verify_nudge_fires_when_the_coach_keeps_rating_above_the_coachee(
    bot: BotHarness,
) -> None:
    dyad = await two_sessions(bot, COACH_HIGH, COACHEE_LOWER)
    nudge = await dyad.coach.expect("A moment to verify, after session 2 with Alice")
    assert "What has been most useful in our work so far" in nudge["text"]
    assert "never a score of your performance" in nudge["text"]

    await dyad.coach.press("I'll ask", nudge)
    asked = await dyad.coach.expect_edit(nudge["message_id"], "Noted: you will ask.")
    await dyad.coach.press("We talked", asked)
    await dyad.coach.expect_edit(nudge["message_id"], "Noted: you talked.")
    async def nudge_sent() -> Nudge | None:  # the delivery loop records it just after sending
        async with bot.db() as session:
            sent = await session.scalar(select(Nudge))
        return sent if sent is not None and sent.sent_at is not None else None

    sent = await eventually(nudge_sent, "the nudge to be recorded as sent")
    async with bot.db() as session:
        decisions = list(await session.scalars(select(NudgeDecision).order_by(NudgeDecision.id)))
    assert [(d.fired, d.rule) for d in decisions] == [(False, None), (True, "overestimation")]
    assert decisions[1].details["nudge_kind"] == "verify"
    assert sent is not None and sent.outcome == NudgeOutcome.TALKED
    assert sent.outcome_at == bot.clock.now() and sent.sent_at is not None


async def test_no_nudge_when_the_two_views_agree(bot: BotHarness) -> None:
    dyad = await two_sessions(bot, COACH_AGREES, COACHEE_AGREES)
    assert await count(bot, NudgeDecision, NudgeDecision.fired.is_(False)) == 2
    assert await count(bot, Nudge) == 0
    assert "A moment to" not in await dyad.coach.all_text()


async def test_the_coach_sees_nothing_of_the_coachee_s_answers_or_comments(
    bot: BotHarness,
) -> None:
    dyad = await two_sessions(bot, COACH_HIGH, COACHEE_LOWER, comment=PRIVATE_COMMENT)
    await dyad.coach.expect("A moment to verify")
    seen_by_coach = await dyad.coach.all_text()
    assert PRIVATE_COMMENT not in seen_by_coach
    assert not re.search(r"\b7\b|7[.,]0", seen_by_coach)  # the coachee's ratings
    assert "what matters to me" not in seen_by_coach  # the coachee's own questions
    assert "Question" not in seen_by_coach  # only finished check-ins remain, without buttons
