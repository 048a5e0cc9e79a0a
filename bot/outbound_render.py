"""Wording a queued message at send time, from the domain rows, in the recipient's language now.

`render` returns what to send (`Outgoing`) or why the row should not go out any more (`Closed`:
the question was answered or closed, the nudge went stale). It raises when a row cannot be
worded at all; the delivery loop then marks that one row failed and goes on with the others.
"""

from __future__ import annotations

import asyncio
import importlib
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup

from alliance.core.models import CoachingSession, Comment, Person, Program, PromptState
from alliance.delivery.effects import nudge_delivery, prompt_delivery
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.questionnaires.windows import WINDOWED_KINDS
from bot.local_times import local_moment, person_zone
from bot.services import Services
from bot.texts import t
from bot.views import heading_of, nudge_view, prompt_view


@dataclass(frozen=True)
class Part:
    """One Bot API call: a text message, or a document (or picture) with its caption."""

    text: str | None = None
    markup: InlineKeyboardMarkup | None = None
    document: bytes | None = None
    filename: str | None = None
    picture: bool = False  # send the document as a photo (a chart to see in the chat)


@dataclass(frozen=True)
class Outgoing:
    """What one row sends; the first part's message id is recorded. `edit_after` is a
    best-effort edit once sent (an older message pointing to the reminder below)."""

    chat_id: int
    parts: list[Part]
    edit_after: tuple[int, str] | None = None


@dataclass(frozen=True)
class Closed:
    state: OutboundState
    reason: str


Rendered = Outgoing | Closed


async def render(db: AsyncSession, row: OutboundMessage, services: Services) -> Rendered:
    """Word `row` for its recipient as things stand now."""
    recipient = await db.get(Person, row.recipient_id)
    if recipient is None or recipient.telegram_user_id is None:
        return Closed(OutboundState.CANCELLED, "recipient gone")
    renderer = _RENDERERS[row.kind]
    return await renderer(db, row, recipient, services)


async def _prompt(
    db: AsyncSession, row: OutboundMessage, recipient: Person, services: Services
) -> Rendered:
    assert row.prompt_id is not None
    delivery = await prompt_delivery(db, row.prompt_id)
    if delivery is None:
        return Closed(OutboundState.CANCELLED, "prompt gone")
    if delivery.prompt.state == PromptState.ANSWERED and delivery.prompt.sent_at is None:
        # answered, so it went out: the process that sent it died before recording that
        return Closed(OutboundState.SENT, "sent before a crash")
    if delivery.prompt.state != PromptState.PENDING:
        return Closed(OutboundState.CANCELLED, f"prompt {delivery.prompt.state.value}")
    text, markup = prompt_view(recipient.language, delivery)
    return Outgoing(delivery.chat_id, [Part(text, markup)])


async def _reminder(
    db: AsyncSession, row: OutboundMessage, recipient: Person, services: Services
) -> Rendered:
    assert row.prompt_id is not None
    delivery = await prompt_delivery(db, row.prompt_id)
    if delivery is None or delivery.prompt.state != PromptState.SENT:
        return Closed(OutboundState.CANCELLED, "answered or closed")
    prompt, lang = delivery.prompt, recipient.language
    wording = ("questionnaire.reminder" if prompt.kind in WINDOWED_KINDS
               else "checkin.reminder")
    prefix = (
        t(lang, wording,
          deadline=local_moment(lang, prompt.expires_at, person_zone(recipient, delivery.program)))
        if prompt.expires_at
        else t(lang, "checkin.reminder_no_deadline")
    )
    text, markup = prompt_view(lang, delivery, prefix=prefix)
    edit = None
    if prompt.telegram_message_id is not None:
        title = heading_of(lang, delivery)
        edit = (prompt.telegram_message_id, t(lang, "checkin.continued_below", title=title))
    return Outgoing(delivery.chat_id, [Part(text, markup)], edit_after=edit)


