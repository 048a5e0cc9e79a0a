"""Participation counts for the lead: totals always, breakdowns only over five dyads or more."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Nudge,
    NudgeDecision,
    NudgeOutcome,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.programs.participation import PromptTally, participation_summary
from tests.domain.conftest import World


async def _session_with(
    world: World, program: Program, dyad: Dyad, states: dict[Role, PromptState],
    nudge: NudgeOutcome | None = None, *, compared: bool = False,
) -> None:
    """A held session with check-ins in these states; a decision if `compared` or nudged."""
    session: AsyncSession = world.session
    held = CoachingSession(dyad_id=dyad.id, status=SessionStatus.HELD, held_at=world.now)
    session.add(held)
    await session.flush()
    for side, state in states.items():
        recipient = dyad.coach_id if side == Role.COACH else dyad.coachee_id
        session.add(Prompt(kind=PromptKind.CHECKIN, occasion=f"session:{held.id}",
                           recipient_id=recipient, program_id=program.id, session_id=held.id,
                           side=side, state=state, due_at=world.now))
    if nudge is None and compared:
        session.add(NudgeDecision(dyad_id=dyad.id, session_id=held.id, fired=False))
    if nudge is not None:
        decision = NudgeDecision(dyad_id=dyad.id, session_id=held.id, fired=True, rule="rupture")
        session.add(decision)
        await session.flush()
        session.add(Nudge(decision_id=decision.id, dyad_id=dyad.id, session_id=held.id,
                          coach_id=dyad.coach_id, rule="rupture", kind="check_in",
                          due_at=world.now, sent_at=world.now, outcome=nudge))
    await session.flush()


async def _program_with_dyads(world: World, count: int) -> tuple[Program, list[Dyad]]:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    dyads = []
    for index in range(count):
        _, dyad = await world.enrolled(program, Role.COACHEE, f"Coachee {index}", coach)
        assert dyad is not None
        dyads.append(dyad)
    return program, dyads


async def test_people_are_counted_by_role_and_invitations_apart(world: World) -> None:
    program = await world.program()
    await world.enrolled(program, Role.LEAD, "Lea")
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")
    await world.invite(program, Role.COACHEE, "Not yet", coach)

    summary = await participation_summary(world.session, program.id)

    assert {role: (c.enrolled, c.invited) for role, c in summary.people.items()} == {
        Role.LEAD: (1, 0), Role.COACH: (1, 0), Role.COACHEE: (0, 1)
    }
    assert summary.dyads == 1


async def test_four_dyads_show_totals_but_no_breakdown(world: World) -> None:
    program, dyads = await _program_with_dyads(world, 4)
    for dyad in dyads:
        await _session_with(world, program, dyad,
                            {Role.COACHEE: PromptState.ANSWERED, Role.COACH: PromptState.EXPIRED},
                            NudgeOutcome.TALKED)

    summary = await participation_summary(world.session, program.id)

    assert summary.checkins == PromptTally(asked=8, answered=4, expired=4)
    assert summary.checkins_by_role == {Role.COACHEE: None, Role.COACH: None}
    assert summary.nudges_sent is None and summary.nudge_outcomes is None


async def test_nudges_are_withheld_until_five_dyads_were_compared(world: World) -> None:
    program, dyads = await _program_with_dyads(world, 5)
    await _session_with(world, program, dyads[0],
                        {Role.COACHEE: PromptState.ANSWERED, Role.COACH: PromptState.ANSWERED},
                        NudgeOutcome.TALKED)

    summary = await participation_summary(world.session, program.id)

    assert summary.nudges_sent is None and summary.nudge_outcomes is None
    assert summary.checkins == PromptTally(asked=2, answered=2, expired=0)


async def test_nudge_count_shows_over_five_compared_dyads_outcomes_over_five_nudged(
    world: World,
) -> None:
    program, dyads = await _program_with_dyads(world, 5)
    both = {Role.COACHEE: PromptState.ANSWERED, Role.COACH: PromptState.ANSWERED}
    for index, dyad in enumerate(dyads):
        await _session_with(world, program, dyad, both,
                            NudgeOutcome.TALKED if index < 2 else None, compared=True)

    summary = await participation_summary(world.session, program.id)

    assert summary.nudges_sent == 2 and summary.nudge_outcomes is None


async def test_five_dyads_show_the_breakdowns(world: World) -> None:
    program, dyads = await _program_with_dyads(world, 5)
    for index, dyad in enumerate(dyads):
        await _session_with(
            world, program, dyad,
            {Role.COACHEE: PromptState.ANSWERED,
             Role.COACH: PromptState.SENT if index == 0 else PromptState.ANSWERED},
            NudgeOutcome.TALKED if index % 2 else NudgeOutcome.NOT_NOW,
        )
    await _session_with(world, program, dyads[0], {Role.COACHEE: PromptState.PENDING})

    summary = await participation_summary(world.session, program.id)

    assert summary.checkins_by_role[Role.COACHEE] == PromptTally(5, 5, 0)
    coach = summary.checkins_by_role[Role.COACH]
    assert coach == PromptTally(5, 4, 0) and coach.waiting == 1 and coach.rate == 0.8
    assert summary.nudge_outcomes == {
        NudgeOutcome.PENDING: 0, NudgeOutcome.WILL_ASK: 0, NudgeOutcome.TALKED: 2,
        NudgeOutcome.NOT_NOW: 3,
    }


async def test_a_program_with_nothing_sent_has_no_rate(world: World) -> None:
    program = await world.program()

    summary = await participation_summary(world.session, program.id)

    assert summary.checkins == PromptTally() and summary.checkins.rate is None
