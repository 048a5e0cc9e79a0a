"""The bot stopped and started again at awkward moments: nothing lost, nothing sent twice.

Counts are exact: each person's chat must hold precisely the messages the story calls for.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from alliance.core.models import Answer, Prompt, PromptState
from alliance.delivery.queue import LEASE, claim_due
from alliance.sessions.records import dyads_coached_by, log_session_by_coach
from tests.e2e.dyads import Dyad, answer_questionnaire, count, enrolled_dyad, log_session, progress
from tests.e2e.harness import BotHarness


async def _session_logged_while_the_bot_is_down(bot: BotHarness, dyad: Dyad) -> None:
    """What a crash right after the /session transaction committed leaves behind."""
    async with bot.db() as session:
        view = (await dyads_coached_by(session, dyad.coach_id))[0]
        await log_session_by_coach(session, view=view, actor_id=dyad.coach_id,
                                   now=bot.clock.now())


async def test_check_ins_of_a_session_logged_before_a_crash_arrive_once_after_restart(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    await bot.stop_bot()
    await _session_logged_while_the_bot_is_down(bot, dyad)
    await bot.start_bot()
    await dyad.coachee.expect(progress(1, 4))
    await dyad.coach.expect(progress(1, 5))
    await bot.dispatch()
    await bot.restart_bot()
    await bot.dispatch()
    assert len(await dyad.coachee.messages()) == 1
    assert len(await dyad.coach.messages()) == 1
    async with bot.db() as session:
        prompts = list(await session.scalars(select(Prompt)))
    assert {(p.state, p.telegram_message_id is not None) for p in prompts} == {
        (PromptState.SENT, True)
    }


async def test_a_check_in_half_answered_before_a_restart_continues_after_it(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    assert "Session 1 with Alice is logged" in (await log_session(dyad.coach))["text"]
    question = await answer_questionnaire(dyad.coachee, [3, 4], total=4)

    await bot.restart_bot()
    await bot.dispatch()
    done = await answer_questionnaire(dyad.coachee, [5, 6], question, first=3, total=4)
    assert "Would you like to add a comment?" in done["text"]
    async with bot.db() as session:
        values = list(await session.scalars(select(Answer.value).order_by(Answer.id)))
    assert values == [3.0, 4.0, 5.0, 6.0]
    assert len(await dyad.coachee.messages()) == 1
    assert len(await dyad.coach.messages()) == 2  # the reply to /session, the check-in


async def test_a_claim_left_by_a_crashed_pass_is_taken_again_after_its_lease(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    await bot.stop_bot()
    await _session_logged_while_the_bot_is_down(bot, dyad)
    async with bot.db() as session:  # a process claimed both prompts, then died before sending
        claimed = await claim_due(session, now=bot.clock.now(), owner="dead", limit=10)
        assert len(claimed) == 2
    await bot.start_bot()
    await bot.dispatch()
    assert await dyad.coachee.messages() == [] and await dyad.coach.messages() == []

    bot.clock.advance(LEASE + timedelta(seconds=1))
    await bot.dispatch()
    await dyad.coachee.expect(progress(1, 4))
    await dyad.coach.expect(progress(1, 5))
    await bot.dispatch()
    assert len(await dyad.coachee.messages()) == 1
    assert len(await dyad.coach.messages()) == 1
    assert await count(bot, Prompt, Prompt.state == PromptState.SENT) == 2