async def _nudge(
    db: AsyncSession, row: OutboundMessage, recipient: Person, services: Services
) -> Rendered:
    assert row.nudge_id is not None
    delivery = await nudge_delivery(db, row.nudge_id)
    if delivery is None:
        return Closed(OutboundState.CANCELLED, "nudge gone")
    if delivery.stale is not None:
        return Closed(OutboundState.EXPIRED, delivery.stale)
    nudge, lang = delivery.nudge, recipient.language
    coachee = delivery.coachee_name or t(lang, "nudge.someone")
    text, markup = nudge_view(lang, nudge.id, nudge.kind, coachee, delivery.sequence,
                              nudge.outcome)
    return Outgoing(delivery.chat_id, [Part(text, markup)])


async def _shared_comment(
    db: AsyncSession, row: OutboundMessage, recipient: Person, services: Services
) -> Rendered:
    assert row.comment_id is not None and recipient.telegram_user_id is not None
    comment = await db.get(Comment, row.comment_id)
    if comment is None or not comment.shared:
        return Closed(OutboundState.CANCELLED, "comment no longer shared")
    author = await db.get(Person, comment.author_id)
    coaching_session = await db.get(CoachingSession, row.session_id) if row.session_id else None
    lang = recipient.language
    coachee = (author.display_name if author else None) or t(lang, "checkin.someone")
    sequence = coaching_session.sequence if coaching_session else "?"
    text = t(lang, "checkin.shared_with_coach", coachee=coachee, sequence=sequence,
             text=comment.text)
    return Outgoing(recipient.telegram_user_id, [Part(text)])


async def _notice(
    db: AsyncSession, row: OutboundMessage, recipient: Person, services: Services
) -> Rendered:
    """A fixed text with names looked up now: payload {"text": key, "names": {param: person
    id}, "fallbacks": {param: text key}}, and {program} the row's program; never answers or
    free text."""
    assert recipient.telegram_user_id is not None
    lang, payload = recipient.language, row.payload
    values: dict[str, object] = {}
    if row.program_id is not None:
        program = await db.get(Program, row.program_id)
        values["program"] = program.name if program else "?"
    for param, person_id in (payload.get("names") or {}).items():
        person = await db.get(Person, int(person_id))
        fallback = (payload.get("fallbacks") or {}).get(param)
        values[param] = (person.display_name if person else None) or (
            t(lang, fallback) if fallback else "?"
        )
    return Outgoing(recipient.telegram_user_id, [Part(t(lang, payload["text"], **values))])


async def _report_document(
    db: AsyncSession, row: OutboundMessage, recipient: Person, services: Services
) -> Rendered:
    """The lead's report, built now (off the event loop) and sent as text, charts and PDF:
    aggregates only, never a file with one row per person, dyad, session or answer."""
    # pandas, statsmodels, matplotlib: loaded on first use, in a worker thread, because the
    # import takes seconds and would hold every other chat back
    reporting = await asyncio.to_thread(importlib.import_module, "alliance.reporting.report")
    assert row.program_id is not None and recipient.telegram_user_id is not None
    lang = recipient.language
    with tempfile.TemporaryDirectory(prefix="alliance-report-") as folder:
        bundle = await reporting.build_report(
            services.session_factory, row.program_id, Path(folder), lang=lang,
            now=services.clock.now(),
        )
        parts = [Part(bundle.summary)]
        parts += [Part(document=chart.read_bytes(), filename=chart.name, picture=True)
                  for chart in bundle.charts]  # suppressed under 5 dyads, as in the PDF
        parts.append(Part(t(lang, "report.pdf_caption"), document=bundle.pdf.read_bytes(),
                          filename=bundle.pdf.name))
    return Outgoing(recipient.telegram_user_id, parts)


Renderer = Callable[[AsyncSession, OutboundMessage, Person, Services], Awaitable[Rendered]]
_RENDERERS: dict[OutboundKind, Renderer] = {
    OutboundKind.PROMPT: _prompt,
    OutboundKind.REMINDER: _reminder,
    OutboundKind.NUDGE: _nudge,
    OutboundKind.SHARED_COMMENT: _shared_comment,
    OutboundKind.NOTICE: _notice,
    OutboundKind.REPORT_DOCUMENT: _report_document,
}
