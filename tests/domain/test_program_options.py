"""Program options after creation: what may change, and the instrument lock."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.config import Settings
from alliance.core.db import transaction
from alliance.core.models import Person, Prompt, PromptKind, Role
from alliance.programs.setup import ProgramError, ProgramOptions, configure_program, create_program


async def test_instrument_is_locked_once_a_checkin_exists(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with transaction(session_factory) as session:
        program = await create_program(session=session, settings=settings, name="P")
        await configure_program(session=session, program_id=program.id,
                                options=ProgramOptions(checkin_instrument="alliance_checkin"))
        coach = Person(display_name="Coach")
        session.add(coach)
        await session.flush()
        session.add(Prompt(kind=PromptKind.CHECKIN, occasion="session:1", recipient_id=coach.id,
                           program_id=program.id, side=Role.COACH, due_at=program.created_at))
        with pytest.raises(ProgramError, match="before the first check-in"):
            await configure_program(
                session=session, program_id=program.id,
                options=ProgramOptions(checkin_instrument="alliance_checkin"),
            )
