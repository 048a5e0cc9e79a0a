"""Program leads in Telegram: create a program, invite people, watch participation, close.

Every step re-checks that the person leads the program named in the button (`lead_program`),
so an old or forged button cannot act on someone else's program. Drafts between steps (a new
program's name, a coachee's name while the coach is chosen) are conversation state in the
database (`bot.conversation`), so a restart does not lose them; nothing else is written until the
last step.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.closing import close_program
from alliance.invites import InviteError
from alliance.leads import (
    INVITABLE_ROLES,
    LeadError,
    create_led_program,
    invite_to_program,
    lead_program,
    led_programs,
    program_coaches,
)
from alliance.models import Program, ProgramStatus, Role
from alliance.participation import participation_summary
from alliance.programs import ProgramError
from alliance.questionnaire_windows import final_closes_at
from alliance.typed_text import clean_line
from alliance.zones import UnknownTimeZone, checked_timezone, zone_of
from bot.conversation import (
    await_text,
    draft_of,
    drop_draft,
    save_draft,
    take_awaited,
    text_input,
)
from bot.handlers.common import PRIVATE, dispatch_soon
from bot.lead_status import status_text
from bot.local_times import local_moment, person_zone, zone_rows
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)
State = dict[str, Any]
Reply = tuple[str, InlineKeyboardMarkup | None]
Step = Callable[[Turn, Program], Awaitable[Reply]]

NAME_LIMIT = 200
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _cancel_row(turn: Turn) -> list[tuple[str, str]]:
    return [(turn.t("button.cancel"), "lead:cancel")]


async def _programs(turn: Turn, *, open_only: bool) -> list[Program] | None:
    """The programs this person leads, or None (after saying why) when they may not act."""
    if turn.person is None:
        turn.refuse("error.not_enrolled")
        return None
    programs = await led_programs(turn.db, turn.person.id)
    usable = [p for p in programs if p.status == ProgramStatus.ACTIVE] if open_only else programs
    if not usable:
        turn.refuse("lead.no_open_program" if programs else "lead.not_lead")
        return None
    return usable


async def _program_from_button(update: Update, turn: Turn, *, open_only: bool) -> Program | None:
    """The program named by the pressed button's last field, if this person leads it."""
    assert update.callback_query and update.callback_query.data
    if turn.person is None:
        turn.refuse("error.not_enrolled")
        return None
    program_id = int(update.callback_query.data.rsplit(":", 1)[1])
    try:
        return await lead_program(turn.db, turn.person.id, program_id, open_only=open_only)
    except LeadError as exc:
        turn.refuse(f"lead.{exc}")
        return None


async def _name_given(update: Update, turn: Turn, input_name: str) -> str | None:
    """The typed name, cleaned, or None after asking again (empty or too long)."""
    assert update.effective_message and update.effective_message.text is not None
    name = clean_line(update.effective_message.text)
    if name and len(name) <= NAME_LIMIT:
        return name
    await await_text(turn, input_name)
    turn.say("lead.bad_name", limit=NAME_LIMIT)
    return None


@transactional
async def cancel(update: Update, context: Context, turn: Turn) -> None:
    await drop_draft(turn)
    await take_awaited(turn)
    turn.outbox.edit(turn.t("lead.cancelled"))


# -- /newprogram -----------------------------------------------------------------------------


@transactional
async def new_program(update: Update, context: Context, turn: Turn) -> None:
    if await _programs(turn, open_only=False) is None:
        return
    await save_draft(turn, {"flow": "newprogram"})
    await await_text(turn, "lead.program_name")
    turn.say("lead.ask_program_name", buttons([_cancel_row(turn)]))


@text_input("lead.program_name")
async def program_name_given(update: Update, context: Context, turn: Turn, state: State) -> None:
    draft = await draft_of(turn, "newprogram")
    if draft is None:
        turn.say("lead.draft_gone")
        return
    name = await _name_given(update, turn, "lead.program_name")
    if name is None:
        return
    await save_draft(turn, {**draft, "name": name})
    await await_text(turn, "lead.program_timezone")
    rows = zone_rows(turn.services.settings.alliance_timezone, "np:tz:")
    turn.say("lead.ask_timezone", buttons([*rows, _cancel_row(turn)]))


async def _timezone_chosen(turn: Turn, zone: str) -> None:
    draft = await draft_of(turn, "newprogram")
    if draft is None or "name" not in draft:
        turn.refuse("lead.draft_gone")
        return
    try:
        zone = checked_timezone(zone)
    except UnknownTimeZone:
        await await_text(turn, "lead.program_timezone")
        turn.refuse("lead.bad_timezone")
        return
    await save_draft(turn, {**draft, "timezone": zone})
    await await_text(turn, "lead.program_dates")
    dates = buttons([[(turn.t("lead.dates_default"), "np:dates")], _cancel_row(turn)])
    turn.say("lead.ask_dates", dates)


