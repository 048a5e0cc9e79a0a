"""The nudge decision runs after the answer has committed: a decision that fails never costs the
tap that completed the pair, and the delivery pass decides it once it can be decided."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select, update

from alliance.core.models import Answer, NudgeDecision, Prompt, PromptState, Role
from tests.e2e.dyads import (
    COACHEE_CHECKIN,
    answer_questionnaire,
    count,
    logged_session,
)
from tests.e2e.harness import BotHarness


async def test_a_decision_that_raises_leaves_the_completing_answer_stored_and_acknowledged(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    dyad = await logged_session(bot)
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    last = await answer_questionnaire(dyad.coach, [8, 8, 8, 8], first=1, total=5)
    async with bot.db() as session:  # a stored answer off the scale: the engine will raise
        coach_prompt = select(Prompt.id).where(Prompt.side == Role.COACH)
        await session.execute(
            update(Answer).where(Answer.prompt_id.in_(coach_prompt), Answer.item_id == "goal")
            .values(value=42)
        )

    await dyad.coach.press("8", last)
    await dyad.coach.expect_edit(last["message_id"], "your answers are saved")

    async with bot.db() as session:
        prompt = await session.scalar(select(Prompt).where(Prompt.side == Role.COACH))
        assert prompt is not None and prompt.state == PromptState.ANSWERED
        session_id = prompt.session_id
    assert await count(bot, Answer, Answer.prompt_id == prompt.id) == 5
    await bot.dispatch()  # the catch-up tries again and logs it again; nothing else breaks
    assert await count(bot, NudgeDecision) == 0
    assert f"nudge decision for session {session_id} failed: ValueError" in caplog.text
    await asyncio.sleep(0.2)
    assert "Sorry, something went wrong" not in await dyad.coach.all_text()

    async with bot.db() as session:  # once the row is mended, the next pass decides
        await session.execute(update(Answer).where(Answer.value == 42).values(value=8))
    await bot.dispatch()
    assert await count(bot, NudgeDecision) == 1
