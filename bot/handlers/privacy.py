"""A person's say over their participation and data: `/mydata`, `/forget`, `/pause`, `/resume`.

Erasure is final, so it asks first; once done the bot treats the person as a stranger (their
Telegram id is gone, so nothing links this chat to the remaining pseudonymous rows).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from alliance.core.audit import record
from alliance.core.models import Person, Role
from alliance.enrolment.people import PersonError, pause, resume
from alliance.privacy.my_data import DataSummary, summarise_person_data
from alliance.privacy.rights import erase_person, export_person_data, purge_erased
from bot.commands import clear_commands_for
from bot.handlers.common import PRIVATE
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)

EXPORT_FILENAME = "my-data.json"


def _counted(turn: Turn, key: str, count: int) -> str:
    return turn.t(f"{key}.none") if count == 0 else turn.tn(key, count)


def summary_text(turn: Turn, summary: DataSummary) -> str:
    """What is stored, in sentences: memberships, answers, comments, what the coach received."""
    lines = [turn.t("privacy.mydata_intro")]
    lines.extend(
        turn.t("privacy.mydata_membership", program=joined.program,
               role=turn.t(f"role.{joined.role.value}"))
        for joined in summary.memberships
    )
    if summary.consented_on is not None:
        lines.append(turn.t("privacy.mydata_consented", day=summary.consented_on.isoformat()))
    lines.append(_counted(turn, "privacy.mydata_checkins", summary.checkins_answered))
    if summary.questionnaires_answered:
        lines.append(
            _counted(turn, "privacy.mydata_questionnaires", summary.questionnaires_answered)
        )
    lines.append(_counted(turn, "privacy.mydata_comments", summary.comments))
    if summary.comments_shared or any(j.role == Role.COACHEE for j in summary.memberships):
        lines.append(_counted(turn, "privacy.mydata_shared", summary.comments_shared))
    return "\n".join(lines) + "\n\n" + turn.t("privacy.mydata_footer")


@transactional
async def my_data(update: Update, context: Context, turn: Turn) -> None:
    """What is stored about the sender: a summary in words, then all of it as a file."""
    if turn.person is None:
        turn.say("error.not_enrolled")
        return
    summary = await summarise_person_data(turn.db, turn.person.id)
    document = await export_person_data(turn.db, turn.person.id, turn.now)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    record(turn.db, "data_exported", actor_id=turn.person.id, subject=f"person:{turn.person.id}")
    turn.outbox.reply(summary_text(turn, summary))
    turn.outbox.document(EXPORT_FILENAME, data, caption=turn.t("privacy.mydata_caption"))
    log.info("person %s exported their data", turn.person.id)


@transactional
async def forget(update: Update, context: Context, turn: Turn) -> None:
    if turn.person is None:
        turn.say("error.not_enrolled")
        return
    turn.say(
        "privacy.forget_confirm",
        buttons(
            [
                [(turn.t("privacy.forget_yes"), "forget:yes")],
                [(turn.t("privacy.forget_no"), "forget:no")],
            ]
        ),
    )


@transactional
async def forget_answered(update: Update, context: Context, turn: Turn) -> None:
    """Erase on "yes"; the confirmation goes out in their language before it is forgotten."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    assert query and query.data and chat and user
    if query.data != "forget:yes":
        turn.outbox.edit(turn.t("privacy.forget_kept"))
        return
    if turn.person is None:
        turn.refuse("error.not_enrolled")
        return
    person_id = turn.person.id
    await erase_person(turn.db, person_id, turn.now)
    turn.outbox.edit(turn.t("privacy.forgotten"))

    async def purge_from_disk() -> None:
        if not await purge_erased(context.bot_data["engine"]):
            log.warning("erasure of person %s not yet checkpointed to disk", person_id)

    turn.before_replies(purge_from_disk)

    async def reset_menu() -> None:  # drafts and awaited inputs went with the erasure
        await clear_commands_for(context.bot, chat.id)

    turn.after_commit(reset_menu)
    log.info("person %s erased at their request", person_id)


def _change_state(
    turn: Turn, change: Callable[[AsyncSession, Person], None], done_key: str
) -> None:
    """Pause or resume the sender; a change that does not apply is explained, not an error."""
    if turn.person is None:
        turn.say("error.not_enrolled")
        return
    try:
        change(turn.db, turn.person)
    except PersonError as exc:
        turn.say(f"privacy.{exc}")
        return
    turn.say(done_key)
    log.info("person %s: %s", turn.person.id, done_key)


@transactional
async def pause_command(update: Update, context: Context, turn: Turn) -> None:
    _change_state(turn, pause, "privacy.paused")


@transactional
async def resume_command(update: Update, context: Context, turn: Turn) -> None:
    _change_state(turn, resume, "privacy.resumed")


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("mydata", my_data, filters=PRIVATE))
    application.add_handler(CommandHandler("forget", forget, filters=PRIVATE))
    application.add_handler(CommandHandler("pause", pause_command, filters=PRIVATE))
    application.add_handler(CommandHandler("resume", resume_command, filters=PRIVATE))
    application.add_handler(CallbackQueryHandler(forget_answered, pattern=r"^forget:(yes|no)$"))
