"""Program leads in Telegram: create a program, invite people, watch participation, close.

Drafts between steps (a new program's name, a coachee's name while the coach is chosen) are
conversation state in the database (`bot.conversation`), so a restart does not lose them;
nothing else is written until the last step. Each step's buttons carry the draft's step mark
and the step before loses its buttons, so a stale button cannot act.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.models import Program
from alliance.core.zones import UnknownTimeZone, checked_timezone
from alliance.programs.closing import close_program
from alliance.programs.leads import create_led_program
from alliance.programs.participation import participation_summary
from alliance.programs.setup import ProgramError
from alliance.questionnaires.windows import final_closes_at
from bot.conversation import (
    ask,
    await_text,
    draft_at,
    draft_of,
    drop_draft,
    next_step,
    retire_buttons,
    save_draft,
    take_awaited,
)
from bot.handlers.common import PRIVATE, dispatch_soon
from bot.handlers.lead_programs import (
    PICK_PATTERN,
    STEP,
    Reply,
    cancel_row,
    lead_command,
    lead_step,
    name_given,
    pressed_step,
    program_from_button,
    program_picked,
    step_cancel,
    usable_programs,
)
from bot.lead_status import status_text
from bot.local_times import local_moment, person_zone, zone_rows
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)
State = dict[str, Any]

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@transactional
async def cancel(update: Update, context: Context, turn: Turn) -> None:
    """Cancel on a question that keeps no draft (a picker, a confirmation): nothing to drop."""
    turn.outbox.edit(turn.t("lead.cancelled"))


@transactional
async def cancel_step(update: Update, context: Context, turn: Turn) -> None:
    """Cancel of a draft's step: only the current step's button acts; an older one gets a toast."""
    draft = await draft_at(turn, None, pressed_step(update))
    if draft is None:
        turn.refuse("lead.step_over")
        return
    await drop_draft(turn)
    await take_awaited(turn)
    turn.outbox.edit(turn.t("lead.cancelled"))


# -- /newprogram -----------------------------------------------------------------------------


@transactional
async def new_program(update: Update, context: Context, turn: Turn) -> None:
    if await usable_programs(turn, open_only=False) is None:
        return
    draft = next_step({"flow": "newprogram"})
    old = await draft_of(turn, "newprogram")
    if old is not None:
        retire_buttons(turn, old)  # a run left half-way: its buttons go
    await save_draft(turn, draft)
    await await_text(turn, "lead.program_name")
    ask(turn, turn.t("lead.ask_program_name"), buttons([step_cancel(turn, draft)]))


async def program_name_given(update: Update, context: Context, turn: Turn, state: State) -> None:
    draft = await draft_of(turn, "newprogram")
    if draft is None:
        turn.say("lead.draft_gone")
        return
    name = await name_given(update, turn, "lead.program_name")
    if name is None:
        return
    draft = next_step({**retire_buttons(turn, draft), "name": name})
    await save_draft(turn, draft)
    await await_text(turn, "lead.program_timezone")
    rows = zone_rows(turn.services.settings.alliance_timezone, f"np:tz:{draft['n']}:")
    ask(turn, turn.t("lead.ask_timezone"), buttons([*rows, step_cancel(turn, draft)]))


async def _timezone_chosen(turn: Turn, draft: State, zone: str) -> None:
    """The zone is set; the dates question replaces the zone question (tapped) or follows it."""
    try:
        zone = checked_timezone(zone)
    except UnknownTimeZone:
        await await_text(turn, "lead.program_timezone")
        turn.refuse("lead.bad_timezone")
        return
    tapped = turn.tapped
    draft = next_step({**(draft if tapped else retire_buttons(turn, draft)), "timezone": zone})
    await save_draft(turn, draft)
    await await_text(turn, "lead.program_dates")
    dates = buttons([[(turn.t("lead.dates_default"), f"np:d:{draft['n']}")],
                     step_cancel(turn, draft)])
    if tapped:
        turn.outbox.edit(turn.t("lead.ask_dates"), dates)
    else:
        ask(turn, turn.t("lead.ask_dates"), dates)


async def timezone_typed(update: Update, context: Context, turn: Turn, state: State) -> None:
    assert update.effective_message and update.effective_message.text is not None
    draft = await draft_of(turn, "newprogram")
    if draft is None or "name" not in draft:
        turn.say("lead.draft_gone")
        return
    await _timezone_chosen(turn, draft, update.effective_message.text.strip())


@transactional
async def timezone_pressed(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    _, _, step, zone = update.callback_query.data.split(":", 3)
    draft = await draft_at(turn, "newprogram", step)
    if draft is None or "name" not in draft:
        turn.refuse("lead.step_over")
        return
    await take_awaited(turn)
    await _timezone_chosen(turn, draft, zone)


async def _create(turn: Turn, draft: State, start: date | None, end: date | None) -> None:
    if "timezone" not in draft or await usable_programs(turn, open_only=False) is None:
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
    created = turn.t(
        "lead.program_created",
        program=program.name,
        timezone=program.timezone,
        start=program.start_date.isoformat(),
        end=program.end_date.isoformat(),
    ) + "\n\n" + turn.t("lead.what_a_lead_sees")
    if turn.tapped:
        turn.outbox.edit(created)
    else:
        retire_buttons(turn, draft)
        turn.outbox.reply(created)
    log.info("person %s created program %s", turn.person.id, program.id)


@transactional
async def default_dates(update: Update, context: Context, turn: Turn) -> None:
    draft = await draft_at(turn, "newprogram", pressed_step(update))
    if draft is None:
        turn.refuse("lead.step_over")
        return
    await take_awaited(turn)
    await _create(turn, draft, None, None)


def _dates(text: str) -> tuple[date, date] | None:
    """Two ISO dates, start before end; anything else is None."""
    try:
        start, end = (date.fromisoformat(found) for found in _DATE.findall(text))
    except ValueError:  # not exactly two dates, or an impossible one
        return None
    return (start, end) if end > start else None


async def dates_typed(update: Update, context: Context, turn: Turn, state: State) -> None:
    assert update.effective_message and update.effective_message.text is not None
    draft = await draft_of(turn, "newprogram")
    if draft is None:
        turn.say("lead.draft_gone")
        return
    dates = _dates(update.effective_message.text)
    if dates is None:
        await await_text(turn, "lead.program_dates")
        turn.say("lead.bad_dates")
        return
    await _create(turn, draft, *dates)


# -- /status and /close, once the program is chosen -----------------------------------------


@lead_step("st", open_only=False)
async def _show_status(turn: Turn, program: Program) -> Reply:
    return status_text(turn, await participation_summary(turn.db, program.id, turn.now)), None


@lead_step("cl", open_only=True)
async def _confirm_close(turn: Turn, program: Program) -> Reply:
    markup = buttons([[(turn.t("lead.close_yes"), f"cl:y:{program.id}")], cancel_row(turn)])
    return turn.t("lead.close_confirm", program=program.name,
                  days=program.final_window_days), markup


# -- /close ----------------------------------------------------------------------------------


@transactional
async def close_confirmed(update: Update, context: Context, turn: Turn) -> None:
    program = await program_from_button(update, turn, open_only=True)
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
        application.add_handler(CommandHandler(command, lead_command(action), filters=PRIVATE))
    step = STEP
    for pattern, callback in (
        (r"^lead:cancel$", cancel),
        (rf"^lx:{step}$", cancel_step),
        (rf"^np:tz:{step}:[A-Za-z_/+-]+$", timezone_pressed),
        (rf"^np:d:{step}$", default_dates),
        (PICK_PATTERN, program_picked),
        (r"^cl:y:\d{1,9}$", close_confirmed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
