"""Which program a lead acts on (the shared gate and picker of every lead command), and the
pieces every lead flow's steps share.

A lead command (`lead_command`) goes straight to its step when the person leads one usable
program and otherwise asks which, with a Cancel button. Every step re-checks that the person
leads the program named in the button (`lead_program`), so an old or forged button cannot act
on someone else's program. Modules add their steps with `lead_step`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from alliance.core.models import Program, ProgramStatus
from alliance.core.typed_text import clean_line
from alliance.programs.leads import LeadError, lead_program, led_programs
from bot.conversation import await_text
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import Context
from bot.views import buttons

Reply = tuple[str, InlineKeyboardMarkup | None]
Step = Callable[[Turn, Program], Awaitable[Reply]]

# action → (the step once the program is known, whether the program must still be open)
STEPS: dict[str, tuple[Step, bool]] = {}
PICK_PATTERN = r"^pick:([a-z]{1,4}):\d{1,9}$"  # ids fit 32 bits, as in callback_data


def cancel_row(turn: Turn) -> list[tuple[str, str]]:
    return [(turn.t("button.cancel"), "lead:cancel")]


def lead_step(action: str, *, open_only: bool) -> Callable[[Step], Step]:
    """Register the step a lead command leads to once its program is known."""

    def register(step: Step) -> Step:
        STEPS[action] = (step, open_only)
        return step

    return register


async def usable_programs(turn: Turn, *, open_only: bool) -> list[Program] | None:
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


async def led_program(turn: Turn, program_id: int, *, open_only: bool) -> Program | None:
    """The program, if this person leads it; None after a refusal."""
    if turn.person is None:
        turn.refuse("error.not_enrolled")
        return None
    try:
        return await lead_program(turn.db, turn.person.id, program_id, open_only=open_only)
    except LeadError as exc:
        turn.refuse(f"lead.{exc}")
        return None


async def program_from_button(update: Update, turn: Turn, *, open_only: bool) -> Program | None:
    """The program named by the pressed button's last field, if this person leads it."""
    assert update.callback_query and update.callback_query.data
    program_id = int(update.callback_query.data.rsplit(":", 1)[1])
    return await led_program(turn, program_id, open_only=open_only)


def lead_command(action: str) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """A command that goes straight to its step for a lead of one program, else asks which."""

    async def command(update: Update, context: Context, turn: Turn) -> None:
        step, open_only = STEPS[action]
        programs = await usable_programs(turn, open_only=open_only)
        if programs is None:
            return
        if len(programs) == 1:
            turn.outbox.reply(*await step(turn, programs[0]))
            return
        rows = [[(p.name, f"pick:{action}:{p.id}")] for p in programs]
        turn.say("lead.pick_program", buttons([*rows, cancel_row(turn)]))

    return transactional(command)


@transactional
async def program_picked(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    found = STEPS.get(update.callback_query.data.split(":")[1])
    if found is None:
        turn.refuse("fallback.button_toast")
        return
    step, open_only = found
    program = await program_from_button(update, turn, open_only=open_only)
    if program is not None:
        turn.outbox.edit(*await step(turn, program))


# -- steps of a lead's draft ------------------------------------------------------------------

NAME_LIMIT = 200  # people.display_name, programs.name
STEP = r"[0-9a-f]{6}"  # the step mark of `bot.conversation.next_step` in callback data


def step_cancel(turn: Turn, draft: dict[str, Any]) -> list[tuple[str, str]]:
    """Cancel for the draft's current step: a Cancel of an earlier step no longer matches."""
    return [(turn.t("button.cancel"), f"lx:{draft['n']}")]


def pressed_step(update: Update) -> str:
    """The step mark a button carries as its last field (`lx:<step>`, `np:d:<step>`)."""
    assert update.callback_query and update.callback_query.data
    return update.callback_query.data.rsplit(":", 1)[1]


async def name_given(update: Update, turn: Turn, input_name: str) -> str | None:
    """The typed name, cleaned, or None after asking again (empty, too long)."""
    assert update.effective_message and update.effective_message.text is not None
    name = clean_line(update.effective_message.text)
    if name and len(name) <= NAME_LIMIT:
        return name
    await await_text(turn, input_name)
    turn.say("lead.bad_name", limit=NAME_LIMIT)
    return None
