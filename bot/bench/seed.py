"""The program under test, written through the domain before the bot starts.

`dyads` coach–coachee pairs enrolled with consent (so ≥ 1,000 people for 500 pairs), each coachee
with the baseline self-efficacy questionnaire due now, and the first `busy` coachees with two
held sessions' check-ins due as well, so they have enough to answer for the saturation run.
The bot's own delivery loop then sends all of it, as it would after a real enrolment wave.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select

from alliance.core.config import load_settings
from alliance.core.db import (
    create_engine,
    create_session_factory,
    scratch_postgres_database,
    transaction,
)
from alliance.core.migrate import upgrade_database
from alliance.core.models import (
    CoachingSession,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
    utcnow,
)
from alliance.enrolment.invites import issue_invite
from alliance.enrolment.joining import enrol
from alliance.programs.setup import ProgramOptions, create_program
from alliance.sessions.records import mark_held

FIRST_USER_ID = 500_000_001
BATCH = 50


@dataclass
class Cohort:
    coachees: list[int] = field(default_factory=list)  # Telegram ids, in enrolment order
    coaches: list[int] = field(default_factory=list)
    messages: int = 0  # questionnaires the bot will send
    lead: int = FIRST_USER_ID - 1

    @property
    def people(self) -> int:
        return len(self.coachees) + len(self.coaches) + 1


async def seed(database_url: str, dyads: int, busy: int) -> Cohort:
    await asyncio.to_thread(upgrade_database, database_url)
    settings = load_settings(_env_file=None, database_url=database_url)
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    cohort = Cohort()
    now = utcnow()
    try:
        async with transaction(factory) as db:
            program = await create_program(
                session=db, settings=settings, name="Bench program",
                options=ProgramOptions(quiet_hours=(0, 0)),
            )
            lead = await issue_invite(
                session=db, program_id=program.id, role=Role.LEAD, name="Lead",
                ttl=timedelta(days=1), now=now,
            )
            await enrol(session=db, token=lead.token, telegram_user_id=cohort.lead,
                        language="en", now=now)
        for first in range(0, dyads, BATCH):
            async with transaction(factory) as db:
                for index in range(first, min(dyads, first + BATCH)):
                    coach_tg, coachee_tg = FIRST_USER_ID + 2 * index, FIRST_USER_ID + 2 * index + 1
                    coach = await issue_invite(
                        session=db, program_id=program.id, role=Role.COACH,
                        name=f"Coach {index}", ttl=timedelta(days=1), now=now,
                    )
                    await enrol(session=db, token=coach.token, telegram_user_id=coach_tg,
                                language="en", now=now)
                    coachee = await issue_invite(
                        session=db, program_id=program.id, role=Role.COACHEE,
                        name=f"Coachee {index}", ttl=timedelta(days=1), now=now,
                        coach_id=coach.person.id,
                    )
                    enrolment = await enrol(session=db, token=coachee.token,
                                            telegram_user_id=coachee_tg, language="en", now=now)
                    cohort.coaches.append(coach_tg)
                    cohort.coachees.append(coachee_tg)
                    cohort.messages += 1
                    if index < busy and enrolment.dyad is not None:
                        for _ in range(2):
                            held = CoachingSession(dyad_id=enrolment.dyad.id,
                                                   status=SessionStatus.HELD, created_at=now)
                            db.add(held)
                            await mark_held(db, held, dyad=enrolment.dyad, program=program,
                                            held_at=now, now=now)
                            cohort.messages += 2  # the coachee's and the coach's check-in
    finally:
        await engine.dispose()
    return cohort


async def answered_baselines(database_url: str) -> int:
    """Coachees who answered the baseline by now: only they are asked the final at `/close`."""
    engine = create_engine(database_url)
    try:
        async with transaction(create_session_factory(engine)) as db:
            return int(await db.scalar(select(func.count(Prompt.id)).where(
                Prompt.kind == PromptKind.BASELINE_SE, Prompt.state == PromptState.ANSWERED,
            )) or 0)
    finally:
        await engine.dispose()


@asynccontextmanager
async def scratch_database(kind: str, folder: str, postgres_url: str | None) -> AsyncIterator[str]:
    """A new SQLite file, or a new database beside `postgres_url` dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{folder}/bench.db"
        return
    server = load_settings(_env_file=None, database_url=postgres_url or "").database_url
    async with scratch_postgres_database(server, "alliance_bench_") as url:
        yield url
