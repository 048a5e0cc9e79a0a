"""/invite in Telegram: role, the person's name, the coach of a coachee → a one-time link.

The name waits in a draft (`bot.conversation`) while the coach is chosen; each step's buttons
carry the draft's step mark, so a button of an earlier step cannot act.
"""

from __future__ import annotations

import logging
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler

from alliance.core.models import Program, Role
from alliance.core.zones import zone_of
from alliance.enrolment.invites import InviteError, IssuedInvite
from alliance.programs.leads import INVITABLE_ROLES, LeadError, invite_to_program, program_coaches
from bot.conversation import (
    ask,
    await_text,
    draft_at,
    draft_of,
    drop_draft,
    next_step,
    retire_buttons,
    save_draft,
)
from bot.handlers.lead_programs import (
    STEP,
    Reply,
    cancel_row,
    lead_step,
    name_given,
    program_from_button,
    step_cancel,
)
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)
State = dict[str, Any]


@lead_step("inv", open_only=True)
async def ask_role(turn: Turn, program: Program) -> Reply:
    roles = [(turn.t(f"role.{r.value}"), f"inv:r:{r.value}:{program.id}") for r in INVITABLE_ROLES]
    return turn.t("lead.ask_role", program=program.name), buttons([roles, cancel_row(turn)])


@transactional
async def invite_role_pressed(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    assert update.callback_query.message is not None
    program = await program_from_button(update, turn, open_only=True)
    if program is None:
        return
    role = Role(update.callback_query.data.split(":")[2])
    if role == Role.COACHEE and not await program_coaches(turn.db, program.id):
        turn.refuse("lead.no_coach_yet")
        return
    draft = next_step({"flow": "invite", "program_id": program.id, "role": role.value,
                       "m": update.callback_query.message.message_id})
    await save_draft(turn, draft)
    await await_text(turn, "lead.invitee_name")
    turn.outbox.edit(turn.t("lead.ask_invitee_name", role=turn.t(f"role.{role.value}")),
                     buttons([step_cancel(turn, draft)]))


def link_text(turn: Turn, context: Context, program: Program, issued: IssuedInvite) -> str:
    """The one time a link is shown: only its hash is stored, so it cannot be shown again."""
    assert turn.person is not None
    zone = zone_of(turn.person.timezone, program.timezone)  # the lead's own calendar
    return turn.t(
        "lead.invite_link",
        name=issued.person.display_name or "?",
        role=turn.t(f"role.{issued.invite.role.value}"),
        program=program.name,
        link=issued.link(context.bot.username),
        expires=issued.invite.expires_at.astimezone(ZoneInfo(zone)).date().isoformat(),
    )


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
    link = link_text(turn, context, program, issued)
    if turn.tapped:
        turn.outbox.edit(link)
    else:
        turn.outbox.reply(link)
    log.info("person %s invited person %s as %s", turn.person.id, issued.person.id, draft["role"])


async def invitee_name_given(update: Update, context: Context, turn: Turn, state: State) -> None:
    draft = await draft_of(turn, "invite")
    if draft is None or turn.person is None:
        turn.say("lead.draft_gone")
        return
    name = await name_given(update, turn, "lead.invitee_name")
    if name is None:
        return
    draft = next_step({**retire_buttons(turn, draft), "name": name})
    await save_draft(turn, draft)
    if draft["role"] != Role.COACHEE.value:
        await _issue(turn, context, draft, None)
        return
    coaches = await program_coaches(turn.db, draft["program_id"])
    cells = [(c.display_name or "?", f"inv:c:{draft['n']}:{c.id}") for c in coaches]
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    ask(turn, turn.t("lead.ask_coach", name=name), buttons([*rows, step_cancel(turn, draft)]))


@transactional
async def coach_pressed(update: Update, context: Context, turn: Turn) -> None:
    """The coach for the coachee being invited; `invite_to_program` re-checks the lead."""
    assert update.callback_query and update.callback_query.data
    _, _, step, coach_id = update.callback_query.data.split(":")
    draft = await draft_at(turn, "invite", step)
    if draft is None or "name" not in draft or turn.person is None:
        turn.refuse("lead.step_over")
        return
    await _issue(turn, context, draft, int(coach_id))


def register(application: AnyApplication) -> None:
    for pattern, callback in (
        (r"^inv:r:(coach|coachee):\d{1,9}$", invite_role_pressed),
        (rf"^inv:c:{STEP}:\d{{1,9}}$", coach_pressed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
