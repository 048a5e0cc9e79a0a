"""Views: the messages we send with their inline keyboards, worded once for every sender.

Both the delivery pass (first send, reminder) and the handlers (each tap edits the message) word
a prompt the same way, so the wording lives here once. The buttons' data follow the protocol
in `bot.callback_data`; times and dates are written as in `bot.local_times`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from alliance.core.models import NudgeOutcome, PromptKind
from alliance.core.zones import zone_of
from alliance.delivery.effects import PromptDelivery
from alliance.instruments import item_text
from alliance.questionnaires.checkins import Step, step_of
from alliance.questionnaires.kinds import KINDS, QUESTIONNAIRE_KINDS
from alliance.sessions.slots import DURATIONS_MINUTES, encode_day, encode_slot
from bot.local_times import format_day, local_moment
from bot.texts import t

Rendered = tuple[str, InlineKeyboardMarkup | None]


def buttons(rows: Iterable[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline buttons from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def _rows(cells: list[tuple[str, str]], per_row: int) -> list[list[tuple[str, str]]]:
    return [cells[i : i + per_row] for i in range(0, len(cells), per_row)]


# -- questionnaires -----------------------------------------------------------------------------


def scale_keyboard(step: Step) -> InlineKeyboardMarkup:
    """The current item's scale as buttons in two rows (0–5, 6–10 on the usual scale)."""
    scale = step.item.scale
    cells = [
        (str(value), f"a:{step.prompt_id}:{step.index}:{value}")
        for value in range(scale.min, scale.max + 1)
    ]
    first_row = (len(cells) + 1) // 2
    return buttons([cells[:first_row], cells[first_row:]])


def questionnaire_title(lang: str, step: Step, sequence: int | None, partner: str | None) -> str:
    title = step.instrument.title.in_language(lang)
    heading = KINDS[step.kind].title if step.kind in KINDS else None
    if heading:  # the kind's own (the baseline and the final share their instrument)
        return t(lang, heading, title=title)
    if partner and sequence is not None and step.kind == PromptKind.CHECKIN:
        return t(lang, "checkin.with_partner", title=title, sequence=sequence, partner=partner)
    if partner:
        return t(lang, "checkin.with_partner_only", title=title, partner=partner)
    return title


def intro_of(lang: str, step: Step, sequence: int | None) -> str:
    """The words before the first question: the instrument's description and its note in full
    the first time; after the first session's check-in, one line that says how long it takes."""
    if step.kind == PromptKind.CHECKIN and sequence is not None and sequence > 1:
        return t(lang, "checkin.intro_again", count=step.total)
    intro = step.instrument.description.in_language(lang)
    if step.kind == PromptKind.FINAL_SE:  # the description speaks of the start: this is the end
        intro = t(lang, "questionnaire.final_intro", count=step.total)
    if step.instrument.disclaimer is not None:
        intro += "\n" + step.instrument.disclaimer.in_language(lang)
    return intro


