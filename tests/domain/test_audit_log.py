"""The audit log: every change that matters is an event without answers or free text, and the
database itself refuses to change or delete an event (triggers, on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.audit import record
from alliance.core.db import transaction
from alliance.core.models import AuditEvent, Role
from alliance.privacy.rights import erase_person
from tests.domain.conftest import NOW, World
from tests.test_cli_admin import alliance


def _row(event: AuditEvent) -> tuple[Any, ...]:
    return (event.id, event.at, event.action, event.actor_id, event.program_id, event.subject,
            event.details)


async def _events(session: AsyncSession) -> list[AuditEvent]:
    return list(await session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET action = 'nothing_happened'",
    "UPDATE audit_events SET actor_id = NULL",
    "DELETE FROM audit_events",
])
async def test_the_database_refuses_to_change_or_delete_an_audit_event(
    session_factory: async_sessionmaker[AsyncSession], statement: str
) -> None:
    async with transaction(session_factory) as session:
        record(session, "program_created", actor_id=1, program_id=1)
    async with session_factory() as session:
        before = [_row(e) for e in await _events(session)]

    with pytest.raises(DBAPIError, match="append-only"):
        async with transaction(session_factory) as session:
            await session.execute(text(statement))

    async with session_factory() as session:
        assert [_row(e) for e in await _events(session)] == before


async def test_erasure_adds_an_event_and_leaves_every_earlier_one_as_it_was(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole Coach")
    coachee, _ = await world.enrolled(program, Role.COACHEE, "Cam Coachee", coach)
    before = [_row(e) for e in await _events(world.session)]

    await erase_person(world.session, coachee.id, NOW)
    await world.session.flush()

    after = await _events(world.session)
    assert [_row(e) for e in after[: len(before)]] == before
    assert [(e.action, e.subject) for e in after[len(before):]] == [
        ("person_erased", f"person:{coachee.id}")
    ]


async def test_enrolment_consent_and_pairing_are_events_without_names(world: World) -> None:
    program = await world.program()
    coach, _ = await world.enrolled(program, Role.COACH, "Cole Coach")
    coachee, dyad = await world.enrolled(program, Role.COACHEE, "Cam Coachee", coach)
    assert dyad is not None

    events = await _events(world.session)
    coachee_events = {e.action: e for e in events if e.actor_id == coachee.id}
    assert {"invite_claimed", "consent_given"} <= set(coachee_events)
    issued = next(e for e in events if e.action == "invite_issued"
                  and e.subject == f"person:{coachee.id}")
    assert issued.details == {"role": "coachee", "dyad": dyad.code, "coach": f"person:{coach.id}"}
    for event in events:
        assert all(isinstance(v, str | int | bool) for v in event.details.values())
        assert "Cole" not in repr(_row(event)) and "Cam" not in repr(_row(event))


async def test_the_operators_export_is_an_event(
    database_url: str, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    created = alliance(database_url, "program", "create", "Leaders 2027")
    assert created.returncode == 0, created.stderr

    exported = alliance(database_url, "export", "--program", "1", "--out", str(tmp_path / "x"))

    assert exported.returncode == 0, exported.stderr
    async with session_factory() as session:
        exports = [e for e in await _events(session) if e.action == "data_exported"]
    assert [(e.program_id, e.details["via"], e.actor_id) for e in exports] == [(1, "cli", None)]
