"""The `alliance` command's administrative half: database, programs, invites, roster, analysis.

Commands that need Telegram (`run`, `emulator`, `demo`, `bench`) are added by `bot.cli`, which
is the console entry point; this module stays free of Telegram.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.cli.support import emit, fail, run_in_transaction, settings_or_exit
from alliance.core.links import resolve_bot_username
from alliance.core.models import Role
from alliance.enrolment.invites import issue_invite
from alliance.enrolment.roster import RosterError, import_roster, parse_roster
from alliance.programs.setup import (
    ProgramOptions,
    configure_program,
    create_program,
    program_summary,
)

app = typer.Typer(
    help="Coach Alliance: working-alliance check-ins, nudges and analysis for coaching programs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # a crash must not print values (answers, secrets)
)
db_app = typer.Typer(help="Database schema (Alembic).", no_args_is_help=True)
program_app = typer.Typer(help="Coaching programs.", no_args_is_help=True)
roster_app = typer.Typer(help="Rosters of coaches and coachees.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(program_app, name="program")
app.add_typer(roster_app, name="roster")


# Program options, shared by `program create` and `program set`.
ReminderHours = Annotated[
    float | None,
    typer.Option(help="remind after this many hours without an answer (at least 0.25)"),
]
ExpiryHours = Annotated[
    float | None, typer.Option(help="a check-in closes after this many hours (at least 0.25)")
]
QuietHours = Annotated[
    str | None, typer.Option(help="no messages in this local window, e.g. 21-8")
]
Modules = Annotated[
    list[str] | None,
    typer.Option(help="optional module (repeatable): mood, five_attributes, similarity"),
]
CheckinInstrument = Annotated[
    Path | None, typer.Option(help="a licensed check-in instrument file (YAML/JSON)")
]
NudgeThresholdsFile = Annotated[
    Path | None, typer.Option(help="JSON file of nudge thresholds (see README)")
]
QuestionnaireReminders = Annotated[
    int | None,
    typer.Option(help="reminders of the baseline and of the final questionnaire, 0-5 (default 2)"),
]
FinalWindowDays = Annotated[
    int | None,
    typer.Option(help="days the final questionnaire stays open after closing, 1-90 (default 14)"),
]
CutSd = Annotated[float | None, typer.Option(help="k of the k·SD discrepancy groups")]
AttributeMinSessions = Annotated[
    int | None,
    typer.Option(help="held sessions a dyad needs before the five-attribute check (default 3)"),
]


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Create or migrate the schema to the newest revision."""
    from alliance.core.migrate import upgrade_database

    settings = settings_or_exit()
    try:
        upgrade_database(settings.database_url, revision)
    except OSError as exc:
        fail(f"cannot reach the database ({exc})")
    typer.echo(f"database at {revision}")


@program_app.command("create")
def program_create(
    name: str,
    timezone: Annotated[str | None, typer.Option(help="IANA time zone")] = None,
    start: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today)")] = None,
    end: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default start + 8 months)")] = None,
    reminder_hours: ReminderHours = None,
    expiry_hours: ExpiryHours = None,
    quiet_hours: QuietHours = None,
    module: Modules = None,
    checkin_instrument: CheckinInstrument = None,
    nudge_thresholds: NudgeThresholdsFile = None,
    cut_sd: CutSd = None,
    attribute_min_sessions: AttributeMinSessions = None,
    questionnaire_reminders: QuestionnaireReminders = None,
    final_window_days: FinalWindowDays = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Create a coaching program."""
    settings = settings_or_exit()
    start_date, end_date = _parse_date(start, "--start"), _parse_date(end, "--end")
    options = _program_options(reminder_hours, expiry_hours, quiet_hours, module,
                               checkin_instrument, nudge_thresholds, cut_sd,
                               attribute_min_sessions, questionnaire_reminders,
                               final_window_days)

    async def work(session: AsyncSession) -> dict[str, Any]:
        program = await create_program(
            session=session, settings=settings, name=name, timezone=timezone,
            start=start_date, end=end_date, options=options,
        )
        return program_summary(program)

    created = run_in_transaction(settings, work)
    emit(created, as_json, f"program {created['id']} created: {created['name']} "
         f"({created['start']} → {created['end']}, {created['timezone']})")


@program_app.command("set")
def program_set(
    program: Annotated[int, typer.Argument(help="program id")],
    reminder_hours: ReminderHours = None,
    expiry_hours: ExpiryHours = None,
    quiet_hours: QuietHours = None,
    module: Modules = None,
    checkin_instrument: CheckinInstrument = None,
    nudge_thresholds: NudgeThresholdsFile = None,
    cut_sd: CutSd = None,
    attribute_min_sessions: AttributeMinSessions = None,
    questionnaire_reminders: QuestionnaireReminders = None,
    final_window_days: FinalWindowDays = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Change a program's options (those not given stay as they are)."""
    settings = settings_or_exit()
    options = _program_options(reminder_hours, expiry_hours, quiet_hours, module,
                               checkin_instrument, nudge_thresholds, cut_sd,
                               attribute_min_sessions, questionnaire_reminders,
                               final_window_days)

    async def work(session: AsyncSession) -> dict[str, Any]:
        changed = await configure_program(session=session, program_id=program, options=options)
        return program_summary(changed)

    updated = run_in_transaction(settings, work)
    emit(updated, as_json, f"program {updated['id']} updated: reminder "
         f"{updated['reminder_hours']:g} h, expiry {updated['expiry_hours']:g} h, quiet hours "
         f"{updated['quiet_hours'][0]}–{updated['quiet_hours'][1]}, modules "
         f"{', '.join(updated['modules']) or 'none'}")


