"""/people: a lead fixes a person's name or gives a coachee another coach.

The list and the re-pairing steps are stateless (buttons carry the people and the program,
and every tap re-checks the lead through `alliance.enrolment.roster_edits`); renaming waits for
the typed name in a draft whose step mark its Cancel carries, like the other lead flows.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.models import Dyad, Person, Program, Role
from alliance.enrolment.roster_edits import (
    Member,
    current_dyad,
    member,
    program_members,
    rename_person,
    repair_coachee,
)
from alliance.programs.leads import LeadError, program_coaches
from bot.callback_data import pressed
from bot.conversation import (
    await_text,
    draft_of,
    drop_draft,
    next_step,
    retire_buttons,
    save_draft,
)
from bot.handlers.common import PRIVATE, dispatch_soon
from bot.handlers.lead_programs import (
    NAME_LIMIT,
    Reply,
    cancel_row,
    lead_command,
    lead_step,
    led_program,
    name_given,
    step_cancel,
)
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)
SHOWN = 40  # people with a button; Telegram allows 100 buttons per message


def _name(found: Member | Person | None) -> str:
    person = found.person if isinstance(found, Member) else found
    return (person.display_name if person else None) or "?"


def _roles(turn: Turn, found: Member) -> str:
    return ", ".join(turn.t(f"role.{role.value}") for role in found.roles)


@lead_step("ppl", open_only=True)
async def people_list(turn: Turn, program: Program) -> Reply:
    members = await program_members(turn.db, program.id)
    rows = [[(f"{_name(m)} · {_roles(turn, m)}", f"pp:p:{m.person.id}:{program.id}")]
            for m in members[:SHOWN]]
    return turn.t("people.pick", program=program.name), buttons([*rows, cancel_row(turn)])


async def _member(turn: Turn, person_id: int, program_id: int) -> tuple[Member, Program] | None:
    program = await led_program(turn, program_id, open_only=True)
    if program is None:
        return None
    try:
        return await member(turn.db, program_id, person_id), program
    except LeadError as exc:
        turn.refuse(f"lead.{exc}")
        return None


@transactional
async def person_pressed(update: Update, context: Context, turn: Turn) -> None:
    """What can be changed for this person: the name; a coachee's coach."""
    person_id, program_id = (int(g) for g in pressed(context))
    found = await _member(turn, person_id, program_id)
    if found is None:
        return
    chosen, _ = found
    rows = [[(turn.t("people.rename"), f"pp:n:{person_id}:{program_id}")]]
    if Role.COACHEE in chosen.roles:
        rows.append([(turn.t("people.change_coach"), f"pp:c:{person_id}:{program_id}")])
    turn.outbox.edit(turn.t("people.what", name=_name(chosen), roles=_roles(turn, chosen)),
                     buttons([*rows, cancel_row(turn)]))


# -- renaming --------------------------------------------------------------------------------


