"""/settings: a program's reminder delay, expiry window, quiet hours and optional modules,
changed by a lead with buttons.

Every change goes through `alliance.programs.setup.configure_program` (its validation, its audit
record), and the view that follows says what changed. Buttons carry the program and a preset;
a value that is not one of the presets is refused, so forged data cannot set anything else.
A value can also be typed (hours, or quiet hours like 22-7); it is validated the same way.
Prompts already scheduled keep their times, as with `alliance program set`.
"""

from __future__ import annotations

import logging
import math
import re
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.config import MIN_DELAY_HOURS
from alliance.core.models import Program
from alliance.programs.setup import (
    OPTIONAL_MODULES,
    ProgramError,
    ProgramOptions,
    configure_program,
)
from bot.callback_data import pressed
from bot.conversation import (
    await_text,
    draft_of,
    drop_draft,
    next_step,
    retire_buttons,
    save_draft,
)
from bot.handlers.common import PRIVATE
from bot.handlers.lead_programs import Reply, lead_command, lead_step, led_program, step_cancel
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)

REMINDER_HOURS = (6, 12, 24, 48)
EXPIRY_HOURS = (24, 48, 72, 168)
QUIET_HOURS = ((21, 8), (22, 7), (20, 9), (0, 0))  # (0, 0): no quiet hours
MAX_TYPED_HOURS = 24 * 31  # a typed delay past a month is a typo


def _hours(turn: Turn, minutes: int) -> str:
    hours = f"{minutes / 60:g}"
    return turn.t("settings.hours", hours=hours.replace(".", ",") if turn.lang == "fr" else hours)


def _quiet(turn: Turn, start: int, end: int) -> str:
    if start == end:
        return turn.t("settings.quiet_none")
    return f"{start:02d}:00–{end:02d}:00"


def _module_on(program: Program, module: str) -> bool:
    return (program.modules or {}).get(module) is True


def _switch(turn: Turn, on: bool) -> str:
    return turn.t("settings.on" if on else "settings.off")


def settings_text(turn: Turn, program: Program) -> str:
    modules = "\n".join(
        turn.t("settings.module_line", module=turn.t(f"settings.module.{m}"),
               state=_switch(turn, _module_on(program, m)))
        for m in OPTIONAL_MODULES
    )
    return turn.t(
        "settings.view", program=program.name,
        reminder=_hours(turn, program.reminder_delay_minutes),
        expiry=_hours(turn, program.expiry_minutes),
        quiet=_quiet(turn, program.quiet_start_hour, program.quiet_end_hour), modules=modules,
    )


@lead_step("set", open_only=True)
async def settings_view(turn: Turn, program: Program) -> Reply:
    """What the program is set to, with a button per setting and per module."""
    p = program.id
    rows = [
        [(turn.t("settings.button.reminder"), f"set:r:{p}"),
         (turn.t("settings.button.expiry"), f"set:e:{p}")],
        [(turn.t("settings.button.quiet"), f"set:q:{p}")],
        *[[(turn.t("settings.button.turn_off" if _module_on(program, m) else
                   "settings.button.turn_on", module=turn.t(f"settings.module.{m}")),
            f"set:m:{p}:{m}")] for m in OPTIONAL_MODULES],
        [(turn.t("settings.button.done"), f"set:k:{p}")],
    ]
    return settings_text(turn, program), buttons(rows)


def _choices(turn: Turn, program: Program, kind: str) -> Reply:
    """The presets for one setting, and Back to the settings."""
    p = program.id
    if kind == "r":
        cells = [(_hours(turn, h * 60), f"set:rh:{p}:{h}") for h in REMINDER_HOURS]
        question = turn.t("settings.ask_reminder",
                          current=_hours(turn, program.reminder_delay_minutes))
    elif kind == "e":
        cells = [(_hours(turn, h * 60), f"set:eh:{p}:{h}") for h in EXPIRY_HOURS]
        question = turn.t("settings.ask_expiry", current=_hours(turn, program.expiry_minutes))
    else:
        cells = [(_quiet(turn, a, b), f"set:qh:{p}:{a}-{b}") for a, b in QUIET_HOURS]
        question = turn.t("settings.ask_quiet",
                          current=_quiet(turn, program.quiet_start_hour, program.quiet_end_hour))
    rows = [cells[:2], cells[2:], [(turn.t("settings.button.typed"), f"set:t:{p}:{kind}")],
            [(turn.t("settings.button.back"), f"set:v:{p}")]]
    return question, buttons(rows)