def _program_options(
    reminder_hours: float | None, expiry_hours: float | None, quiet_hours: str | None,
    modules: list[str] | None, checkin_instrument: Path | None, nudge_thresholds: Path | None,
    cut_sd: float | None, attribute_min_sessions: int | None,
    questionnaire_reminders: int | None = None, final_window_days: int | None = None,
) -> ProgramOptions:
    return ProgramOptions(
        reminder_hours=reminder_hours,
        expiry_hours=expiry_hours,
        quiet_hours=_parse_quiet_hours(quiet_hours),
        modules=tuple(modules) if modules is not None else None,
        checkin_instrument=str(checkin_instrument.resolve()) if checkin_instrument else None,
        nudge_thresholds=_read_json(nudge_thresholds) if nudge_thresholds else None,
        cut_sd=cut_sd,
        attribute_min_sessions=attribute_min_sessions,
        questionnaire_reminders=questionnaire_reminders,
        final_window_days=final_window_days,
    )


def _parse_quiet_hours(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        start, end = (int(part) for part in value.split("-"))
    except ValueError:
        fail(f"--quiet-hours must look like 21-8, not {value!r}")
    return start, end


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")
    except ValueError as exc:
        fail(f"{path}: not valid JSON ({exc})")
    if not isinstance(data, dict):
        fail(f"{path}: expected a JSON object of thresholds")
    return data


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date like 2026-01-31, not {value!r}")


@app.command("invite")
def invite(
    program: Annotated[int, typer.Option("--program", help="program id")],
    role: Annotated[Role, typer.Option("--role")],
    name: Annotated[str, typer.Option("--name", help="the person's display name")],
    coach: Annotated[int | None, typer.Option("--coach", help="coach's person id")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Invite one person; prints a one-time deep link."""
    settings = settings_or_exit()
    username = resolve_bot_username(settings)

    async def work(session: AsyncSession) -> dict[str, Any]:
        issued = await issue_invite(
            session=session, program_id=program, role=role, name=name, coach_id=coach,
            ttl=timedelta(days=settings.alliance_invite_ttl_days),
        )
        return {
            "person_id": issued.person.id,
            "program_id": program,
            "role": role.value,
            "name": issued.person.display_name,
            "coach_id": coach,
            "dyad_code": issued.dyad.code if issued.dyad else None,
            "link": issued.link(username),
            "expires_at": issued.invite.expires_at.isoformat(),
        }

    created = run_in_transaction(settings, work)
    emit(created, as_json, f"{created['role']} {created['name']} (person {created['person_id']}): "
         f"{created['link']}  (single use, expires {created['expires_at'][:10]})")


@roster_app.command("import")
def roster_import(
    file: Path,
    program: Annotated[int, typer.Option("--program", help="program id")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Invite everyone in a roster CSV (key,name,role,coach[,gender,age,background])."""
    settings = settings_or_exit()
    try:
        rows = parse_roster(file)
    except RosterError as exc:
        fail(str(exc))
    username = resolve_bot_username(settings)

    async def work(session: AsyncSession) -> list[dict[str, Any]]:
        issued = await import_roster(
            session=session, program_id=program, rows=rows,
            ttl=timedelta(days=settings.alliance_invite_ttl_days),
        )
        return [
            {"key": row.key, "name": row.name, "role": row.role.value,
             "person_id": inv.person.id, "dyad_code": inv.dyad.code if inv.dyad else None,
             "link": inv.link(username)}
            for row, inv in issued
        ]

    created = run_in_transaction(settings, work)
    if as_json:
        typer.echo(json.dumps({"program_id": program, "invites": created}, ensure_ascii=False))
        return
    for entry in created:
        typer.echo(f"{entry['role']:8} {entry['name']} (person {entry['person_id']}): "
                   f"{entry['link']}")


def _register_analysis_commands() -> None:
    """The statistics commands live with the analysis; registered here so `alliance` has them."""
    from alliance.cli.reports import export_command, report_command
    from alliance.reporting.analysis.cli import analyze_command

    app.command("analyze", help="Statistics on exported CSVs (dyads and/or sessions).")(
        analyze_command
    )
    app.command("report", help="The program lead's report (PDF and summary), offline.")(
        report_command
    )
    app.command("export", help="Pseudonymised CSVs with a codebook, for researchers.")(
        export_command
    )


_register_analysis_commands()
