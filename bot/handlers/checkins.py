"""Answering questionnaires with buttons, one message edited step by step, then the comment.

Every tap is saved in the update's transaction before the message moves on, so what the person
sees acknowledged is stored. A tap that cannot count (someone else's prompt, a closed one, an
answered item, a value off the scale) gets a short reply and changes nothing. A tap on a message
that is behind (its edit failed, the update was redelivered) also shows where the person is now:
the next unanswered question, or done; so a failed reply never leaves anyone stuck.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler

from alliance.core.models import Dyad, Prompt, PromptKind
from alliance.core.typed_text import clean_paragraphs
from alliance.delivery.effects import prompt_delivery
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind
from alliance.nudges.decisions import decide_one
from alliance.questionnaires.checkins import (
    MAX_COMMENT_CHARS,
    PromptRefused,
    Refusal,
    has_comment,
    instrument_of,
    offers_comment,
    record_answer,
    save_comment,
    share_comment,
    step_of,
)
from bot.callback_data import ANSWER, COMMENT, pressed
from bot.conversation import await_text
from bot.dispatcher import request_dispatch
from bot.transactional import replay_safe, transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import comment_offer_view, comment_share_view, question_view, questionnaire_title

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
@replay_safe
async def answer_pressed(update: Update, context: Context, turn: Turn) -> None:
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
        elif refused.reason in BEHIND:
            await show_current_step(turn, prompt_id)
        return
    if not saved.completed:  # the common tap: the next question, from one small query
        facts = saved.context
        heading = questionnaire_title(turn.lang, saved.step, facts.sequence, facts.partner_name)
        turn.outbox.edit(*question_view(turn.lang, saved.step, heading, None, facts.sequence))
        return
    prompt = saved.prompt
    if saved.completed and prompt.kind == PromptKind.CHECKIN and prompt.session_id is not None:
        _decide_after_commit(turn, context, prompt.session_id)
    await show_current_step(turn, prompt_id, offer_comment=saved.completed)


# Refusals of a tap on a message that is behind what is stored: show where the person is now.
BEHIND = frozenset({Refusal.ALREADY_SAVED, Refusal.STALE, Refusal.ANSWERED})


async def show_current_step(turn: Turn, prompt_id: int, *, offer_comment: bool = True) -> None:
    """Edit the tapped message to the stored state: the next unanswered question, or done (with
    the comment offer while a coachee has written none)."""
    delivery = await prompt_delivery(turn.db, prompt_id)
    person_id = turn.person.id if turn.person is not None else None
    if delivery is None or delivery.prompt.recipient_id != person_id:
        return
    prompt, step = delivery.prompt, step_of(delivery.prompt, delivery.answers)
    sequence = delivery.coaching_session.sequence if delivery.coaching_session else None
    heading = questionnaire_title(turn.lang, step, sequence, delivery.partner_name)
    if not step.complete:
        turn.outbox.edit(*question_view(turn.lang, step, heading, None, sequence))
    elif offer_comment and offers_comment(prompt) and not await has_comment(turn.db, prompt.id):
        turn.outbox.edit(*comment_offer_view(turn.lang, prompt.id, heading))
    else:
        turn.outbox.edit(turn.t("checkin.done", title=heading))


def _decide_after_commit(turn: Turn, context: Context, session_id: int) -> None:
    """The nudge decision runs once the answer is stored, in its own transaction: a decision
    that fails is logged and retried by the delivery pass, and never refuses the tap."""
    services, now = turn.services, turn.now

    async def decide() -> None:
        decision = await decide_one(services.session_factory, session_id, now)
        if decision is not None and decision.fired:
            request_dispatch(context)

    turn.after_commit(decide)


@transactional
async def comment_pressed(update: Update, context: Context, turn: Turn) -> None:
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
        await await_text(turn, COMMENT_INPUT, prompt_id=prompt_id)
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
    dyad = await turn.db.get(Dyad, prompt.dyad_id) if prompt.dyad_id else None
    if dyad is None:
        return
    await enqueue(  # goes out when the coach can be written to: quiet hours, a pause
        turn.db, kind=OutboundKind.SHARED_COMMENT, key=f"comment:{comment.id}",
        recipient_id=dyad.coach_id, due_at=turn.now, program_id=prompt.program_id,
        comment_id=comment.id, session_id=prompt.session_id,
    )
    log.info("comment of prompt %s shared with coach %s", prompt.id, dyad.coach_id)


async def comment_written(
    update: Update, context: Context, turn: Turn, state: dict[str, Any]
) -> None:
    """The comment is stored private first; sharing is a separate, explicit tap."""
    message = update.effective_message
    assert message is not None and message.text is not None
    prompt_id = int(state["prompt_id"])
    if turn.person is None:
        turn.say("error.not_enrolled")
        return
    text = clean_paragraphs(message.text)
    if not text:  # nothing left once control characters are gone
        await await_text(turn, COMMENT_INPUT, prompt_id=prompt_id)
        turn.say("fallback.need_text")
        return
    if len(text) > MAX_COMMENT_CHARS:
        await await_text(turn, COMMENT_INPUT, prompt_id=prompt_id)
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


def register(application: AnyApplication) -> None:
    application.add_handler(CallbackQueryHandler(answer_pressed, pattern=ANSWER))
    application.add_handler(CallbackQueryHandler(comment_pressed, pattern=COMMENT))
