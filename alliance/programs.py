"""Creating programs and looking them up; per-program settings start from Settings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.audit import record
from alliance.config import Settings
from alliance.models import Membership, Program, Role


class ProgramError(ValueError):
    """A program request the caller can fix (bad dates, unknown time zone…)."""


async def create_program(
    *,
    session: AsyncSession,
    settings: Settings,
    name: str,
    timezone: str | None = None,
    start: date | None = None,
    end: date | None = None,
    modules: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> Program:
    """Create a program; dates default to today and eight months on (the study's length)."""
    name = name.strip()
    if not name:
        raise ProgramError("the program needs a name")
    timezone = timezone or settings.alliance_timezone
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProgramError(f"unknown time zone {timezone!r}") from None
    start = start or date.today()
    end = end or start + timedelta(days=243)
    if end <= start:
        raise ProgramError("the end date must come after the start date")
    program = Program(
        name=name,
        timezone=timezone,
        start_date=start,
        end_date=end,
        reminder_delay_minutes=round(settings.alliance_reminder_delay_hours * 60),
        expiry_minutes=round(settings.alliance_expiry_hours * 60),
        quiet_start_hour=settings.alliance_quiet_start,
        quiet_end_hour=settings.alliance_quiet_end,
        nudge_thresholds={},
        modules=modules or {},
        cut_sd=settings.alliance_cut_sd,
    )
    session.add(program)
    await session.flush()
    record(session, "program_created", actor_id=actor_id, program_id=program.id)
    return program


async def programs_led_by(*, session: AsyncSession, person_id: int) -> list[Program]:
    rows = await session.scalars(
        select(Program)
        .join(Membership, Membership.program_id == Program.id)
        .where(Membership.person_id == person_id, Membership.role == Role.LEAD)
        .order_by(Program.id)
    )
    return list(rows)


def program_summary(program: Program) -> dict[str, Any]:
    """The JSON shape the CLI prints for a program."""
    return {
        "id": program.id,
        "name": program.name,
        "timezone": program.timezone,
        "start": program.start_date.isoformat(),
        "end": program.end_date.isoformat(),
        "status": program.status.value,
    }
