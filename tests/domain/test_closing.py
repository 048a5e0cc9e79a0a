"""Closing a program: who is asked what, once, and when the end date has come."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from alliance.core.models import (
    Dyad,
    Person,
    PersonState,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from alliance.delivery.queue_model import OutboundKind, OutboundMessage
from alliance.programs.closing import close_due_programs, close_program
from tests.baselines import baseline_of
from tests.domain.conftest import World


async def _baseline(world: World, program: Program, coachee: Person, dyad: Dyad | None,
                    *, answered: bool = True) -> Prompt:
    return await baseline_of(world.session, program, coachee.id, dyad.id if dyad else None,
                             world.now, answer=7 if answered else None)


async def _prompts(world: World) -> list[tuple[PromptKind, int, int | None]]:
    rows = await world.session.scalars(
        select(Prompt).where(Prompt.kind != PromptKind.BASELINE_SE).order_by(Prompt.id)
    )
    return [(p.kind, p.recipient_id, p.dyad_id) for p in rows]


async def test_closing_asks_each_coachee_once_and_each_coach_once_per_dyad(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    first, first_dyad = await world.enrolled(program, Role.COACHEE, "Cam", coach)
    second, second_dyad = await world.enrolled(program, Role.COACHEE, "Ari", coach)
    assert first_dyad and second_dyad
    await _baseline(world, program, first, first_dyad)
    await _baseline(world, program, second, second_dyad)

    result = await close_program(world.session, program.id, world.now, actor_id=None)

    assert program.status == ProgramStatus.CLOSED and program.closed_at == world.now
    assert (result.final_questionnaires, result.end_ratings) == (2, 2)
    assert sorted(await _prompts(world)) == sorted([
        (PromptKind.FINAL_SE, first.id, first_dyad.id),
        (PromptKind.FINAL_SE, second.id, second_dyad.id),
        (PromptKind.END_ALLIANCE, coach.id, first_dyad.id),
        (PromptKind.END_ALLIANCE, coach.id, second_dyad.id),
    ])
    instruments = set(await world.session.scalars(select(Prompt.instrument_id)))
    assert instruments == {"self_efficacy", "end_alliance"}


async def test_people_who_never_joined_or_were_erased_are_not_asked(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    invited = await world.invite(program, Role.COACHEE, "Not yet", coach)
    erased, _ = await world.enrolled(program, Role.COACHEE, "Gone", coach)
    erased.state = PersonState.ERASED

    result = await close_program(world.session, program.id, world.now)

    assert result.final_questionnaires == 0
    assert all(recipient not in (invited.person.id, erased.id)
               for _, recipient, _ in await _prompts(world))


async def test_closing_twice_asks_nobody_twice(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    coachee, dyad = await world.enrolled(program, Role.COACHEE, "Cam", coach)
    await _baseline(world, program, coachee, dyad)
    await close_program(world.session, program.id, world.now)
    notices = await _notices(world)

    again = await close_program(world.session, program.id, world.now + timedelta(hours=1))

    assert again.already_closed
    assert len(await _prompts(world)) == 2
    assert await _notices(world) == notices and len(notices) == 2


async def _notices(world: World) -> list[tuple[int, str]]:
    rows = await world.session.scalars(
        select(OutboundMessage).where(OutboundMessage.kind == OutboundKind.NOTICE)
        .order_by(OutboundMessage.id))
    return [(row.recipient_id, row.payload["text"]) for row in rows]


async def test_a_coachee_without_an_answered_baseline_is_not_asked_the_final(
    world: World,
) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    answered, answered_dyad = await world.enrolled(program, Role.COACHEE, "Cam", coach)
    still_open, open_dyad = await world.enrolled(program, Role.COACHEE, "Ari", coach)
    await _baseline(world, program, answered, answered_dyad)
    baseline = await _baseline(world, program, still_open, open_dyad, answered=False)

    result = await close_program(world.session, program.id, world.now)

    assert (result.final_questionnaires, result.without_baseline) == (1, 1)
    assert (result.baselines_closed, result.end_ratings, result.told) == (1, 2, 3)
    finals = [r for k, r, _ in await _prompts(world) if k == PromptKind.FINAL_SE]
    assert finals == [answered.id]
    await world.session.refresh(baseline)
    assert baseline.expires_at == world.now and baseline.state == PromptState.PENDING
    assert sorted(await _notices(world)) == sorted([
        (coach.id, "closing.notice_rating"), (answered.id, "closing.notice_final"),
        (still_open.id, "closing.notice"),
    ])


async def test_the_final_stays_open_for_the_programs_closing_window(world: World) -> None:
    program = await world.program()
    program.final_window_days = 10
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    coachee, dyad = await world.enrolled(program, Role.COACHEE, "Cam", coach)
    await _baseline(world, program, coachee, dyad)

    await close_program(world.session, program.id, world.now)

    final = await world.session.scalar(select(Prompt).where(Prompt.kind == PromptKind.FINAL_SE))
    assert final is not None and final.expires_at == world.now + timedelta(days=10)


async def test_programs_close_on_their_end_date_in_their_own_time_zone(world: World) -> None:
    ends = date(2027, 6, 30)
    auckland = await world.program("Auckland", timezone="Pacific/Auckland", end=ends)
    vancouver = await world.program("Vancouver", timezone="America/Vancouver", end=ends)
    # 2027-06-29 20:00 UTC: already the 30th in Auckland, still the 29th in Vancouver.
    moment = datetime.fromisoformat("2027-06-29T20:00:00+00:00")

    closed = await close_due_programs(world.session, moment)

    assert closed == [auckland.id]
    assert vancouver.status == ProgramStatus.ACTIVE
    assert await close_due_programs(world.session, moment + timedelta(hours=12)) == [vancouver.id]
