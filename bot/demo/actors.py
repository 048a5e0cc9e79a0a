"""What simulated people do in Telegram: enrol, log sessions, answer questionnaires, react to
nudges — only through the emulator's control API, reading the bot's texts like a person would."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence

from bot.simulation import Message, SimulatedUser
from bot.texts import t

PROGRESS = re.compile(r"(\d+)/(\d+)")


def has_scale(message: Message) -> bool:
    """A questionnaire step: its buttons are the numbers of a scale."""
    labels = [b["text"] for row in message.get("buttons") or [] for b in row]
    return "0" in labels and "10" in labels


def has_button(message: Message, label: str) -> bool:
    return any(b["text"] == label for row in message.get("buttons") or [] for b in row)


async def changed(
    user: SimulatedUser,
    message: Message,
    timeout: float = 30,
    *,
    newer: Callable[[Message], bool] | None = lambda _: True,
) -> Message:
    """Wait for `message` to be edited, or for a newer message that `newer` accepts.

    `newer=None` waits for the edit alone: a nudge or reminder the delivery loop sends in the
    meantime is not the answer to a tap. Long-polls the emulator from just before `message`, so
    only the newest messages travel.
    """
    message_id, edits = message["message_id"], message["edits"]

    def is_change(current: Message) -> bool:
        if current["message_id"] == message_id:
            return bool(current["edits"] > edits or current["deleted"])
        return current["message_id"] > message_id and newer is not None and newer(current)

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
    about: str | None = None,
    message: Message | None = None,
) -> Message:
    """Answer the first open questionnaire since the last action, or the open one that names
    `about` (of several waiting at once), or `message` when already found, item by item; then
    skip or write the comment."""
    if message is None and about is None:
        message = await user.expect(has_scale, timeout=timeout)
    elif message is None:
        message = await user.client.wait_for_message(
            user.id, lambda m: has_scale(m) and about in (m.get("text") or ""), timeout=timeout
        )
    while has_scale(message):
        match = PROGRESS.search(message.get("text") or "")
        index = int(match.group(1)) - 1 if match else 0
        tapped = time.perf_counter()
        await user.press(str(values[min(index, len(values) - 1)]), message)
        message = await changed(user, message, newer=None)
        if latencies is not None:
            latencies.append(time.perf_counter() - tapped)
    add, skip = (
        t(user.lang, "checkin.button.comment_add"),
        t(user.lang, "checkin.button.comment_skip"),
    )
    if has_button(message, skip):
        if comment is None:
            await user.press(skip, message)
            return await changed(user, message, newer=None)
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
    """The coach reports a session that just ended: picks the coachee when there are several,
    else confirms that it is the session with their one coachee."""
    await coach.send("/session")
    label = coachee_name if several else t(coach.lang, "session.button.log_yes")
    question = await coach.expect(lambda m: has_button(m, label), timeout=30)
    await coach.press(label, question)


async def schedule_session(
    coach: SimulatedUser, coachee_name: str, several: bool, day: str, start: str, length: str
) -> None:
    """`/schedule`: the coachee when needed, then the day, start time and length by label."""
    await coach.send("/schedule")
    if several:
        picker = await coach.expect(lambda m: has_button(m, coachee_name), timeout=30)
        await coach.press(coachee_name, picker)
        picker = await changed(coach, picker, newer=None)
    else:
        picker = await coach.expect(lambda m: has_button(m, day), timeout=30)
    for label in (day, start, length):
        await coach.press(label, picker)
        picker = await changed(coach, picker, newer=None)


async def react_to_nudge(coach: SimulatedUser, rng: random.Random) -> int:
    """Tap one button on each nudge still waiting, oldest first; how many there were."""
    labels = [
        t(coach.lang, key)
        for key in ("nudge.button.talked", "nudge.button.will_ask", "nudge.button.not_now")
    ]
    tapped = 0
    for message in await coach.messages():
        present = [label for label in labels if has_button(message, label)]
        if present and not message["deleted"]:
            choice = rng.choices(present, weights=[5, 3, 1][: len(present)])[0]
            await coach.press(choice, message)
            await changed(coach, message, newer=None)
            tapped += 1
    return tapped
