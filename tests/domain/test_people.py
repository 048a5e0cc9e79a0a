"""A person's own settings: roles, language, pause and resume."""

from __future__ import annotations

import pytest

from alliance.core.models import PersonState, Role
from alliance.enrolment.people import PersonError, pause, resume, roles_of, set_language
from tests.domain.conftest import World


async def test_roles_come_lead_first_across_programs(world: World) -> None:
    first, second = await world.program("One"), await world.program("Two")
    coach, _ = await world.enrolled(first, Role.COACH, "Cole")
    person, _ = await world.enrolled(first, Role.COACHEE, "Lea", coach)
    await world.enrolled(second, Role.LEAD, "Lea", telegram_user_id=person.telegram_user_id)

    assert await roles_of(world.session, person.id) == [Role.LEAD, Role.COACHEE]
    assert await roles_of(world.session, coach.id) == [Role.COACH]


async def test_pause_and_resume_move_between_active_and_paused(world: World) -> None:
    program = await world.program()
    person, _ = await world.enrolled(program, Role.COACH, "Cole")

    pause(world.session, person)
    assert person.state == PersonState.PAUSED
    with pytest.raises(PersonError, match="already_paused"):
        pause(world.session, person)
    resume(world.session, person)
    assert person.state == PersonState.ACTIVE
    with pytest.raises(PersonError, match="not_paused"):
        resume(world.session, person)


async def test_only_supported_languages_are_accepted(world: World) -> None:
    program = await world.program()
    person, _ = await world.enrolled(program, Role.COACH, "Cole")

    set_language(world.session, person, "fr")
    assert person.language == "fr"
    with pytest.raises(PersonError):
        set_language(world.session, person, "de")
    assert person.language == "fr"
