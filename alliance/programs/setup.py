"""Creating programs and looking them up; per-program settings start from Settings."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.audit import record
from alliance.core.config import MIN_DELAY_HOURS, Settings
from alliance.core.models import CHECKIN_INSTRUMENT, Membership, Program, Prompt, PromptKind, Role
from alliance.core.zones import UnknownTimeZone, checked_timezone
from alliance.instruments import InstrumentError, resolve_instrument
from alliance.nudges.engine import NudgeThresholds
from alliance.programs.instruments import store_program_instruments
from alliance.questionnaires.attribute_checks import MIN_SESSIONS_KEY, min_sessions
from alliance.questionnaires.windows import MAX_FINAL_WINDOW_DAYS, MAX_QUESTIONNAIRE_REMINDERS


class ProgramError(ValueError):
    """A program request the caller can fix (bad dates, unknown time zone…)."""


MAX_PROGRAM_NAME_LENGTH = 200  # programs.name
OPTIONAL_MODULES = ("mood", "five_attributes", "similarity")


@dataclass(frozen=True)
class ProgramOptions:
    """Per-program choices; None means "the operator's default from Settings"."""

    reminder_hours: float | None = None
    expiry_hours: float | None = None
    quiet_hours: tuple[int, int] | None = None
    modules: tuple[str, ...] | None = None
    checkin_instrument: str | None = None
    nudge_thresholds: dict[str, Any] | None = None
    cut_sd: float | None = None
    attribute_min_sessions: int | None = None  # held sessions before the five-attribute check
    questionnaire_reminders: int | None = None  # of the baseline and the final, each
    final_window_days: int | None = None  # how long the final stays open after closing


def _module_settings(program: Program) -> dict[str, Any]:
    """What `modules` keeps beside its switches: a module's settings, kept when switches change."""
    return {key: value for key, value in (program.modules or {}).items() if value is not True}


def _modules(options: ProgramOptions, settings: dict[str, Any]) -> dict[str, Any]:
    modules: dict[str, Any] = {**settings, **{module: True for module in options.modules or ()}}
    if options.attribute_min_sessions is not None:
        modules[MIN_SESSIONS_KEY] = options.attribute_min_sessions
    return modules


def check_delay_hours(name: str, hours: float | None) -> None:
    """Refuse a reminder or expiry delay shorter than MIN_DELAY_HOURS (or not a number).

    Delays are stored in whole minutes and honoured by a delivery pass that runs about every
    second, but a reminder is a second message to someone who has not answered yet: a delay
    under a quarter of an hour gives nobody time to answer, and a fraction of a minute would be
    stored as some other delay. So anything under MIN_DELAY_HOURS is refused with the minimum
    named, rather than stored as a different delay than the one given.
    """
    if hours is None:
        return
    if not math.isfinite(hours) or hours < MIN_DELAY_HOURS:
        raise ProgramError(
            f"the {name} delay must be at least {MIN_DELAY_HOURS:g} hours "
            f"({round(MIN_DELAY_HOURS * 60)} minutes)"
        )


def _given(value: int | None, default: int) -> int:
    """The option when given, else the default: 0 is a choice (no reminders), not "unset"."""
    return default if value is None else value


def delay_minutes(hours: float) -> int:
    """Hours as the whole minutes stored; at or above the minimum, off by under half a minute."""
    return round(hours * 60)


def _validated(options: ProgramOptions) -> ProgramOptions:
    """Refuse what would break the program later: unknown modules, a bad instrument file…"""
    unknown = sorted(set(options.modules or ()) - set(OPTIONAL_MODULES))
    if unknown:
        raise ProgramError(
            f"unknown module(s) {', '.join(unknown)}; known: {', '.join(OPTIONAL_MODULES)}"
        )
    for name, hours in (("reminder", options.reminder_hours), ("expiry", options.expiry_hours)):
        check_delay_hours(name, hours)
    if (
        options.reminder_hours
        and options.expiry_hours
        and options.reminder_hours >= options.expiry_hours
    ):
        raise ProgramError("the reminder must come before the check-in closes")
    if options.quiet_hours and not all(0 <= h <= 23 for h in options.quiet_hours):
        raise ProgramError("quiet hours are whole hours from 0 to 23")
    if options.attribute_min_sessions is not None and options.attribute_min_sessions < 1:
        raise ProgramError("the five-attribute check needs at least one held session")
    reminders = options.questionnaire_reminders
    if reminders is not None and not 0 <= reminders <= MAX_QUESTIONNAIRE_REMINDERS:
        raise ProgramError("the baseline and final questionnaires are reminded 0 to "
                           f"{MAX_QUESTIONNAIRE_REMINDERS} times")
    days = options.final_window_days
    if days is not None and not 1 <= days <= MAX_FINAL_WINDOW_DAYS:
        raise ProgramError(f"the final questionnaire stays open 1 to {MAX_FINAL_WINDOW_DAYS} days")
    if options.cut_sd is not None and options.cut_sd <= 0:
        raise ProgramError("the cut in SD units must be positive")
    if options.checkin_instrument:
        try:
            instrument = resolve_instrument(options.checkin_instrument)
        except (InstrumentError, OSError) as exc:
            raise ProgramError(str(exc).splitlines()[0]) from None
        if set(instrument.sides) != {"coach", "coachee"}:
            raise ProgramError(
                f"{options.checkin_instrument}: a check-in is answered by both the coach and "
                "the coachee; this instrument's sides are " + ", ".join(instrument.sides)
            )
    if options.nudge_thresholds is not None:
        try:
            NudgeThresholds.model_validate(options.nudge_thresholds)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ProgramError(f"nudge thresholds: {where}: {first['msg']}") from None
    return options


