"""A small world for domain tests: programs and enrolled people, in one real transaction."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.config import Settings
from alliance.core.db import transaction
from alliance.core.models import Dyad, Person, Program, Role
from alliance.enrolment.invites import IssuedInvite, claim_invite, issue_invite
from alliance.programs.setup import create_program

NOW = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)
NOW_DATE = NOW.date()


@dataclass
class World:
    session: AsyncSession
    settings: Settings
    now: datetime = NOW
    _telegram_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5001))

    async def program(
        self, name: str = "Leaders 2027", *, timezone: str | None = None,
        start: date = NOW_DATE, end: date | None = None,
    ) -> Program:
        return await create_program(session=self.session, settings=self.settings, name=name,
                                    timezone=timezone, start=start, end=end)

    async def invite(self, program: Program, role: Role, name: str,
                     coach: Person | None = None) -> IssuedInvite:
        return await issue_invite(session=self.session, program_id=program.id, role=role,
                                  name=name, coach_id=coach.id if coach else None,
                                  ttl=timedelta(days=14), now=self.now)

    async def enrolled(self, program: Program, role: Role, name: str,
                       coach: Person | None = None,
                       telegram_user_id: int | None = None) -> tuple[Person, Dyad | None]:
        """Invited and claimed, as if the person had agreed in Telegram (the same Telegram id
        again adds a role to the same person)."""
        issued = await self.invite(program, role, name, coach)
        telegram_user_id = telegram_user_id or next(self._telegram_ids)
        _, person = await claim_invite(session=self.session, token=issued.token,
                                       telegram_user_id=telegram_user_id, language="en",
                                       now=self.now)
        return person, issued.dyad


@pytest.fixture
async def world(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> AsyncIterator[World]:
    async with transaction(session_factory) as session:
        yield World(session, settings)
