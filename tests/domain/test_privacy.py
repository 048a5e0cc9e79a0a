"""Export and erasure: only one's own data goes out, and erasure leaves no identity behind."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from alliance.core.models import (
    Answer,
    Dyad,
    Invite,
    PersonState,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from alliance.privacy.rights import erase_person, export_person_data
from alliance.questionnaires.prompts import schedule_prompt
from tests.domain.conftest import World


async def _answered(world: World, program_id: int, recipient_id: int, side: Role,
                    value: float, kind: PromptKind = PromptKind.BASELINE_SE) -> Prompt:
    program = await world.session.get(Program, program_id)
    assert program is not None
    prompt = await schedule_prompt(world.session, program=program, kind=kind,
                                   recipient_id=recipient_id, side=side,
                                   occasion=f"test:{recipient_id}", due_at=world.now)
    world.session.add(Answer(prompt_id=prompt.id, item_id="q1", value=value))
    await world.session.flush()
    return prompt


async def test_the_export_holds_only_the_persons_own_answers(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    coachee, _ = await world.enrolled(program, Role.COACHEE, "Cam", coach)
    await _answered(world, program.id, coachee.id, Role.COACHEE, 9.5)
    await _answered(world, program.id, coach.id, Role.COACH, 1.5, PromptKind.END_ALLIANCE)

    exported = await export_person_data(world.session, coach.id, world.now)

    values = [a["answer"] for q in exported["questions"] for a in q["answers"]]
    assert values == [1.5]
    assert exported["dyads"][0]["your_role"] == "coach"
    assert "Cam" not in repr(exported)


async def test_erasure_removes_identity_and_answers_and_stops_everything(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    coachee, dyad = await world.enrolled(program, Role.COACHEE, "Cam", coach)
    assert dyad is not None
    dyad.similarity = {"same_gender": True}
    answered = await _answered(world, program.id, coachee.id, Role.COACHEE, 9.5)
    pending = await schedule_prompt(world.session, program=program, kind=PromptKind.FINAL_SE,
                                    recipient_id=coachee.id, side=Role.COACHEE,
                                    occasion="final", due_at=world.now + timedelta(days=1))
    unused = await world.invite(program, Role.COACHEE, "Cam again", coach)
    unused.invite.person_id = coachee.id
    telegram_id = coachee.telegram_user_id

    await erase_person(world.session, coachee.id, world.now)

    assert (coachee.state, coachee.display_name, coachee.telegram_user_id) == (
        PersonState.ERASED, None, None
    )
    assert list(await world.session.scalars(
        select(Answer).where(Answer.prompt_id == answered.id)
    )) == []
    await world.session.refresh(pending)
    assert pending.state == PromptState.CANCELLED
    refreshed = await world.session.get(Dyad, dyad.id, populate_existing=True)
    assert refreshed is not None and not refreshed.active and refreshed.similarity == {}
    invites = list(await world.session.scalars(select(Invite).execution_options(
        populate_existing=True)))
    assert all(i.used_by_telegram_id != telegram_id for i in invites)
    assert all(i.used_at is not None or i.expires_at <= world.now for i in invites
               if i.person_id == coachee.id)


async def test_erasing_twice_is_harmless(world: World) -> None:
    program = await world.program()
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")
    await erase_person(world.session, lead.id, world.now)

    await erase_person(world.session, lead.id, world.now)

    assert lead.state == PersonState.ERASED
