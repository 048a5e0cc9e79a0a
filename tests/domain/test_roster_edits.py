"""A lead's roster corrections: renaming, re-pairing, and what re-pairing does to open work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Invite,
    Nudge,
    NudgeDecision,
    Role,
    SessionStatus,
)
from alliance.delivery.effects import nudge_delivery
from alliance.enrolment.invite_admin import resend_invite
from alliance.enrolment.roster_edits import rename_person, repair_coachee
from alliance.programs.leads import LeadError
from tests.domain.conftest import World


async def _program_with_two_coaches(world: World):  # type: ignore[no-untyped-def]
    program = await world.program()
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")
    cole, _ = await world.enrolled(program, Role.COACH, "Cole")
    dana, _ = await world.enrolled(program, Role.COACH, "Dana")
    return program, lead, cole, dana


async def test_a_name_with_only_control_characters_is_refused(world: World) -> None:
    program, lead, cole, _ = await _program_with_two_coaches(world)

    with pytest.raises(LeadError, match="bad_name"):
        await rename_person(world.session, lead_id=lead.id, program_id=program.id,
                            person_id=cole.id, name="\x00\x07\u202e")
    with pytest.raises(LeadError, match="not_lead"):
        await rename_person(world.session, lead_id=cole.id, program_id=program.id,
                            person_id=cole.id, name="Boss")
    assert cole.display_name == "Cole"


async def test_moving_back_resumes_the_earlier_pair(world: World) -> None:
    program, lead, cole, dana = await _program_with_two_coaches(world)
    cam, first = await world.enrolled(program, Role.COACHEE, "Cam", coach=cole)
    assert first is not None

    to_dana = await repair_coachee(world.session, lead_id=lead.id, program_id=program.id,
                                   coachee_id=cam.id, coach_id=dana.id, now=world.now)
    back = await repair_coachee(world.session, lead_id=lead.id, program_id=program.id,
                                coachee_id=cam.id, coach_id=cole.id,
                                now=world.now + timedelta(minutes=5))

    assert back.new_dyad.id == first.id and first.active
    assert not to_dana.new_dyad.active
    with pytest.raises(LeadError, match="same_coach"):
        await repair_coachee(world.session, lead_id=lead.id, program_id=program.id,
                             coachee_id=cam.id, coach_id=cole.id, now=world.now)


async def test_the_old_pairs_planned_sessions_and_unsent_nudges_stop(world: World) -> None:
    program, lead, cole, dana = await _program_with_two_coaches(world)
    cam, dyad = await world.enrolled(program, Role.COACHEE, "Cam", coach=cole)
    assert dyad is not None
    held = CoachingSession(dyad_id=dyad.id, status=SessionStatus.HELD, held_at=world.now,
                           sequence=1)
    planned = CoachingSession(dyad_id=dyad.id, status=SessionStatus.SCHEDULED,
                              scheduled_start=world.now, scheduled_end=world.now)
    world.session.add_all([held, planned])
    await world.session.flush()
    decision = NudgeDecision(dyad_id=dyad.id, session_id=held.id, fired=True, rule="ceiling")
    world.session.add(decision)
    await world.session.flush()
    nudge = Nudge(decision_id=decision.id, dyad_id=dyad.id, session_id=held.id,
                  coach_id=cole.id, rule="ceiling", kind="verify", due_at=world.now)
    world.session.add(nudge)
    await world.session.flush()

    await repair_coachee(world.session, lead_id=lead.id, program_id=program.id,
                         coachee_id=cam.id, coach_id=dana.id, now=world.now)

    await world.session.refresh(planned)
    await world.session.refresh(held)
    assert (held.status, planned.status) == (SessionStatus.HELD, SessionStatus.CANCELLED)
    delivery = await nudge_delivery(world.session, nudge.id)
    assert delivery is not None and delivery.stale == "the pair ended"


async def test_a_coachee_who_has_not_joined_yet_joins_the_new_pair(world: World) -> None:
    program, lead, cole, dana = await _program_with_two_coaches(world)
    issued = await world.invite(program, Role.COACHEE, "Cam", coach=cole)

    await repair_coachee(world.session, lead_id=lead.id, program_id=program.id,
                         coachee_id=issued.person.id, coach_id=dana.id, now=world.now)
    fresh = await resend_invite(world.session, lead_id=lead.id, invite_id=issued.invite.id,
                                ttl=timedelta(days=14), now=world.now)

    invites = list(await world.session.scalars(select(Invite).order_by(Invite.id)))
    assert {i.coach_id for i in invites if i.person_id == issued.person.id} == {dana.id}
    assert fresh.dyad is not None and fresh.dyad.coach_id == dana.id
    active = await world.session.scalar(select(Dyad).where(
        Dyad.coachee_id == issued.person.id, Dyad.active.is_(True)))
    assert active is not None and active.coach_id == dana.id
