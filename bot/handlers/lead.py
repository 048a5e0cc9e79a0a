"""Program leads in Telegram: create a program, invite people, watch participation, close.

Every step re-checks that the person leads the program named in the button (`lead_program`),
so an old or forged button cannot act on someone else's program. Drafts between steps (a new
program's name, a coachee's name while the coach is chosen) live in `user_data` only; nothing is
written until the last step.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from alliance.closing import close_program
from alliance.confidentiality import MIN_DYADS_SHOWN
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
from alliance.participation import Participation, PromptTally, participation_summary
from alliance.programs import ProgramError
from bot.handlers.common import PRIVATE, dispatch_soon
from bot.keyboards import buttons
from bot.runtime import Turn, await_text, take_awaited, text_input, transactional

log = logging.getLogger(__name__)
Ctx = ContextTypes.DEFAULT_TYPE
State = dict[str, Any]
Reply = tuple[str, InlineKeyboardMarkup | None]
Step = Callable[[Turn, Program], Awaitable[Reply]]

DRAFT = "lead_draft"
NAME_LIMIT = 200
COMMON_ZONES = (
    "America/Montreal",
    "America/Toronto",
    "America/Halifax",
    "America/Winnipeg",
    "America/Edmonton",
    "America/Vancouver",
    "Europe/Paris",
    "Europe/London",
    "UTC",
)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _cancel_row(turn: Turn) -> list[tuple[str, str]]:
    return [(turn.t("button.cancel"), "lead:cancel")]


def _draft(context: Ctx, flow: str) -> dict[str, Any] | None:
    assert context.user_data is not None
    draft: dict[str, Any] | None = context.user_data.get(DRAFT)
    return draft if draft is not None and draft.get("flow") == flow else None


async def _programs(turn: Turn, *, open_only: bool) -> list[Program] | None:
    """The programs this person leads, or None (after saying why) when they may not act."""
    if turn.person is None:
        turn.say("error.not_enrolled")
        return None
    programs = await led_programs(turn.db, turn.person.id)
    usable = [p for p in programs if p.status == ProgramStatus.ACTIVE] if open_only else programs
    if not usable:
        turn.say("lead.no_open_program" if programs else "lead.not_lead")
        return None
    return usable


async def _program_from_button(update: Update, turn: Turn, *, open_only: bool) -> Program | None:
    """The program named by the pressed button's last field, if this person leads it."""
    assert update.callback_query and update.callback_query.data
    if turn.person is None:
        turn.outbox.edit(turn.t("error.not_enrolled"))
        return None
    program_id = int(update.callback_query.data.rsplit(":", 1)[1])
    try:
        return await lead_program(turn.db, turn.person.id, program_id, open_only=open_only)
    except LeadError as exc:
        turn.outbox.edit(turn.t(f"lead.{exc}"))
        return None


def _name_given(update: Update, context: Ctx, turn: Turn, input_name: str) -> str | None:
    """The typed name, or None after asking again (empty or too long)."""
    assert update.effective_message and update.effective_message.text is not None
    name = update.effective_message.text.strip()
    if name and len(name) <= NAME_LIMIT:
        return name
    await_text(context, input_name)
    turn.say("lead.bad_name", limit=NAME_LIMIT)
    return None


@transactional
async def cancel(update: Update, context: Ctx, turn: Turn) -> None:
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    take_awaited(context)
    turn.outbox.edit(turn.t("lead.cancelled"))


# -- /newprogram -----------------------------------------------------------------------------


@transactional
async def new_program(update: Update, context: Ctx, turn: Turn) -> None:
    if await _programs(turn, open_only=False) is None:
        return
    assert context.user_data is not None
    context.user_data[DRAFT] = {"flow": "newprogram"}
    await_text(context, "lead.program_name")
    turn.say("lead.ask_program_name", buttons([_cancel_row(turn)]))


@text_input("lead.program_name")
async def program_name_given(update: Update, context: Ctx, turn: Turn, state: State) -> None:
    draft = _draft(context, "newprogram")
    if draft is None:
        turn.say("lead.draft_gone")
        return
    name = _name_given(update, context, turn, "lead.program_name")
    if name is None:
        return
    draft["name"] = name
    await_text(context, "lead.program_timezone")
    default = turn.services.settings.alliance_timezone
    zones = [default, *(z for z in COMMON_ZONES if z != default)]
    rows = [[(z, f"np:tz:{z}") for z in zones[i : i + 3]] for i in range(0, len(zones), 3)]
    turn.say("lead.ask_timezone", buttons([*rows, _cancel_row(turn)]))


