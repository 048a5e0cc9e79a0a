"""/report: the lead's analysis, prepared off the event loop and sent as text + PDF.

Only aggregates go to Telegram; row-level data stays with the operator (`alliance export`).
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from alliance.core.audit import record
from alliance.core.models import Program
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind
from alliance.programs.setup import programs_led_by
from bot.handlers.lead_programs import cancel_row
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)


@transactional
async def report_command(update: Update, context: Context, turn: Turn) -> None:
    programs = (
        await programs_led_by(session=turn.db, person_id=turn.person.id)
        if (turn.person is not None)
        else []
    )
    if not programs:
        turn.say("lead.not_lead")
    elif len(programs) == 1:
        await _start_report(update, context, turn, programs[0])
    else:
        rows = [[(p.name, f"rp:{p.id}")] for p in programs]
        turn.say("report.pick_program", buttons([*rows, cancel_row(turn)]))


@transactional
async def program_picked(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    program_id = int(update.callback_query.data.split(":")[1])
    led = (
        await programs_led_by(session=turn.db, person_id=turn.person.id)
        if (turn.person is not None)
        else []
    )
    program = next((p for p in led if p.id == program_id), None)
    if program is None:  # a forged or stale button: refuse, change nothing
        turn.refuse("lead.not_lead")
        return
    turn.outbox.edit(turn.t("report.pick_program") + f"\n→ {program.name}")
    await _start_report(update, context, turn, program)


async def _start_report(
    update: Update, context: Context, turn: Turn, program: Program
) -> None:
    """Tell the lead it is coming; the delivery loop builds and sends it (off the event loop),
    so the bot keeps answering others and a restart does not lose the request."""
    assert turn.person is not None
    record(turn.db, "report_requested", actor_id=turn.person.id, program_id=program.id,
           via="telegram")
    turn.say("report.preparing", program=program.name)
    await enqueue(
        turn.db, kind=OutboundKind.REPORT_DOCUMENT, key=f"report:{program.id}:{update.update_id}",
        recipient_id=turn.person.id, due_at=turn.now, program_id=program.id,
    )


def register(application: AnyApplication) -> None:
    application.add_handler(
        CommandHandler("report", report_command, filters=filters.ChatType.PRIVATE)
    )
    application.add_handler(CallbackQueryHandler(program_picked, pattern=r"^rp:\d{1,9}$"))
