"""The five-attribute check goes to each coachee after their own midpoint, once, each on its own."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.config import Settings
from alliance.core.db import transaction
from alliance.core.models import Dyad, Person, Program, Prompt, PromptKind, Role
from alliance.programs.setup import ProgramError, ProgramOptions, create_program
from alliance.questionnaires.attribute_checks import schedule_attribute_checks
from alliance.sessions.records import DyadView, log_session_by_coach
from tests.domain.conftest import NOW, World

BEFORE_MIDPOINT = NOW + timedelta(days=100)
AFTER_MIDPOINT = NOW + timedelta(days=122)  # the default program runs 243 days


async def _program(
    factory: async_sessionmaker[AsyncSession], settings: Settings, held: tuple[int, ...],
    **options: object,
) -> tuple[Program, dict[int, Person]]:
    """One coach, a coachee per entry of `held` with that many held sessions; coachees by count."""
    async with transaction(factory) as db:
        world = World(db, settings)
        program = await create_program(
            session=db, settings=settings, name="Leaders", start=NOW.date(),
            options=ProgramOptions(modules=("five_attributes",), **options),  # type: ignore[arg-type]
        )
        coach, _ = await world.enrolled(program, Role.COACH, "Claire")
        coachees: dict[int, Person] = {}
        for index, count in enumerate(held):
            coachee, dyad = await world.enrolled(program, Role.COACHEE, f"C{index}", coach=coach)
            assert dyad is not None
            await _hold(db, program, dyad, coachee, count, NOW)
            coachees[count] = coachee
    return program, coachees


async def _hold(db: AsyncSession, program: Program, dyad: Dyad, coachee: Person, count: int,
                start: datetime) -> None:
    for week in range(count):
        await log_session_by_coach(db, view=DyadView(dyad, program, coachee),
                                   actor_id=dyad.coach_id, now=start + timedelta(weeks=week))


async def _asked(factory: async_sessionmaker[AsyncSession]) -> list[Prompt]:
    async with transaction(factory) as db:
        return list(await db.scalars(
            select(Prompt).where(Prompt.kind == PromptKind.FIVE_ATTRIBUTES).order_by(Prompt.id)
        ))


async def test_only_coachees_with_three_held_sessions_are_asked_and_only_after_the_midpoint(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    _, coachees = await _program(session_factory, settings, held=(0, 2, 3))
    assert await schedule_attribute_checks(session_factory, BEFORE_MIDPOINT) == 0
    assert await schedule_attribute_checks(session_factory, AFTER_MIDPOINT) == 1
    (check,) = await _asked(session_factory)
    assert (check.recipient_id, check.due_at) == (coachees[3].id, AFTER_MIDPOINT)
    assert check.dyad_id is not None and check.reminder_due_at == AFTER_MIDPOINT + timedelta(
        hours=24)


async def test_a_coachee_is_asked_once_the_third_session_is_held_after_the_midpoint(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    program, coachees = await _program(session_factory, settings, held=(2,))
    assert await schedule_attribute_checks(session_factory, AFTER_MIDPOINT) == 0
    async with transaction(session_factory) as db:
        program = await db.get(Program, program.id) or program
        dyad = await db.scalar(select(Dyad).where(Dyad.coachee_id == coachees[2].id))
        assert dyad is not None
        await _hold(db, program, dyad, coachees[2], 1, AFTER_MIDPOINT)
    later = AFTER_MIDPOINT + timedelta(hours=1)
    assert await schedule_attribute_checks(session_factory, later) == 1
    assert [p.recipient_id for p in await _asked(session_factory)] == [coachees[2].id]


async def test_the_check_is_scheduled_at_most_once_per_coachee_and_program(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await _program(session_factory, settings, held=(3,))
    assert await schedule_attribute_checks(session_factory, AFTER_MIDPOINT) == 1
    for days in (0, 1, 30):
        assert await schedule_attribute_checks(
            session_factory, AFTER_MIDPOINT + timedelta(days=days)) == 0
    assert len(await _asked(session_factory)) == 1


async def test_a_program_can_ask_after_fewer_sessions_and_never_before_a_first(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    _, coachees = await _program(session_factory, settings, held=(0, 1),
                                 attribute_min_sessions=1)
    assert await schedule_attribute_checks(session_factory, AFTER_MIDPOINT) == 1
    assert [p.recipient_id for p in await _asked(session_factory)] == [coachees[1].id]


async def test_zero_sessions_is_refused_as_a_program_option(world: World) -> None:
    with pytest.raises(ProgramError, match="at least one held session"):
        await create_program(session=world.session, settings=world.settings, name="L",
                             options=ProgramOptions(attribute_min_sessions=0))


async def test_changing_the_modules_keeps_the_number_of_sessions(world: World) -> None:
    from alliance.programs.setup import configure_program, program_summary

    program = await create_program(
        session=world.session, settings=world.settings, name="L",
        options=ProgramOptions(modules=("five_attributes",), attribute_min_sessions=4))
    await configure_program(session=world.session, program_id=program.id,
                            options=ProgramOptions(modules=("five_attributes", "mood")))
    summary = program_summary(program)
    assert summary["modules"] == ["five_attributes", "mood"]
    assert summary["attribute_min_sessions"] == 4


async def test_one_coachee_that_cannot_be_scheduled_does_not_hold_back_another(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, coachees = await _program(session_factory, settings, held=(3, 4))
    async with _refusing_prompts_for(session_factory, coachees[3].id):  # the first in line
        assert await schedule_attribute_checks(session_factory, AFTER_MIDPOINT) == 1
    assert [p.recipient_id for p in await _asked(session_factory)] == [coachees[4].id]
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 1 and "five-attribute check failed" in failures[0].getMessage()


@asynccontextmanager
async def _refusing_prompts_for(
    factory: async_sessionmaker[AsyncSession], person_id: int
) -> AsyncIterator[None]:
    """A real fault in the database: inserting a prompt for this person fails, until the end
    of the block (test databases are emptied and reused, so the trigger must go)."""
    async with transaction(factory) as db:
        sqlite = db.bind.dialect.name == "sqlite"
        if sqlite:
            await db.execute(text(
                "CREATE TRIGGER broken BEFORE INSERT ON prompts WHEN NEW.recipient_id = "
                f"{person_id} BEGIN SELECT RAISE(ABORT, 'broken row'); END"))
        else:
            await db.execute(text(
                "CREATE FUNCTION broken() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.recipient_id = {person_id} THEN RAISE EXCEPTION 'broken row'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"))
            await db.execute(text("CREATE TRIGGER broken BEFORE INSERT ON prompts "
                                  "FOR EACH ROW EXECUTE FUNCTION broken()"))
    try:
        yield
    finally:
        async with transaction(factory) as db:
            await db.execute(text("DROP TRIGGER broken" if sqlite
                                  else "DROP TRIGGER broken ON prompts"))
            if not sqlite:
                await db.execute(text("DROP FUNCTION broken()"))
