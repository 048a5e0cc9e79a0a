"""What simulated people do in Telegram: enrol, log sessions, answer questionnaires, react to
nudges — only through the emulator's control API, reading the bot's texts like a person would."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Sequence
from typing import Any

from bot.simulation import Message, SimulatedUser
from bot.texts import t

PROGRESS = re.compile(r"(\d+)/(\d+)")


def has_scale(message: Message) -> bool:
    """A questionnaire step: its buttons are the numbers of a scale."""
    labels = [b["text"] for row in message.get("buttons") or [] for b in row]
    return "0" in labels and "10" in labels


def has_button(message: Message, label: str) -> bool:
    return any(b["text"] == label for row in message.get("buttons") or [] for b in row)


async def changed(user: SimulatedUser, message: Message, timeout: float = 30) -> Message:
    """Wait for `message` to be edited, or for a newer message, and return what changed.

    Long-polls the emulator from just before `message`, so only the newest messages travel.
    """
    message_id, edits = message["message_id"], message["edits"]

    def is_change(current: Message) -> bool:
        if current["message_id"] == message_id:
            return bool(current["edits"] > edits or current["deleted"])
        return current["message_id"] > message_id

    return await user.client.wait_for_message(
        user.id, is_change, timeout=timeout, after_message_id=message_id - 1
    )


async def enrol(user: SimulatedUser, token: str) -> None:
    await user.send(f"/start {token}")
    consent = await user.expect(lambda m: has_button(m, t(user.lang, "enrol.agree")), timeout=30)
    await user.press(t(user.lang, "enrol.agree"), consent)
    await changed(user, consent)


async def answer_questionnaire(
    user: SimulatedUser,
    values: Sequence[int],
    *,
    comment: str | None = None,
    timeout: float = 30,
    latencies: list[float] | None = None,
) -> Message:
    """Answer the newest open questionnaire item by item; then skip or write the comment."""
    message = await user.expect(has_scale, timeout=timeout)
    while has_scale(message):
        match = PROGRESS.search(message.get("text") or "")
        index = int(match.group(1)) - 1 if match else 0
        tapped = time.perf_counter()
        await user.press(str(values[min(index, len(values) - 1)]), message)
        message = await changed(user, message)
        if latencies is not None:
            latencies.append(time.perf_counter() - tapped)
    add, skip = (
        t(user.lang, "checkin.button.comment_add"),
        t(user.lang, "checkin.button.comment_skip"),
    )
    if has_button(message, skip):
        if comment is None:
            await user.press(skip, message)
            return await changed(user, message)
        await user.press(add, message)
        message = await changed(user, message)
        await user.send(comment)
        share = await user.expect(
            lambda m: has_button(m, t(user.lang, "checkin.button.keep_private"))
        )
        await user.press(t(user.lang, "checkin.button.keep_private"), share)
        return await changed(user, share)
    return message


async def log_session(coach: SimulatedUser, coachee_name: str, several: bool) -> None:
    """The coach reports a session that just ended, picking the coachee when needed."""
    await coach.send("/session")
    if several:
        picker = await coach.expect(lambda m: has_button(m, coachee_name), timeout=30)
        await coach.press(coachee_name, picker)


async def react_to_nudge(coach: SimulatedUser, rng: random.Random) -> bool:
    """Tap one of the nudge buttons if a nudge is waiting; True when there was one."""
    labels = [
        t(coach.lang, key)
        for key in ("nudge.button.talked", "nudge.button.will_ask", "nudge.button.not_now")
    ]
    for message in reversed(await coach.messages()):
        present = [label for label in labels if has_button(message, label)]
        if present:
            choice = rng.choices(present, weights=[5, 3, 1][: len(present)])[0]
            await coach.press(choice, message)
            await changed(coach, message)
            return True
    return False


def transcript(messages: list[dict[str, Any]], who: str, limit: int = 12) -> list[str]:
    """A short, readable excerpt of what the bot said in one chat."""
    lines = []
    for message in messages[:limit]:
        text = (message.get("text") or "").strip().splitlines()
        first = text[0] if text else "(document)"
        buttons = [b["text"] for row in message.get("buttons") or [] for b in row]
        suffix = (
            f"   [{' | '.join(buttons[:6])}{' …' if len(buttons) > 6 else ''}]" if buttons else ""
        )
        lines.append(f"  bot → {who}: {first[:90]}{suffix}")
    return lines
