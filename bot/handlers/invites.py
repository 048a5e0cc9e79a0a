"""/invites: the program's invitations and what became of them; resend a fresh link, revoke one.

Buttons carry the invite's id only; each tap re-checks that the person leads its program and
that the invite is still the person's latest, so a list shown before a resend cannot act on
the superseded link. Revoking asks first; a fresh link is shown once, in a message of its own.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.models import Invite, Person, Program
from alliance.core.zones import zone_of
from alliance.enrolment.invite_admin import (
    InviteLine,
    program_invites,
    resend_invite,
    revocable_invite,
    revoke_invite,
)
from alliance.enrolment.invites import InviteError
from alliance.programs.leads import LeadError
from bot.callback_data import pressed
from bot.handlers.common import PRIVATE
from bot.handlers.invite_link import link_text
from bot.handlers.lead_programs import (
    Reply,
    cancel_row,
    lead_command,
    lead_step,
    led_program,
)
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)

LINES_SHOWN = 30  # a list stays far under Telegram's 4096 characters
WITH_BUTTONS = 12  # rows of buttons: the latest invitations that can still change
LABEL = 24  # characters of a name on a button

_INVITE_PROBLEMS = ("used", "expired", "revoked", "superseded")


def _short(name: str) -> str:
    return name if len(name) <= LABEL else name[: LABEL - 1] + "…"


def _line(turn: Turn, line: InviteLine, zone: str) -> str:
    role = turn.t(f"role.{line.invite.role.value}")
    state = turn.t(f"invites.state.{line.state.value}")
    if line.can_revoke:
        until = line.invite.expires_at.astimezone(ZoneInfo(zone)).date().isoformat()
        state = turn.t("invites.state.pending_until", until=until)
    return turn.t("invites.line", name=line.name, role=role, state=state)


@lead_step("ivl", open_only=True)
async def invite_list(turn: Turn, program: Program) -> Reply:
    """The list with a resend (and, while pending, a revoke) button per invited person."""
    assert turn.person is not None
    lines = await program_invites(turn.db, program.id, turn.now)
    if not lines:
        return turn.t("invites.none", program=program.name), None
    zone = zone_of(turn.person.timezone, program.timezone)
    text = [turn.t("invites.title", program=program.name)]
    text += [_line(turn, line, zone) for line in lines[:LINES_SHOWN]]
    if len(lines) > LINES_SHOWN:
        text.append(turn.t("invites.more", count=len(lines) - LINES_SHOWN))
    rows = []
    for line in [line for line in lines if line.can_resend][:WITH_BUTTONS]:
        row = [(turn.t("invites.resend", name=_short(line.name)), f"iv:s:{line.invite.id}")]
        if line.can_revoke:
            row.append((turn.t("invites.revoke", name=_short(line.name)),
                        f"iv:x:{line.invite.id}"))
        rows.append(row)
    text.append(turn.t("invites.hint" if rows else "invites.all_used"))
    return "\n".join(text), buttons([*rows, cancel_row(turn)])


async def _program_of(turn: Turn, invite_id: int) -> tuple[Invite, Program] | None:
    invite = await turn.db.get(Invite, invite_id)
    if invite is None:
        turn.refuse("fallback.button_toast")
        return None
    program = await led_program(turn, invite.program_id, open_only=True)
    return (invite, program) if program is not None else None


def _refuse(turn: Turn, exc: Exception) -> None:
    if isinstance(exc, LeadError):
        turn.refuse(f"lead.{exc}")
    elif str(exc) in _INVITE_PROBLEMS:
        turn.refuse(f"invites.refused.{exc}")
    else:
        turn.refuse("fallback.button_toast")


@transactional
async def resend_pressed(update: Update, context: Context, turn: Turn) -> None:
    found = await _program_of(turn, int(pressed(context)[0]))
    if found is None or turn.person is None:
        return
    invite, program = found
    try:
        issued = await resend_invite(
            turn.db, lead_id=turn.person.id, invite_id=invite.id,
            ttl=timedelta(days=turn.services.settings.alliance_invite_ttl_days), now=turn.now,
        )
    except (LeadError, InviteError) as exc:
        _refuse(turn, exc)
        return
    turn.outbox.edit(*await invite_list(turn, program))
    turn.outbox.reply(turn.t("invites.resent") + "\n\n" + link_text(turn, context, program, issued))
    log.info("person %s resent invite %s as %s", turn.person.id, invite.id, issued.invite.id)


@transactional
async def revoke_pressed(update: Update, context: Context, turn: Turn) -> None:
    """Ask first: a revoked link cannot be brought back (a fresh one can be sent)."""
    found = await _program_of(turn, int(pressed(context)[0]))
    if found is None:
        return
    invite, program = found
    assert turn.person is not None
    try:
        await revocable_invite(turn.db, lead_id=turn.person.id, invite_id=invite.id, now=turn.now)
    except (LeadError, InviteError) as exc:
        _refuse(turn, exc)
        return
    person = await turn.db.get(Person, invite.person_id)
    markup = buttons([[(turn.t("invites.revoke_yes"), f"iv:y:{invite.id}")],
                      [(turn.t("button.cancel"), f"iv:l:{program.id}")]])
    name = (person.display_name if person else None) or "?"
    turn.outbox.edit(turn.t("invites.revoke_confirm", name=name), markup)


@transactional
async def revoke_confirmed(update: Update, context: Context, turn: Turn) -> None:
    found = await _program_of(turn, int(pressed(context)[0]))
    if found is None or turn.person is None:
        return
    invite, program = found
    try:
        await revoke_invite(turn.db, lead_id=turn.person.id, invite_id=invite.id, now=turn.now)
    except (LeadError, InviteError) as exc:
        _refuse(turn, exc)
        return
    person = await turn.db.get(Person, invite.person_id)
    text, markup = await invite_list(turn, program)
    name = (person.display_name if person else None) or "?"
    turn.outbox.edit(turn.t("invites.revoked", name=name) + "\n\n" + text, markup)
    log.info("person %s revoked invite %s", turn.person.id, invite.id)


@transactional
async def back_to_list(update: Update, context: Context, turn: Turn) -> None:
    """Cancel of the revoke question: the list again, as it is now."""
    program = await led_program(turn, int(pressed(context)[0]), open_only=True)
    if program is not None:
        turn.outbox.edit(*await invite_list(turn, program))


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("invites", lead_command("ivl"), filters=PRIVATE))
    for pattern, callback in (
        (r"^iv:s:(\d{1,9})$", resend_pressed),
        (r"^iv:x:(\d{1,9})$", revoke_pressed),
        (r"^iv:y:(\d{1,9})$", revoke_confirmed),
        (r"^iv:l:(\d{1,9})$", back_to_list),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
