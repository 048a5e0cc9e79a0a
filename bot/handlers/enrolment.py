"""Joining through a deep link: `/start <token>`, the consent question, then the welcome.

The consent buttons carry the token itself (32 characters, well under Telegram's 64 bytes), so
the bot keeps no state between the question and the answer, and a tap on a stale question is
checked against the invite exactly like a fresh one. The consent text is what the person agreed
to, so it stays in the chat: an answer only takes its buttons off and replies below it; a tap
that cannot be honoured answers with a toast and leaves the question as it was.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.models import Role
from alliance.core.zones import zone_of
from alliance.enrolment.invites import InviteError
from alliance.enrolment.joining import enrol, preview_invite
from alliance.enrolment.people import roles_of
from bot.handlers.common import (
    PRIVATE,
    dispatch_soon,
    help_text,
    refresh_menu,
)
from bot.handlers.zones import zone_question
from bot.local_times import promised_at
from bot.texts import language_of, t
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)

CONSENT_PREFIX = "enrol"
INVITE_PROBLEMS = (
    "unknown", "used", "expired", "revoked", "already_member", "program_closed",
    "too_many_attempts",
)


def _problem_key(error: InviteError) -> str:
    reason = str(error)
    return f"enrol.invite_{reason if reason in INVITE_PROBLEMS else 'unknown'}"


def _consent_text(turn: Turn, role: Role, program: str, coach: str | None) -> str:
    """A participant's consent, or a lead's own terms: what a lead sees and never sees."""
    if role == Role.LEAD:
        return turn.t("enrol.lead_invited", program=program) + "\n\n" + turn.t("enrol.lead_terms")
    parts = [turn.t("enrol.consent_invited", program=program, role=turn.t(f"role.{role.value}"))]
    if coach:
        parts.append(turn.t("enrol.consent_coach", coach=coach))
    parts.append(turn.t("enrol.consent_terms"))
    return "\n\n".join(parts)


@transactional
async def start(update: Update, context: Context, turn: Turn) -> None:
    """`/start` alone explains how to join (or helps a member); with a token, asks consent."""
    assert update.effective_user is not None
    if not context.args:
        if turn.person is None:
            turn.say("enrol.how_to_join")
        else:
            turn.outbox.reply(await help_text(turn))
        return
    token = context.args[0]
    try:
        preview = await preview_invite(
            session=turn.db, token=token, telegram_user_id=update.effective_user.id, now=turn.now
        )
    except InviteError as exc:
        log.info("invite link refused: %s", exc)
        turn.say(_problem_key(exc))
        return
    turn.outbox.reply(
        _consent_text(turn, preview.role, preview.program_name, preview.coach_name),
        buttons(
            [
                [
                    (turn.t("enrol.agree"), f"{CONSENT_PREFIX}:yes:{token}"),
                    (turn.t("enrol.decline"), f"{CONSENT_PREFIX}:no:{token}"),
                ]
            ]
        ),
    )


@transactional
async def consent(update: Update, context: Context, turn: Turn) -> None:
    """Agree → enrol and welcome; decline → nothing is stored and the link stays usable."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query and query.data and user and chat
    _, answer, token = query.data.split(":", 2)
    if answer != "yes":
        turn.outbox.remove_buttons()
        turn.say("enrol.declined")
        return
    try:
        enrolment = await enrol(
            session=turn.db,
            token=token,
            telegram_user_id=user.id,
            language=language_of(
                user.language_code, turn.services.settings.alliance_default_language
            ),
            now=turn.now,
        )
    except InviteError as exc:
        log.info("invite claim refused: %s", exc)
        turn.outbox.answer(turn.t(_problem_key(exc)))
        return
    person, program, role = enrolment.person, enrolment.program, enrolment.role
    lang = person.language
    turn.outbox.remove_buttons()
    heading = t(lang, "enrol.welcome_heading") + " " + t(lang, "enrol.consent_recorded")
    later = promised_at(lang, turn.now, person, program)
    coming = t(lang, "enrol.coming_later", when=later) if later else t(lang, "enrol.coming_now")
    welcome = t(lang, f"enrol.welcome.{role.value}", program=program.name, coming=coming)
    turn.outbox.reply(heading + "\n\n" + welcome)
    turn.outbox.reply(*zone_question(lang, zone_of(person.timezone, program.timezone)))
    refresh_menu(turn, context, chat.id, await roles_of(turn.db, person.id), lang)
    if enrolment.baseline is not None:
        dispatch_soon(turn, context)
    log.info("person %s enrolled as %s in program %s", person.id, role.value, program.id)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("start", start, filters=PRIVATE))
    application.add_handler(
        CallbackQueryHandler(consent, pattern=rf"^{CONSENT_PREFIX}:(yes|no):[A-Za-z0-9_-]+$")
    )
