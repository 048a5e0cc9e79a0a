"""Answering questionnaires with buttons, one message edited step by step, then the comment.

Every tap is saved in the update's transaction before the message moves on, so what the person
sees acknowledged is stored. A tap that cannot count (someone else's prompt, a closed one, an
answered item, a value off the scale) gets a short reply and changes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from alliance.checkins import (
    MAX_COMMENT_CHARS,
    PromptRefused,
    Refusal,
    instrument_of,
    offers_comment,
    prompt_context,
    record_answer,
    save_comment,
    share_comment,
)
from alliance.models import CoachingSession, Dyad, Person, PersonState, Prompt, PromptKind
from alliance.nudges import decide_for_session
from bot.handlers.common import dispatch_soon
from bot.keyboards import (
    ANSWER,
    COMMENT,
    comment_offer_view,
    comment_share_view,
    pressed,
    question_view,
    questionnaire_title,
)
from bot.runtime import Turn, await_text, text_input, transactional
from bot.texts import t

log = logging.getLogger(__name__)

COMMENT_INPUT = "checkin_comment"


def refuse(turn: Turn, reason: Refusal | str) -> None:
    """Answer the tap with why nothing changed (an alert when the check-in has closed)."""
    value = reason.value if isinstance(reason, Refusal) else reason
    turn.outbox.answer(turn.t(f"prompt.refused.{value}"), alert=value == Refusal.CLOSED.value)


async def _close_pressed_message(update: Update, turn: Turn, prompt_id: int) -> None:
    """A tap on a closed questionnaire whose message still shows buttons: say it closed."""
    prompt = await turn.db.get(Prompt, prompt_id)
    message = update.callback_query.message if update.callback_query else None
    if (
        prompt is not None
        and message is not None
        and (message.message_id == prompt.telegram_message_id)
    ):
        title = instrument_of(prompt).title.in_language(turn.lang)
        turn.outbox.edit(turn.t("prompt.closed", title=title))


@transactional
async def answer_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    prompt_id, item_index, value = (int(group) for group in pressed(context))
    if turn.person is None:
        turn.outbox.answer(turn.t("error.not_enrolled"))
        return
    try:
        saved = await record_answer(
            turn.db,
            prompt_id=prompt_id,
            person_id=turn.person.id,
            item_index=item_index,
            value=value,
            now=turn.now,
        )
    except PromptRefused as refused:
        log.info("tap on prompt %s refused: %s", prompt_id, refused.reason.value)
        refuse(turn, refused.reason)
        if refused.reason == Refusal.CLOSED:
            await _close_pressed_message(update, turn, prompt_id)
        return
    facts = await prompt_context(turn.db, saved.prompt)
    heading = questionnaire_title(turn.lang, saved.step, facts.sequence, facts.partner_name)
    if not saved.completed:
        turn.outbox.edit(*question_view(turn.lang, saved.step, heading))
        return
    prompt = saved.prompt
    if prompt.kind == PromptKind.CHECKIN and prompt.session_id is not None:
        decision = await decide_for_session(turn.db, session_id=prompt.session_id, now=turn.now)
        if decision is not None and decision.fired:
            dispatch_soon(turn, context)
    if offers_comment(prompt):
        turn.outbox.edit(*comment_offer_view(turn.lang, prompt.id, heading))
    else:
        turn.outbox.edit(turn.t("checkin.done", title=heading))


@transactional
async def comment_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    """Add / Skip after the items; Share / Keep private once the comment is written."""
    prompt_text, choice = pressed(context)
    prompt_id = int(prompt_text)
    if turn.person is None:
        turn.outbox.answer(turn.t("error.not_enrolled"))
        return
    prompt = await turn.db.get(Prompt, prompt_id)
    if prompt is None or not offers_comment(prompt):
        refuse(turn, Refusal.UNKNOWN)
        return
    if prompt.recipient_id != turn.person.id:
        refuse(turn, Refusal.NOT_YOURS)
        return
    if choice == "add":
        await_text(context, COMMENT_INPUT, prompt_id=prompt_id)
        turn.outbox.edit(turn.t("checkin.comment_ask"))
    elif choice == "skip":
        turn.outbox.edit(turn.t("checkin.comment_skipped"))
    elif choice == "keep":
        turn.outbox.edit(turn.t("checkin.comment_kept"))
    else:
        await _share(turn, prompt)


async def _share(turn: Turn, prompt: Prompt) -> None:
    """Only this explicit choice sends a coachee's words to the coach."""
    assert turn.person is not None
    try:
        comment = await share_comment(
            turn.db, prompt_id=prompt.id, person_id=turn.person.id, now=turn.now
        )
    except PromptRefused as refused:
        refuse(turn, refused.reason)
        return
    if comment is None:
        refuse(turn, Refusal.ALREADY_SAVED)
        return
    turn.outbox.edit(turn.t("checkin.comment_shared"))
    coaching_session = await turn.db.get(CoachingSession, prompt.session_id)
    dyad = await turn.db.get(Dyad, prompt.dyad_id) if prompt.dyad_id else None
    coach = await turn.db.get(Person, dyad.coach_id) if dyad else None
    if coach is None or coach.telegram_user_id is None or coach.state != PersonState.ACTIVE:
        log.info("comment of prompt %s shared; coach not reachable now", prompt.id)
        return
    coachee = turn.person.display_name or t(coach.language, "checkin.someone")
    sequence = coaching_session.sequence if coaching_session else "?"
    turn.outbox.send(
        coach.telegram_user_id,
        t(
            coach.language,
            "checkin.shared_with_coach",
            coachee=coachee,
            sequence=sequence,
            text=comment.text,
        ),
    )
    log.info("comment of prompt %s shared with coach %s", prompt.id, coach.id)


@text_input(COMMENT_INPUT)
async def comment_written(
    update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn, state: dict[str, Any]
) -> None:
    """The comment is stored private first; sharing is a separate, explicit tap."""
    message = update.effective_message
    assert message is not None and message.text is not None
    prompt_id = int(state["prompt_id"])
    if turn.person is None:
        turn.say("error.not_enrolled")
        return
    text = message.text.strip()
    if len(text) > MAX_COMMENT_CHARS:
        await_text(context, COMMENT_INPUT, prompt_id=prompt_id)
        turn.say("checkin.comment_too_long", limit=MAX_COMMENT_CHARS)
        return
    try:
        await save_comment(
            turn.db, prompt_id=prompt_id, person_id=turn.person.id, text=text, now=turn.now
        )
    except PromptRefused:
        turn.say("checkin.comment_closed")
        return
    turn.outbox.reply(*comment_share_view(turn.lang, prompt_id))
    log.info("comment saved for prompt %s", prompt_id)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CallbackQueryHandler(answer_pressed, pattern=ANSWER))
    application.add_handler(CallbackQueryHandler(comment_pressed, pattern=COMMENT))
