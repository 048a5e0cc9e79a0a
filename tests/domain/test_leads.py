"""Lead actions are gated on leading that program, and an open one for changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.core.models import Membership, ProgramStatus, Role
from alliance.programs.leads import LeadError, create_led_program, invite_to_program, lead_program
from tests.domain.conftest import World


async def test_only_the_programs_leads_pass_the_gate(world: World) -> None:
    program, other = await world.program("Mine"), await world.program("Theirs")
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")
    coach, _ = await world.enrolled(program, Role.COACH, "Cole")

    assert (await lead_program(world.session, lead.id, program.id)).id == program.id
    with pytest.raises(LeadError, match="not_lead"):
        await lead_program(world.session, lead.id, other.id)
    with pytest.raises(LeadError, match="not_lead"):
        await lead_program(world.session, coach.id, program.id)


async def test_a_closed_program_takes_no_more_invitations(world: World) -> None:
    program = await world.program()
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")
    program.status = ProgramStatus.CLOSED

    with pytest.raises(LeadError, match="program_closed"):
        await invite_to_program(world.session, world.settings, lead_id=lead.id,
                                program_id=program.id, role=Role.COACH, name="Cole",
                                now=world.now)


async def test_leads_invite_only_coaches_and_coachees(world: World) -> None:
    program = await world.program()
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")

    with pytest.raises(LeadError, match="role"):
        await invite_to_program(world.session, world.settings, lead_id=lead.id,
                                program_id=program.id, role=Role.LEAD, name="Other",
                                now=world.now)


async def test_the_creator_of_a_program_leads_it(world: World) -> None:
    program = await world.program()
    lead, _ = await world.enrolled(program, Role.LEAD, "Lea")

    created = await create_led_program(world.session, world.settings, lead_id=lead.id,
                                       name="Summit", timezone="Europe/Paris",
                                       start=world.now.date())

    roles = await world.session.scalars(
        select(Membership.role).where(Membership.program_id == created.id,
                                      Membership.person_id == lead.id)
    )
    assert list(roles) == [Role.LEAD]
    assert (created.end_date - created.start_date).days > 200