async def _program(turn: Turn, context: Context) -> Program | None:
    return await led_program(turn, int(pressed(context)[1]), open_only=True)


@transactional
async def menu_pressed(update: Update, context: Context, turn: Turn) -> None:
    """v: the settings again; r/e/q: the presets of one setting; k: done (no buttons)."""
    kind = pressed(context)[0]
    program = await _program(turn, context)
    if program is None:
        return
    if kind == "v":
        turn.outbox.edit(*await settings_view(turn, program))
    elif kind == "k":
        turn.outbox.edit(settings_text(turn, program))
    else:
        turn.outbox.edit(*_choices(turn, program, kind))


def _options(turn: Turn, program: Program, kind: str, value: str) -> tuple[ProgramOptions, str]:
    """The change a preset asks for, and how to say it; ValueError for a value not offered."""
    if kind == "rh" and int(value) in REMINDER_HOURS:
        was = _hours(turn, program.reminder_delay_minutes)
        return ProgramOptions(reminder_hours=int(value)), turn.t(
            "settings.changed_reminder", was=was, now=_hours(turn, int(value) * 60))
    if kind == "eh" and int(value) in EXPIRY_HOURS:
        was = _hours(turn, program.expiry_minutes)
        return ProgramOptions(expiry_hours=int(value)), turn.t(
            "settings.changed_expiry", was=was, now=_hours(turn, int(value) * 60))
    if kind == "qh":
        start, end = (int(h) for h in value.split("-"))
        if (start, end) in QUIET_HOURS:
            was = _quiet(turn, program.quiet_start_hour, program.quiet_end_hour)
            return ProgramOptions(quiet_hours=(start, end)), turn.t(
                "settings.changed_quiet", was=was, now=_quiet(turn, start, end))
    if kind == "m" and value in OPTIONAL_MODULES:
        on = [m for m in OPTIONAL_MODULES if _module_on(program, m) != (m == value)]
        label = turn.t(f"settings.module.{value}")
        return ProgramOptions(modules=tuple(on)), turn.t(
            "settings.changed_module", module=label, now=_switch(turn, value in on))
    raise ValueError(value)


async def _apply(turn: Turn, program: Program, options: ProgramOptions, said: str) -> Reply | None:
    """Change the program and say what changed, with the settings again; None after a refusal
    (nothing changed)."""
    assert turn.person is not None
    reminder = options.reminder_hours or program.reminder_delay_minutes / 60
    expiry = options.expiry_hours or program.expiry_minutes / 60
    if reminder >= expiry:  # what configure_program would refuse, said in the lead's words
        turn.refuse("settings.reminder_before_expiry", reminder=_hours(turn, round(reminder * 60)),
                    expiry=_hours(turn, round(expiry * 60)))
        return None
    try:
        program = await configure_program(session=turn.db, program_id=program.id,
                                          options=options, actor_id=turn.person.id)
    except ProgramError:  # a delay under the minimum (typed): the minimum is named
        turn.refuse("settings.bad_hours", minimum=_hours(turn, round(MIN_DELAY_HOURS * 60)))
        return None
    log.info("person %s changed the settings of program %s", turn.person.id, program.id)
    text, markup = await settings_view(turn, program)
    return said + "\n\n" + text, markup


@transactional
async def value_pressed(update: Update, context: Context, turn: Turn) -> None:
    kind, program_id, value = pressed(context)
    program = await led_program(turn, int(program_id), open_only=True)
    if program is None or turn.person is None:
        return
    try:
        options, said = _options(turn, program, kind, value)
    except ValueError:
        turn.refuse("fallback.button_toast")
        return
    reply = await _apply(turn, program, options, said)
    if reply is not None:
        turn.outbox.edit(*reply)