def question_view(
    lang: str, step: Step, heading: str, prefix: str | None = None,
    sequence: int | None = None,
) -> Rendered:
    """The current question, its anchors and progress, with the scale buttons; `sequence` is
    the session's number, for a check-in."""
    item = step.item
    anchors = item.scale.anchors
    labels = [(item.scale.min, anchors.min)]
    if anchors.mid is not None:
        labels.append(((item.scale.min + item.scale.max) // 2, anchors.mid))
    labels.append((item.scale.max, anchors.max))
    parts = [prefix] if prefix else []
    parts.append(heading)
    if step.index == 0:
        parts.append(intro_of(lang, step, sequence))
    parts.append(t(lang, "checkin.progress", current=(step.index or 0) + 1, total=step.total))
    parts.append(item_text(item, step.side, lang))
    parts.append(" · ".join(
        t(lang, "checkin.anchor", value=value, label=label.in_language(lang))
        for value, label in labels
    ))
    return "\n\n".join(parts), scale_keyboard(step)


def comment_offer_view(lang: str, prompt_id: int, title: str) -> Rendered:
    return t(lang, "checkin.comment_offer", title=title), buttons([[
        (t(lang, "checkin.button.comment_add"), f"cm:{prompt_id}:add"),
        (t(lang, "checkin.button.comment_skip"), f"cm:{prompt_id}:skip"),
    ]])


def comment_share_view(lang: str, prompt_id: int) -> Rendered:
    return t(lang, "checkin.comment_saved"), buttons([
        [(t(lang, "checkin.button.share"), f"cm:{prompt_id}:share")],
        [(t(lang, "checkin.button.keep_private"), f"cm:{prompt_id}:keep")],
    ])


# -- session questions ------------------------------------------------------------------------


def outcome_view(lang: str, prompt_id: int, coachee: str, when: str) -> Rendered:
    return t(lang, "session.outcome_question", coachee=coachee, when=when), buttons([
        [(t(lang, "session.button.held"), f"so:{prompt_id}:held")],
        [
            (t(lang, "session.button.cancelled"), f"so:{prompt_id}:cancelled"),
            (t(lang, "session.button.moved"), f"so:{prompt_id}:moved"),
        ],
    ])


def confirm_view(lang: str, prompt_id: int, coachee: str) -> Rendered:
    return t(lang, "session.confirm_question", coachee=coachee), buttons([[
        (t(lang, "session.button.confirm_yes"), f"sc:{prompt_id}:y"),
        (t(lang, "session.button.confirm_no"), f"sc:{prompt_id}:n"),
    ]])


def heading_of(lang: str, delivery: PromptDelivery) -> str:
    """The line that names a prompt: its instrument, session and partner, or a session question."""
    prompt = delivery.prompt
    if prompt.kind not in QUESTIONNAIRE_KINDS:
        return t(lang, "prompt.session_question")
    sequence = delivery.coaching_session.sequence if delivery.coaching_session else None
    step = step_of(prompt, delivery.answers)
    return questionnaire_title(lang, step, sequence, delivery.partner_name)


def closed_text(lang: str, delivery: PromptDelivery) -> str:
    """What an expired prompt's message becomes: it names what closed, so the chat stays clear."""
    if delivery.prompt.kind not in QUESTIONNAIRE_KINDS:
        return t(lang, "prompt.closed_question")
    return t(lang, "prompt.closed", title=heading_of(lang, delivery))


def prompt_view(lang: str, delivery: PromptDelivery, prefix: str | None = None) -> Rendered:
    """Any prompt as it stands now: the next question, or the session question it asks."""
    prompt = delivery.prompt
    if prompt.kind in QUESTIONNAIRE_KINDS:
        step = step_of(prompt, delivery.answers)
        heading = heading_of(lang, delivery)
        if step.complete:
            return t(lang, "checkin.done", title=heading), None
        sequence = delivery.coaching_session.sequence if delivery.coaching_session else None
        return question_view(lang, step, heading, prefix, sequence)
    partner = delivery.partner_name or t(lang, "session.someone")
    if prompt.kind == PromptKind.SESSION_OUTCOME:
        start = delivery.coaching_session.scheduled_start if delivery.coaching_session else None
        zone = zone_of(delivery.recipient.timezone, delivery.program.timezone)
        when = local_moment(lang, start or prompt.due_at, zone)
        text, markup = outcome_view(lang, prompt.id, partner, when)
    else:
        text, markup = confirm_view(lang, prompt.id, partner)
    return (f"{prefix}\n\n{text}" if prefix else text), markup


# -- choosing a dyad and a slot ---------------------------------------------------------------


def partner_keyboard(prefix: str, choices: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per dyad, labelled with the other person's name."""
    return buttons([[(name, f"{prefix}:{dyad_id}")] for dyad_id, name in choices])


def _with_cancel(lang: str, rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return buttons([*rows, [(t(lang, "button.cancel"), "px")]])


def day_keyboard(lang: str, dyad_id: int, days: Sequence[date]) -> InlineKeyboardMarkup:
    cells = [(format_day(lang, day), f"pd:{dyad_id}:{encode_day(day)}") for day in days]
    return _with_cancel(lang, _rows(cells, 3))


def time_keyboard(
    lang: str, dyad_id: int, day: date, slots: Sequence[time]
) -> InlineKeyboardMarkup:
    cells = [
        (slot.strftime("%H:%M"), f"ph:{dyad_id}:{encode_day(day)}:{encode_slot(slot)}")
        for slot in slots
    ]
    return _with_cancel(lang, _rows(cells, 4))


def duration_keyboard(lang: str, dyad_id: int, day: date, slot: time) -> InlineKeyboardMarkup:
    stem = f"pm:{dyad_id}:{encode_day(day)}:{encode_slot(slot)}"
    cells = [
        (t(lang, "schedule.minutes", minutes=minutes), f"{stem}:{minutes}")
        for minutes in DURATIONS_MINUTES
    ]
    return _with_cancel(lang, [cells])


# -- nudges -----------------------------------------------------------------------------------


def nudge_view(
    lang: str, nudge_id: int, kind: str, coachee: str, sequence: int | None,
    outcome: NudgeOutcome,
) -> Rendered:
    """The nudge with the buttons its outcome still allows (a "will ask" can become "talked")."""
    parts = [
        t(lang, f"nudge.{kind}", coachee=coachee, sequence=sequence or "?"),
        t(lang, "nudge.footer", coachee=coachee),
    ]
    if outcome != NudgeOutcome.PENDING:
        parts.append(t(lang, f"nudge.noted.{outcome.value}"))
    text = "\n\n".join(parts)
    if outcome == NudgeOutcome.PENDING:
        return text, buttons([
            [
                (t(lang, "nudge.button.will_ask"), f"n:{nudge_id}:will_ask"),
                (t(lang, "nudge.button.talked"), f"n:{nudge_id}:talked"),
            ],
            [(t(lang, "nudge.button.not_now"), f"n:{nudge_id}:not_now")],
        ])
    if outcome == NudgeOutcome.WILL_ASK:
        return text, buttons([[(t(lang, "nudge.button.talked"), f"n:{nudge_id}:talked")]])
    return text, None
