"""The lead's /report summary through the emulator, in a program with the relationship modules
on: their lines are there, and with one dyad they say "too few pairs", never a figure."""

from __future__ import annotations

import asyncio
import re

from alliance.core.models import Role
from alliance.programs.setup import ProgramOptions
from bot.demo.actors import answer_questionnaire
from tests.e2e.dyads import log_session
from tests.e2e.harness import BotHarness
from tests.e2e.people import enrol

MODULES = ProgramOptions(modules=("similarity", "five_attributes"))


async def test_the_summary_has_the_module_lines_and_withholds_their_figures(
    bot: BotHarness,
) -> None:
    program_id = await bot.program(options=MODULES)
    lead, coach, coachee = [await bot.user(name) for name in ("Lea", "Cole", "Cam")]
    await enrol(bot, lead, await bot.invite(program_id, Role.LEAD, "Lea Lead"))
    coach_invite = await bot.invite(program_id, Role.COACH, "Cole Coach")
    await enrol(bot, coach, coach_invite)
    await enrol(bot, coachee, await bot.invite(program_id, Role.COACHEE, "Cam Coachee",
                                               coach_id=coach_invite.person.id))
    await answer_questionnaire(coachee, [5, 6, 5, 6, 5, 6, 5])
    await log_session(coach)
    await asyncio.gather(answer_questionnaire(coach, [9, 9, 8, 9, 8]),
                         answer_questionnaire(coachee, [3, 2, 3, 2]))
    await lead.send("/report")
    summary = await lead.expect("program report", timeout=60)
    lines = summary["text"].splitlines()
    similarity = [line for line in lines if line.startswith("• Pair similarity")]
    attributes = [line for line in lines if line.startswith("• Five coach attributes")]
    assert similarity == ["• Pair similarity: no pair has similarity fields in the roster."]
    assert attributes == ["• Five coach attributes: too few pairs answered yet (0; shown from "
                          "5)."]
    assert not re.search(r"\d[.,]\d", similarity[0] + attributes[0])