# -- a typed value ---------------------------------------------------------------------------

_TYPED_KIND = {"r": "rh", "e": "eh", "q": "qh"}  # the setting → its preset's kind


@transactional
async def typed_pressed(update: Update, context: Context, turn: Turn) -> None:
    """Wait for a typed value instead of a preset; Cancel carries the draft's step mark."""
    assert update.callback_query and update.callback_query.message
    program_id, kind = pressed(context)
    program = await led_program(turn, int(program_id), open_only=True)
    if program is None:
        return
    draft = next_step({"flow": "setting", "program_id": program.id, "kind": kind,
                       "m": update.callback_query.message.message_id})
    await save_draft(turn, draft)
    await await_text(turn, "lead.setting_value")
    turn.outbox.edit(turn.t(f"settings.type_{kind}"), buttons([step_cancel(turn, draft)]))


def _typed_options(
    turn: Turn, program: Program, kind: str, text: str
) -> tuple[ProgramOptions, str]:
    """The change a typed value asks for (hours like "36" or "1,5"; quiet hours like "22-7" or
    "none"); ValueError when it is none of these."""
    text = text.strip().lower().replace(",", ".")
    if kind == "q":
        if text in (turn.t("settings.quiet_none").lower(), "none", "0-0"):
            start, end = 0, 0
        else:
            start, end = (int(part) for part in re.split(r"\s*[-–]\s*", text.removesuffix("h")))
        if not (0 <= start <= 23 and 0 <= end <= 23):
            raise ValueError(text)
        was = _quiet(turn, program.quiet_start_hour, program.quiet_end_hour)
        return ProgramOptions(quiet_hours=(start, end)), turn.t(
            "settings.changed_quiet", was=was, now=_quiet(turn, start, end))
    hours = float(text.removesuffix("h").strip())
    if not math.isfinite(hours) or hours > MAX_TYPED_HOURS:
        raise ValueError(text)
    shown = _hours(turn, round(hours * 60))
    if kind == "r":
        return ProgramOptions(reminder_hours=hours), turn.t(
            "settings.changed_reminder", was=_hours(turn, program.reminder_delay_minutes),
            now=shown)
    return ProgramOptions(expiry_hours=hours), turn.t(
        "settings.changed_expiry", was=_hours(turn, program.expiry_minutes), now=shown)


async def value_typed(update: Update, context: Context, turn: Turn, state: Any) -> None:
    assert update.effective_message and update.effective_message.text is not None
    draft = await draft_of(turn, "setting")
    if draft is None or turn.person is None:
        turn.say("lead.draft_gone")
        return
    program = await led_program(turn, draft["program_id"], open_only=True)
    if program is None:
        return
    try:
        options, said = _typed_options(turn, program, draft["kind"],
                                       update.effective_message.text)
    except ValueError:
        await await_text(turn, "lead.setting_value")
        turn.say(f"settings.bad_{draft['kind']}")
        return
    reply = await _apply(turn, program, options, said)
    if reply is None:  # refused: ask again
        await await_text(turn, "lead.setting_value")
        return
    retire_buttons(turn, draft)
    await drop_draft(turn)
    turn.outbox.reply(*reply)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("settings", lead_command("set"), filters=PRIVATE))
    application.add_handler(
        CallbackQueryHandler(menu_pressed, pattern=r"^set:(v|k|r|e|q):(\d{1,9})$"))
    application.add_handler(
        CallbackQueryHandler(typed_pressed, pattern=r"^set:t:(\d{1,9}):(r|e|q)$"))
    value = r"(\d{1,3}|\d{1,2}-\d{1,2}|[a-z_]{1,20})"  # hours, quiet hours, a module
    application.add_handler(CallbackQueryHandler(
        value_pressed, pattern=rf"^set:(rh|eh|qh|m):(\d{{1,9}}):{value}$"))
