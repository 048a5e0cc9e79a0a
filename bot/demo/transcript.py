"""The demo's transcript: one dyad's story, told from what the bot sent to its two people.

A pure function over recorded messages, so it can be tested without running a program. The
reader should see the story (enrolment, a check-in, a reminder, a nudge and what followed, the
end) and nothing of the coach's other dyads: a coach's message that names another of their
coachees is left out, routine messages already shown once are counted instead of repeated, and
long lines are shortened at a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 100
MAX_BUTTONS = 6
DIGITS = re.compile(r"\d+")
Message = dict[str, Any]


@dataclass(frozen=True)
class Said:
    """One bot message as it stands at the end (edits applied), in the order it was sent."""

    order: tuple[int, ...]  # where it comes in the story: step of the program, side, message
    role: str  # "coach" or "coachee"
    text: str
    buttons: tuple[str, ...] = ()
    first: str = ""  # the text as first sent, when an edit changed it since


def shorten(text: str, width: int = WIDTH) -> str:
    """`text` in at most `width` characters, cut before a word and ended with an ellipsis.

    A single word longer than `width` is kept whole: a cut word reads as a typo.
    """
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    if cut <= 0:
        cut = text.find(" ", width)
        if cut < 0:
            return text
    return text[:cut].rstrip(" ,;:·–-") + " …"


def _flat(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _change(first: str, final: str) -> str:
    """What an edit did: the end text, less the heading it kept from the text as sent."""
    common = next((i for i, (a, b) in enumerate(zip(first, final, strict=False)) if a != b),
                  min(len(first), len(final)))
    if common < 12:
        return final
    while common and final[common - 1].isalnum() and final[common:common + 1].isalnum():
        common -= 1  # back to the start of a word the two texts only began alike
    return final[common:].lstrip(" :·–-")


def _line(said: Said, names: dict[str, str]) -> str:
    """`bot → role name: text`; an edited message as `as sent → what the edit made of it`."""
    shown = list(said.buttons[:MAX_BUTTONS])
    more = " …" if len(said.buttons) > MAX_BUTTONS else ""
    suffix = f"   [{' | '.join(shown)}{more}]" if shown else ""
    label = f"bot → {said.role} {names[said.role]}: "
    room = WIDTH - len(label)
    text, first = _flat(said.text) or "(document)", _flat(said.first)
    change = _change(first, text) if first and first != text else ""
    if change:
        after = shorten(change, room // 2)
        text = f"{shorten(first, room - len(after) - 3)} → {after}"
    else:
        text = shorten(first or text, room)
    return "  " + label + text + suffix


def dyad_transcript(
    messages: Iterable[Said],
    coach: str,
    coachee: str,
    others: Sequence[str] = (),
) -> list[str]:
    """The dyad's lines in the order they were sent.

    `others` are the names of the coach's other coachees: a coach's message naming one of them
    and not `coachee` belongs to another dyad. A run of identical lines shows once with its
    count; a line that only differs by its numbers from one already shown (the same kind of
    message at a later session) is folded into a count, so new events stand out.
    """
    names = {"coach": coach, "coachee": coachee}
    lines: list[str] = []
    seen: set[str] = set()
    folded = 0
    last = ""
    repeats = 0

    def flush_repeats() -> None:
        nonlocal repeats
        if repeats:
            lines[-1] += f" (×{repeats + 1})"
            repeats = 0

    def flush_folded() -> None:
        nonlocal folded
        if folded:
            flush_repeats()
            lines.append(f"  … {folded} more like the above")
            folded = 0

    for said in sorted(messages, key=lambda m: m.order):
        if said.role == "coach" and coachee not in said.text and any(
            other in said.text for other in others
        ):
            continue  # about another of the coach's dyads
        line = _line(said, names)
        if line == last and not folded:
            repeats += 1
            continue
        kind = DIGITS.sub("#", line)
        if kind in seen:
            folded += 1
            continue
        flush_folded()
        flush_repeats()
        seen.add(kind)
        lines.append(line)
        last = line
    flush_folded()
    flush_repeats()
    return [f"Dyad: coach {coach} – coachee {coachee}, in the order the bot wrote", *lines]


def recorded(chats: dict[str, list[Message]], marks: dict[str, list[int]]) -> list[Said]:
    """`Said` records of each role's chat as it stands at the end, in the program's steps.

    `marks[role]` holds the chat's newest message id at the end of each step; a message belongs
    to the first step that covers it. Within a step the roles come in the order of `chats`
    (the coach, who logs the session, first), each chat in its own order.
    """
    said = []
    for rank, (role, messages) in enumerate(chats.items()):
        steps = marks.get(role, [])
        for message in messages:
            if message.get("deleted"):
                continue
            number = message["message_id"]
            step = next((i for i, mark in enumerate(steps) if number <= mark), len(steps))
            said.append(
                Said(
                    (step, rank, number),
                    role,
                    message.get("text") or "",
                    tuple(b["text"] for row in message.get("buttons") or [] for b in row),
                    message.get("first_text") or "",
                )
            )
    return said