async def _timezone_chosen(turn: Turn, context: Ctx, zone: str) -> None:
    draft = _draft(context, "newprogram")
    if draft is None or "name" not in draft:
        turn.say("lead.draft_gone")
        return
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        await_text(context, "lead.program_timezone")
        turn.say("lead.bad_timezone")
        return
    draft["timezone"] = zone
    await_text(context, "lead.program_dates")
    dates = buttons([[(turn.t("lead.dates_default"), "np:dates")], _cancel_row(turn)])
    turn.say("lead.ask_dates", dates)


@text_input("lead.program_timezone")
async def timezone_typed(update: Update, context: Ctx, turn: Turn, state: State) -> None:
    assert update.effective_message and update.effective_message.text is not None
    await _timezone_chosen(turn, context, update.effective_message.text.strip())


@transactional
async def timezone_pressed(update: Update, context: Ctx, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    take_awaited(context)
    await _timezone_chosen(turn, context, update.callback_query.data.split(":", 2)[2])


async def _create(turn: Turn, context: Ctx, start: date | None, end: date | None) -> None:
    draft = _draft(context, "newprogram")
    assert context.user_data is not None
    if draft is None or "timezone" not in draft or await _programs(turn, open_only=False) is None:
        turn.say("lead.draft_gone")
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
        turn.say("lead.bad_dates")
        return
    context.user_data.pop(DRAFT, None)
    turn.say(
        "lead.program_created",
        program=program.name,
        timezone=program.timezone,
        start=program.start_date.isoformat(),
        end=program.end_date.isoformat(),
    )
    log.info("person %s created program %s", turn.person.id, program.id)


@transactional
async def default_dates(update: Update, context: Ctx, turn: Turn) -> None:
    take_awaited(context)
    await _create(turn, context, None, None)


def _dates(text: str) -> tuple[date, date] | None:
    """Two ISO dates, start before end; anything else is None."""
    try:
        start, end = (date.fromisoformat(found) for found in _DATE.findall(text))
    except ValueError:  # not exactly two dates, or an impossible one
        return None
    return (start, end) if end > start else None


@text_input("lead.program_dates")
async def dates_typed(update: Update, context: Ctx, turn: Turn, state: State) -> None:
    assert update.effective_message and update.effective_message.text is not None
    dates = _dates(update.effective_message.text)
    if dates is None:
        await_text(context, "lead.program_dates")
        turn.say("lead.bad_dates")
        return
    await _create(turn, context, *dates)


# -- choosing the program: /invite, /status and /close share it ----------------------------


async def _ask_role(turn: Turn, program: Program) -> Reply:
    roles = [(turn.t(f"role.{r.value}"), f"inv:r:{r.value}:{program.id}") for r in INVITABLE_ROLES]
    return turn.t("lead.ask_role", program=program.name), buttons([roles, _cancel_row(turn)])


async def _show_status(turn: Turn, program: Program) -> Reply:
    return status_text(turn, await participation_summary(turn.db, program.id)), None


async def _confirm_close(turn: Turn, program: Program) -> Reply:
    markup = buttons([[(turn.t("lead.close_yes"), f"cl:y:{program.id}")], _cancel_row(turn)])
    return turn.t("lead.close_confirm", program=program.name), markup


# action → (the step once the program is known, whether the program must still be open)
_STEPS: dict[str, tuple[Step, bool]] = {
    "inv": (_ask_role, True),
    "st": (_show_status, False),
    "cl": (_confirm_close, True),
}


def _lead_command(action: str) -> Callable[[Update, Ctx], Coroutine[Any, Any, None]]:
    """A command that goes straight to its step for a lead of one program, else asks which."""
    step, open_only = _STEPS[action]

    async def command(update: Update, context: Ctx, turn: Turn) -> None:
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
async def program_picked(update: Update, context: Ctx, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    step, open_only = _STEPS[update.callback_query.data.split(":")[1]]
    program = await _program_from_button(update, turn, open_only=open_only)
    if program is not None:
        turn.outbox.edit(*await step(turn, program))


# -- /invite ---------------------------------------------------------------------------------


@transactional
async def invite_role_pressed(update: Update, context: Ctx, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data
    program = await _program_from_button(update, turn, open_only=True)
    if program is None:
        return
    role = Role(update.callback_query.data.split(":")[2])
    if role == Role.COACHEE and not await program_coaches(turn.db, program.id):
        turn.outbox.edit(turn.t("lead.no_coach_yet"))
        return
    assert context.user_data is not None
    context.user_data[DRAFT] = {"flow": "invite", "program_id": program.id, "role": role.value}
    await_text(context, "lead.invitee_name")
    turn.outbox.edit(turn.t("lead.ask_invitee_name", role=turn.t(f"role.{role.value}")))


async def _issue(turn: Turn, context: Ctx, draft: State, coach_id: int | None) -> None:
    assert turn.person is not None and context.user_data is not None
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
        turn.say(f"lead.{exc}" if isinstance(exc, LeadError) else "lead.invite_failed")
        return
    context.user_data.pop(DRAFT, None)
    program = await turn.db.get(Program, draft["program_id"])
    assert program is not None
    expires = issued.invite.expires_at.astimezone(ZoneInfo(program.timezone)).date()
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
async def invitee_name_given(update: Update, context: Ctx, turn: Turn, state: State) -> None:
    draft = _draft(context, "invite")
    if draft is None or turn.person is None:
        turn.say("lead.draft_gone")
        return
    name = _name_given(update, context, turn, "lead.invitee_name")
    if name is None:
        return
    draft["name"] = name
    if draft["role"] != Role.COACHEE.value:
        await _issue(turn, context, draft, None)
        return
    coaches = await program_coaches(turn.db, draft["program_id"])
    cells = [(c.display_name or "?", f"inv:c:{c.id}") for c in coaches]
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    turn.say("lead.ask_coach", buttons([*rows, _cancel_row(turn)]), name=name)


@transactional
async def coach_pressed(update: Update, context: Ctx, turn: Turn) -> None:
    """The coach for the coachee being invited; `invite_to_program` re-checks the lead."""
    assert update.callback_query and update.callback_query.data
    draft = _draft(context, "invite")
    if draft is None or "name" not in draft or turn.person is None:
        turn.outbox.edit(turn.t("lead.draft_gone"))
        return
    await _issue(turn, context, draft, int(update.callback_query.data.split(":")[2]))


# -- /status and /close ----------------------------------------------------------------------


def _tally(turn: Turn, tally: PromptTally | None) -> str:
    if tally is None:
        return turn.t("lead.status_hidden", min=MIN_DYADS_SHOWN)
    rate = "–" if tally.rate is None else turn.t("lead.percent", value=round(tally.rate * 100))
    return turn.t(
        "lead.status_tally",
        asked=tally.asked,
        answered=tally.answered,
        expired=tally.expired,
        waiting=tally.waiting,
        rate=rate,
    )


def status_text(turn: Turn, summary: Participation) -> str:
    """The `/status` message: totals always, breakdowns only over enough dyads."""
    people, by_role = summary.people, summary.checkins_by_role
    outcomes = turn.t("lead.status_hidden", min=MIN_DYADS_SHOWN)
    if summary.nudge_outcomes is not None:
        counts = {outcome.value: n for outcome, n in summary.nudge_outcomes.items()}
        outcomes = turn.t("lead.status_outcomes", **counts)
    return "\n".join(
        [
            turn.t(
                "lead.status_title",
                program=summary.program.name,
                state=turn.t(f"lead.state_{summary.program.status.value}"),
            ),
            turn.t(
                "lead.status_people",
                leads=people[Role.LEAD].enrolled,
                coaches=people[Role.COACH].enrolled,
                coachees=people[Role.COACHEE].enrolled,
                invited=sum(count.invited for count in people.values()),
                dyads=summary.dyads,
            ),
            turn.t("lead.status_checkins", tally=_tally(turn, summary.checkins)),
            turn.t("lead.status_by_coachee", tally=_tally(turn, by_role[Role.COACHEE])),
            turn.t("lead.status_by_coach", tally=_tally(turn, by_role[Role.COACH])),
            turn.t("lead.status_nudges", sent=summary.nudges_sent, outcomes=outcomes),
            turn.t("lead.status_unconfirmed", count=summary.unconfirmed_sessions),
            turn.t("lead.status_footer", min=MIN_DYADS_SHOWN),
        ]
    )


@transactional
async def close_confirmed(update: Update, context: Ctx, turn: Turn) -> None:
    program = await _program_from_button(update, turn, open_only=True)
    if program is None or turn.person is None:
        return
    result = await close_program(turn.db, program.id, turn.now, actor_id=turn.person.id)
    turn.outbox.edit(
        turn.t(
            "lead.closed",
            program=program.name,
            final=result.final_questionnaires,
            ratings=result.end_ratings,
        )
    )
    dispatch_soon(turn, context)
    log.info("person %s closed program %s", turn.person.id, program.id)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("newprogram", new_program, filters=PRIVATE))
    for command, action in (("invite", "inv"), ("status", "st"), ("close", "cl")):
        application.add_handler(CommandHandler(command, _lead_command(action), filters=PRIVATE))
    for pattern, callback in (
        (r"^lead:cancel$", cancel),
        (r"^np:tz:[A-Za-z_/+-]+$", timezone_pressed),
        (r"^np:dates$", default_dates),
        (r"^pick:(inv|st|cl):\d+$", program_picked),
        (r"^inv:r:(coach|coachee):\d+$", invite_role_pressed),
        (r"^inv:c:\d+$", coach_pressed),
        (r"^cl:y:\d+$", close_confirmed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
