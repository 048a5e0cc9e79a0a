"""The five-attribute check through the bot: it reaches the coachee after their own midpoint and
is answered with buttons like any questionnaire."""

from __future__ import annotations

from datetime import timedelta

from alliance.core.models import Answer, Dyad, Person, Program, Prompt, PromptKind, PromptState
from alliance.programs.setup import ProgramOptions
from alliance.sessions.records import DyadView, log_session_by_coach
from tests.e2e.dyads import answer_questionnaire, count, enrolled_dyad
from tests.e2e.harness import BotHarness


async def test_the_check_reaches_the_coachee_after_the_midpoint_and_three_sessions(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot, options=ProgramOptions(modules=("five_attributes",)))
    async with bot.db() as db:
        program, row = await db.get(Program, dyad.program_id), await db.get(Dyad, dyad.dyad_id)
        coachee = await db.get(Person, dyad.coachee_id)
        assert program and row and coachee
        for week in range(3):
            await log_session_by_coach(db, view=DyadView(row, program, coachee),
                                       actor_id=dyad.coach_id,
                                       now=bot.clock.now() + timedelta(weeks=week))
    await bot.dispatch()
    assert await count(bot, Prompt, Prompt.kind == PromptKind.FIVE_ATTRIBUTES) == 0
    bot.advance(days=122)
    await bot.dispatch()
    message = await dyad.coachee.expect("How the coaching is going")
    await answer_questionnaire(dyad.coachee, [8, 6, 9, 7, 8], message)
    assert await count(bot, Prompt, Prompt.kind == PromptKind.FIVE_ATTRIBUTES,
                       Prompt.state == PromptState.ANSWERED) == 1
    assert await count(bot, Answer, Answer.item_id.in_(
        ("trust", "emotions", "communication", "learning", "contract"))) == 5