async def create_program(
    session: AsyncSession,
    *,
    settings: Settings,
    name: str,
    timezone: str | None = None,
    start: date | None = None,
    end: date | None = None,
    options: ProgramOptions | None = None,
    actor_id: int | None = None,
) -> Program:
    """Create a program; dates default to today and eight months on (the study's length)."""
    options = _validated(options or ProgramOptions())
    name = name.strip()
    if not name:
        raise ProgramError("the program needs a name")
    if len(name) > MAX_PROGRAM_NAME_LENGTH:
        raise ProgramError(f"a program name has at most {MAX_PROGRAM_NAME_LENGTH} characters")
    timezone = timezone or settings.alliance_timezone
    try:
        timezone = checked_timezone(timezone)
    except UnknownTimeZone as exc:
        raise ProgramError(str(exc)) from None
    start = start or date.today()
    end = end or start + timedelta(days=243)
    if end <= start:
        raise ProgramError("the end date must come after the start date")
    program = Program(
        name=name,
        timezone=timezone,
        start_date=start,
        end_date=end,
        reminder_delay_minutes=delay_minutes(
            options.reminder_hours or settings.alliance_reminder_delay_hours
        ),
        expiry_minutes=delay_minutes(options.expiry_hours or settings.alliance_expiry_hours),
        quiet_start_hour=(options.quiet_hours or (settings.alliance_quiet_start, 0))[0],
        quiet_end_hour=(options.quiet_hours or (0, settings.alliance_quiet_end))[1],
        nudge_thresholds=options.nudge_thresholds or {},
        modules=_modules(options, {}),
        checkin_instrument=options.checkin_instrument or CHECKIN_INSTRUMENT,
        cut_sd=options.cut_sd or settings.alliance_cut_sd,
        questionnaire_reminders=_given(options.questionnaire_reminders,
                                       settings.alliance_questionnaire_reminders),
        final_window_days=options.final_window_days or settings.alliance_final_window_days,
    )
    session.add(program)
    await session.flush()
    await store_program_instruments(session, program)
    record(session, "program_created", actor_id=actor_id, program_id=program.id)
    return program


async def configure_program(
    session: AsyncSession,
    *,
    program_id: int,
    options: ProgramOptions,
    actor_id: int | None = None,
) -> Program:
    """Change a program's options; what is None stays. Prompts already scheduled keep their times.

    The check-in instrument can change only before the first check-in, so that every score of a
    program comes from the same questions.
    """
    options = _validated(options)
    program = await session.get(Program, program_id)
    if program is None:
        raise ProgramError(f"program {program_id} does not exist")
    if options.reminder_hours is not None:
        program.reminder_delay_minutes = delay_minutes(options.reminder_hours)
    if options.expiry_hours is not None:
        program.expiry_minutes = delay_minutes(options.expiry_hours)
    if program.reminder_delay_minutes >= program.expiry_minutes:
        raise ProgramError("the reminder must come before the check-in closes")
    if options.quiet_hours is not None:
        program.quiet_start_hour, program.quiet_end_hour = options.quiet_hours
    if options.modules is not None or options.attribute_min_sessions is not None:
        kept = options if options.modules is not None else replace(
            options, modules=tuple(m for m, on in program.modules.items() if on is True))
        program.modules = _modules(kept, _module_settings(program))
    if options.nudge_thresholds is not None:
        program.nudge_thresholds = options.nudge_thresholds
    if options.cut_sd is not None:
        program.cut_sd = options.cut_sd
    if options.questionnaire_reminders is not None:
        program.questionnaire_reminders = options.questionnaire_reminders
    if options.final_window_days is not None:
        program.final_window_days = options.final_window_days
    if options.checkin_instrument is not None:
        started = await session.scalar(
            select(Prompt.id)
            .where(Prompt.program_id == program_id, Prompt.kind == PromptKind.CHECKIN)
            .limit(1)
        )
        if started is not None:
            raise ProgramError("the check-in instrument can only change before the first check-in")
        program.checkin_instrument = options.checkin_instrument
        await store_program_instruments(session, program, [options.checkin_instrument])
    changed = sorted(k for k, v in options.__dict__.items() if v is not None)
    record(session, "program_configured", actor_id=actor_id, program_id=program_id,
           changed=changed)
    await session.flush()
    return program


async def programs_led_by(session: AsyncSession, *, person_id: int) -> list[Program]:
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
        "reminder_hours": program.reminder_delay_minutes / 60,
        "expiry_hours": program.expiry_minutes / 60,
        "quiet_hours": [program.quiet_start_hour, program.quiet_end_hour],
        "modules": sorted(m for m, on in program.modules.items() if on is True),
        "checkin_instrument": program.checkin_instrument,
        "nudge_thresholds": program.nudge_thresholds,
        "cut_sd": program.cut_sd,
        "attribute_min_sessions": min_sessions(program),
        "questionnaire_reminders": program.questionnaire_reminders,
        "final_window_days": program.final_window_days,
    }