@transactional
async def rename_pressed(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.message
    person_id, program_id = (int(g) for g in pressed(context))
    found = await _member(turn, person_id, program_id)
    if found is None:
        return
    draft = next_step({"flow": "rename", "person_id": person_id, "program_id": program_id,
                       "m": update.callback_query.message.message_id})
    await save_draft(turn, draft)
    await await_text(turn, "lead.rename")
    turn.outbox.edit(turn.t("people.ask_name", name=_name(found[0])),
                     buttons([step_cancel(turn, draft)]))


async def new_name_given(update: Update, context: Context, turn: Turn, state: Any) -> None:
    draft = await draft_of(turn, "rename")
    if draft is None or turn.person is None:
        turn.say("lead.draft_gone")
        return
    name = await name_given(update, turn, "lead.rename")
    if name is None:
        return
    retire_buttons(turn, draft)
    await drop_draft(turn)
    try:
        old = _name(await member(turn.db, draft["program_id"], draft["person_id"]))
        person = await rename_person(turn.db, lead_id=turn.person.id,
                                     program_id=draft["program_id"],
                                     person_id=draft["person_id"], name=name)
    except LeadError as exc:
        turn.say(f"lead.{exc}", limit=NAME_LIMIT)
        return
    turn.say("people.renamed", old=old, new=_name(person))
    log.info("person %s renamed person %s", turn.person.id, person.id)


# -- another coach ---------------------------------------------------------------------------


async def _dyad(turn: Turn, program_id: int, coachee_id: int) -> Dyad | None:
    try:
        return await current_dyad(turn.db, program_id, coachee_id)
    except LeadError as exc:
        turn.refuse(f"lead.{exc}")
        return None


@transactional
async def change_coach_pressed(update: Update, context: Context, turn: Turn) -> None:
    person_id, program_id = (int(g) for g in pressed(context))
    found = await _member(turn, person_id, program_id)
    if found is None:
        return
    coachee, _ = found
    dyad = await _dyad(turn, program_id, person_id)
    if dyad is None:
        return
    coaches = [c for c in await program_coaches(turn.db, program_id)
               if c.id not in (dyad.coach_id, person_id)]
    if not coaches:
        turn.refuse("people.no_other_coach")
        return
    now = _name(await turn.db.get(Person, dyad.coach_id))
    cells = [(_name(c), f"pp:k:{person_id}:{c.id}:{program_id}") for c in coaches]
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    turn.outbox.edit(turn.t("people.ask_coach", name=_name(coachee), coach=now),
                     buttons([*rows, cancel_row(turn)]))


@transactional
async def coach_chosen(update: Update, context: Context, turn: Turn) -> None:
    """Ask before moving: the old pair's open questions close."""
    coachee_id, coach_id, program_id = (int(g) for g in pressed(context))
    found = await _member(turn, coachee_id, program_id)
    chosen = await _member(turn, coach_id, program_id) if found else None
    if found is None or chosen is None:
        return
    dyad = await _dyad(turn, program_id, coachee_id)
    if dyad is None:
        return
    if dyad.coach_id == coach_id:
        turn.refuse("lead.same_coach")
        return
    if Role.COACH not in chosen[0].roles:
        turn.refuse("lead.not_coach")
        return
    old = await turn.db.get(Person, dyad.coach_id)
    markup = buttons([[(turn.t("people.move_yes"), f"pp:y:{coachee_id}:{coach_id}:{program_id}")],
                      cancel_row(turn)])
    turn.outbox.edit(turn.t("people.move_confirm", name=_name(found[0]), old=_name(old),
                            new=_name(chosen[0])), markup)


@transactional
async def move_confirmed(update: Update, context: Context, turn: Turn) -> None:
    coachee_id, coach_id, program_id = (int(g) for g in pressed(context))
    if turn.person is None:
        turn.refuse("error.not_enrolled")
        return
    try:
        moved = await repair_coachee(turn.db, lead_id=turn.person.id, program_id=program_id,
                                     coachee_id=coachee_id, coach_id=coach_id, now=turn.now)
    except LeadError as exc:
        turn.refuse(f"lead.{exc}")
        return
    turn.outbox.edit(turn.t("people.moved", name=_name(moved.coachee),
                            old=_name(moved.old_coach), new=_name(moved.new_coach)))
    dispatch_soon(turn, context)
    log.info("person %s moved person %s from dyad %s to dyad %s", turn.person.id,
             moved.coachee.id, moved.old_dyad.id, moved.new_dyad.id)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("people", lead_command("ppl"), filters=PRIVATE))
    two, three = r"(\d{1,9}):(\d{1,9})", r"(\d{1,9}):(\d{1,9}):(\d{1,9})"
    for pattern, callback in (
        (rf"^pp:p:{two}$", person_pressed),
        (rf"^pp:n:{two}$", rename_pressed),
        (rf"^pp:c:{two}$", change_coach_pressed),
        (rf"^pp:k:{three}$", coach_chosen),
        (rf"^pp:y:{three}$", move_confirmed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
