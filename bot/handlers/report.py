"""/report: the lead's analysis, prepared off the event loop and sent as text + PDF.

Only aggregates go to Telegram; row-level data stays with the operator (`alliance export`).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import tempfile
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from alliance.audit import record
from alliance.models import Program
from alliance.programs import programs_led_by
from bot.keyboards import buttons
from bot.runtime import Turn, services_of, transactional
from bot.texts import t

log = logging.getLogger(__name__)


@transactional
async def report_command(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    programs = (
        await programs_led_by(session=turn.db, person_id=turn.person.id)
        if (turn.person is not None)
        else []
    )
    if not programs:
        turn.say("lead.not_lead")
    elif len(programs) == 1:
        _start_report(update, context, turn, programs[0])
    else:
        turn.say("report.pick_program", buttons([[(p.name, f"rp:{p.id}")] for p in programs]))


@transactional
async def program_picked(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    program_id = int(update.callback_query.data.split(":")[1])
    led = (
        await programs_led_by(session=turn.db, person_id=turn.person.id)
        if (turn.person is not None)
        else []
    )
    program = next((p for p in led if p.id == program_id), None)
    if program is None:  # a forged or stale button: refuse, change nothing
        turn.say("lead.not_lead")
        return
    turn.outbox.edit(turn.t("report.pick_program") + f"\n→ {program.name}")
    _start_report(update, context, turn, program)


def _start_report(
    update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn, program: Program
) -> None:
    """Tell the lead it is coming, then build it in a task so the bot keeps answering others."""
    assert update.effective_chat is not None
    record(turn.db, "report_requested", actor_id=turn.person.id if turn.person else None,
           program_id=program.id, via="telegram")
    turn.say("report.preparing", program=program.name)
    context.application.create_task(
        _send_report(context, update.effective_chat.id, program.id, turn.lang),
        update=update,
    )


async def _send_report(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, program_id: int, lang: str
) -> None:
    services = services_of(context)
    bot = context.bot
    try:
        # pandas, statsmodels, matplotlib: loaded on first use, in a worker thread, because the
        # import takes seconds and would hold every other chat (and the "preparing" reply) back
        reporting = await asyncio.to_thread(importlib.import_module, "alliance.reporting")
        with tempfile.TemporaryDirectory(prefix="alliance-report-") as folder:
            bundle = await reporting.build_report(
                services.session_factory,
                program_id,
                Path(folder),
                lang=lang,
                now=services.clock.now(),
            )
            await bot.send_message(chat_id, bundle.summary)
            for chart in bundle.charts:  # aggregates only, suppressed as in the PDF
                await bot.send_photo(chat_id, chart.read_bytes(), filename=chart.name)
            await bot.send_document(
                chat_id,
                bundle.pdf.read_bytes(),
                filename=bundle.pdf.name,
                caption=t(lang, "report.pdf_caption"),
            )
    except TelegramError:
        log.warning("report for program %s could not be delivered", program_id)
    except Exception:
        log.exception("report for program %s failed", program_id)
        try:
            await bot.send_message(chat_id, t(lang, "report.failed"))
        except TelegramError:
            log.warning("could not tell chat of program %s's lead", program_id)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(
        CommandHandler("report", report_command, filters=filters.ChatType.PRIVATE)
    )
    application.add_handler(CallbackQueryHandler(program_picked, pattern=r"^rp:\d{1,9}$"))