@text_input("lead.program_timezone")
async def timezone_typed(update: Update, context: Context, turn: Turn, state: State) -> None:
    assert update.effective_message and update.effective_message.text is not None
    await _timezone_chosen(turn, update.effective_message.text.strip())


@transactional
async def timezone_pressed(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    await take_awaited(turn)
    await _timezone_chosen(turn, update.callback_query.data.split(":", 2)[2])


async def _create(turn: Turn, start: date | None, end: date | None) -> None:
    draft = await draft_of(turn, "newprogram")
    if draft is None or "timezone" not in draft or await _programs(turn, open_only=False) is None:
        turn.refuse("lead.draft_gone")
        return
    assert turn.person is not None
    zone = draft["timezone"]
    start = start or turn.now.astimezone(ZoneInfo(zone)).date()
    try:
        program = await create_led_program(
            turn.db,
            turn.services.settings,
            lead_id=turn.person.id,
            name=draft["name"],
            timezone=zone,
            start=start,
            end=end,
        )
    except ProgramError:
        turn.refuse("lead.bad_dates")
        return
    await drop_draft(turn)
    turn.say(
        "lead.program_created",
        program=program.name,
        timezone=program.timezone,
        start=program.start_date.isoformat(),
        end=program.end_date.isoformat(),
    )
    log.info("person %s created program %s", turn.person.id, program.id)


@transactional
async def default_dates(update: Update, context: Context, turn: Turn) -> None:
    await take_awaited(turn)
    await _create(turn, None, None)


def _dates(text: str) -> tuple[date, date] | None:
    """Two ISO dates, start before end; anything else is None."""
    try:
        start, end = (date.fromisoformat(found) for found in _DATE.findall(text))
    except ValueError:  # not exactly two dates, or an impossible one
        return None
    return (start, end) if end > start else None


@text_input("lead.program_dates")
async def dates_typed(update: Update, context: Context, turn: Turn, state: State) -> None:
    assert update.effective_message and update.effective_message.text is not None
    dates = _dates(update.effective_message.text)
    if dates is None:
        await await_text(turn, "lead.program_dates")
        turn.say("lead.bad_dates")
        return
    await _create(turn, *dates)


# -- choosing the program: /invite, /status and /close share it ----------------------------


async def _ask_role(turn: Turn, program: Program) -> Reply:
    roles = [(turn.t(f"role.{r.value}"), f"inv:r:{r.value}:{program.id}") for r in INVITABLE_ROLES]
    return turn.t("lead.ask_role", program=program.name), buttons([roles, _cancel_row(turn)])


async def _show_status(turn: Turn, program: Program) -> Reply:
    return status_text(turn, await participation_summary(turn.db, program.id, turn.now)), None


async def _confirm_close(turn: Turn, program: Program) -> Reply:
    markup = buttons([[(turn.t("lead.close_yes"), f"cl:y:{program.id}")], _cancel_row(turn)])
    return turn.t("lead.close_confirm", program=program.name,
                  days=program.final_window_days), markup


# action → (the step once the program is known, whether the program must still be open)
_STEPS: dict[str, tuple[Step, bool]] = {
    "inv": (_ask_role, True),
    "st": (_show_status, False),
    "cl": (_confirm_close, True),
}


def _lead_command(action: str) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """A command that goes straight to its step for a lead of one program, else asks which."""
    step, open_only = _STEPS[action]

    async def command(update: Update, context: Context, turn: Turn) -> None:
        programs = await _programs(turn, open_only=open_only)
        if programs is None:
            return
        if len(programs) == 1:
            turn.outbox.reply(*await step(turn, programs[0]))
            return
        rows = [[(p.name, f"pick:{action}:{p.id}")] for p in programs]
        turn.say("lead.pick_program", buttons([*rows, _cancel_row(turn)]))

    return transactional(command)


@transactional
async def program_picked(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    step, open_only = _STEPS[update.callback_query.data.split(":")[1]]
    program = await _program_from_button(update, turn, open_only=open_only)
    if program is not None:
        turn.outbox.edit(*await step(turn, program))


# -- /invite ---------------------------------------------------------------------------------


@transactional
async def invite_role_pressed(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    program = await _program_from_button(update, turn, open_only=True)
    if program is None:
        return
    role = Role(update.callback_query.data.split(":")[2])
    if role == Role.COACHEE and not await program_coaches(turn.db, program.id):
        turn.refuse("lead.no_coach_yet")
        return
    await save_draft(turn, {"flow": "invite", "program_id": program.id, "role": role.value})
    await await_text(turn, "lead.invitee_name")
    turn.outbox.edit(turn.t("lead.ask_invitee_name", role=turn.t(f"role.{role.value}")))


async def _issue(turn: Turn, context: Context, draft: State, coach_id: int | None) -> None:
    assert turn.person is not None
    try:
        issued = await invite_to_program(
            turn.db,
            turn.services.settings,
            lead_id=turn.person.id,
            program_id=draft["program_id"],
            role=Role(draft["role"]),
            name=draft["name"],
            coach_id=coach_id,
            now=turn.now,
        )
    except (LeadError, InviteError) as exc:
        log.info("invite refused: %s", type(exc).__name__)
        turn.refuse(f"lead.{exc}" if isinstance(exc, LeadError) else "lead.invite_failed")
        return
    await drop_draft(turn)
    program = await turn.db.get(Program, draft["program_id"])
    assert program is not None
    zone = zone_of(turn.person.timezone, program.timezone)  # the lead's own calendar
    expires = issued.invite.expires_at.astimezone(ZoneInfo(zone)).date()
    turn.say(
        "lead.invite_link",
        name=draft["name"],
        role=turn.t(f"role.{draft['role']}"),
        program=program.name,
        link=issued.link(context.bot.username),
        expires=expires.isoformat(),
    )
    log.info("person %s invited person %s as %s", turn.person.id, issued.person.id, draft["role"])


@text_input("lead.invitee_name")
async def invitee_name_given(update: Update, context: Context, turn: Turn, state: State) -> None:
    draft = await draft_of(turn, "invite")
    if draft is None or turn.person is None:
        turn.say("lead.draft_gone")
        return
    name = await _name_given(update, turn, "lead.invitee_name")
    if name is None:
        return
    draft["name"] = name
    await save_draft(turn, draft)
    if draft["role"] != Role.COACHEE.value:
        await _issue(turn, context, draft, None)
        return
    coaches = await program_coaches(turn.db, draft["program_id"])
    cells = [(c.display_name or "?", f"inv:c:{c.id}") for c in coaches]
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    turn.say("lead.ask_coach", buttons([*rows, _cancel_row(turn)]), name=name)


@transactional
async def coach_pressed(update: Update, context: Context, turn: Turn) -> None:
    """The coach for the coachee being invited; `invite_to_program` re-checks the lead."""
    assert update.callback_query and update.callback_query.data
    draft = await draft_of(turn, "invite")
    if draft is None or "name" not in draft or turn.person is None:
        turn.refuse("lead.draft_gone")
        return
    await _issue(turn, context, draft, int(update.callback_query.data.split(":")[2]))


# -- /status and /close ----------------------------------------------------------------------


@transactional
async def close_confirmed(update: Update, context: Context, turn: Turn) -> None:
    program = await _program_from_button(update, turn, open_only=True)
    if program is None or turn.person is None:
        return
    result = await close_program(turn.db, program.id, turn.now, actor_id=turn.person.id)
    until = local_moment(turn.lang, final_closes_at(program, turn.now),
                         person_zone(turn.person, program))
    lines = [turn.t("lead.closed", program=program.name, told=result.told, until=until,
                    final=result.final_questionnaires, ratings=result.end_ratings)]
    if result.without_baseline:
        lines.append(turn.t("lead.closed_without_baseline", without=result.without_baseline))
    if result.baselines_closed:
        lines.append(turn.t("lead.closed_baselines_closed", closed=result.baselines_closed))
    turn.outbox.edit("\n\n".join(lines))
    dispatch_soon(turn, context)
    log.info("person %s closed program %s", turn.person.id, program.id)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("newprogram", new_program, filters=PRIVATE))
    for command, action in (("invite", "inv"), ("status", "st"), ("close", "cl")):
        application.add_handler(CommandHandler(command, _lead_command(action), filters=PRIVATE))
    for pattern, callback in (
        (r"^lead:cancel$", cancel),
        (r"^np:tz:[A-Za-z_/+-]+$", timezone_pressed),
        (r"^np:dates$", default_dates),
        (r"^pick:(inv|st|cl):\d{1,9}$", program_picked),  # ids fit 32 bits, as in callback_data
        (r"^inv:r:(coach|coachee):\d{1,9}$", invite_role_pressed),
        (r"^inv:c:\d{1,9}$", coach_pressed),
        (r"^cl:y:\d{1,9}$", close_confirmed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
