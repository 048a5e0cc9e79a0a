"""A coachee's baseline questionnaire as enrolment schedules it, answered through the domain:
for tests of what closing does with coachees enrolled without going through `/start`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import Program, Prompt, PromptKind, Role
from alliance.enrolment.joining import BASELINE_STAGE
from alliance.questionnaires.checkins import current_step, record_answer
from alliance.questionnaires.kinds import instrument_id_for
from alliance.questionnaires.prompts import occasion_for_program, schedule_prompt
from alliance.questionnaires.windows import baseline_closes_at


async def baseline_of(
    session: AsyncSession, program: Program, coachee_id: int, dyad_id: int | None,
    now: datetime, *, answer: int | None = 7,
) -> Prompt:
    """The baseline, every item answered `answer` (None: left open)."""
    prompt = await schedule_prompt(
        session, program=program, kind=PromptKind.BASELINE_SE, recipient_id=coachee_id,
        side=Role.COACHEE, occasion=occasion_for_program(program.id, BASELINE_STAGE),
        due_at=now, instrument_id=instrument_id_for(PromptKind.BASELINE_SE), dyad_id=dyad_id,
        expires_at=baseline_closes_at(program, now),
    )
    while answer is not None and not (step := await current_step(session, prompt)).complete:
        assert step.index is not None
        await record_answer(session, prompt_id=prompt.id, person_id=coachee_id,
                            item_index=step.index, value=answer, now=now)
    return prompt
