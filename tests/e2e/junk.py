"""Hypothesis strategies for what people (and broken clients) send: raw Telegram updates.

A `Case` is one update as the emulator queues it, plus what the bot owes in return: a reply in
a private chat, an answer to a button press, or silence (channels, groups after the first
notice). Nothing here is valid input that should change data: commands that write (/pause,
/mydata, /report, /newprogram's flow) are left out, so a test can demand that nothing changed.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from bot.emulator.models import BOT_USERNAME, utf16_len

SENDERS = ("stranger", "coachee", "coach", "lead")
# Commands that never write, whatever their arguments (a recent session makes /session a no-op).
READ_ONLY_COMMANDS = (
    "/start", "/help", "/language", "/forget", "/resume", "/session", "/schedule", "/mystats",
    "/invite", "/status", "/close", "/timezone", "/frobnicate", f"/help@{BOT_USERNAME}",
    "/help@SomeOtherBot", "/START",
)
CHANNEL = {"id": -1001234567890, "type": "channel", "title": "Announcements"}
GROUP = {"id": -4001, "type": "group", "title": "Coaches"}

_message_ids = itertools.count(50_000_000)

SPECIAL_TEXTS = (
    " ", "\n\n", "\u200b", "\u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "\u202eevil", "\x00", "\x1b[31mred", "a" * 4097, "🙂" * 2100, "é" * 5000, "/", "//help",
    "\ufeff/help", "@" + BOT_USERNAME,
)


@dataclass(frozen=True)
class Case:
    """One raw update and what the bot owes for it."""

    kind: str  # the Update field: "message", "edited_message", "callback_query" …
    sender: str  # a role from SENDERS (whose private chat it is, or who acts in a group)
    payload: dict[str, Any]
    owes: str  # "reply" (a new message in the private chat), "answer" (the press), "nothing"
    label: str  # for the tally the test prints

    def __repr__(self) -> str:  # short enough to read in a failure report
        return f"Case({self.label}, {self.sender}, {str(self.payload)[:300]})"


texts = st.one_of(
    st.text(min_size=1, max_size=300),
    st.text(min_size=1, max_size=6000),
    st.sampled_from(SPECIAL_TEXTS),
    st.builds(lambda s, n: (s * n)[:6000], st.text(min_size=1, max_size=5), st.integers(1, 3000)),
)


def _user(user_id: int, name: str, lang: str | None, extra: dict[str, Any]) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": name, **extra}
    if lang is not None:
        user["language_code"] = lang
    return user


optional_user_fields = st.fixed_dictionaries(
    {}, optional={"username": st.text(min_size=1, max_size=32), "last_name": st.text(max_size=64),
                  "is_premium": st.just(True)},
)
languages = st.one_of(st.none(), st.sampled_from(["en", "fr", "fr-CA", "de", "", "x" * 40]))


def message(chat: dict[str, Any], sender: dict[str, Any] | None, **content: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"message_id": next(_message_ids), "date": int(time.time()),
                            "chat": chat, **content}
    if sender is not None:
        data["from"] = sender
    return data


def _command(command: str, arguments: str) -> dict[str, Any]:
    text = f"{command} {arguments}" if arguments else command
    return {"text": text, "entities": [{"type": "bot_command", "offset": 0,
                                        "length": utf16_len(command)}]}


_file = {"file_id": "AgADBAAD", "file_unique_id": "AQADBAAD"}
EVERY_TYPE: dict[str, dict[str, Any]] = {
    "text": {"text": "hello"},
    "sticker": {"sticker": {**_file, "type": "regular", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False}},
    "photo": {"photo": [{**_file, "width": 90, "height": 90}], "caption": "look"},
    "voice": {"voice": {**_file, "duration": 3}},
    "document": {"document": {**_file, "file_name": "notes.pdf"}},
    "contact": {"contact": {"phone_number": "+15550100", "first_name": "Zed"}},
    "location": {"location": {"latitude": 45.5, "longitude": -73.6}},
    "empty": {},
}
contents = st.one_of(
    texts.map(lambda text: {"text": text}),
    st.builds(_command, st.sampled_from(READ_ONLY_COMMANDS), st.one_of(st.just(""), texts)),
    st.builds(lambda c: {"sticker": {**_file, "type": "regular", "width": 512, "height": 512,
                                     "is_animated": False, "is_video": False}, **c},
              st.just({})),
    st.builds(lambda caption: {"photo": [{**_file, "width": 90, "height": 90}], **caption},
              st.one_of(st.just({}), texts.map(lambda t: {"caption": t}))),
    st.just({"voice": {**_file, "duration": 3}}),
    st.builds(lambda name: {"document": {**_file, "file_name": name}}, texts),
    st.just({"contact": {"phone_number": "+15550100", "first_name": "Zed"}}),
    st.just({"location": {"latitude": 45.5, "longitude": -73.6}}),
    st.just({}),  # a message with nothing in it
    texts.map(lambda text: {"text": text, "forward_origin": {
        "type": "hidden_user", "sender_user_name": "Someone", "date": 0}}),
)


def one_of_each(people: dict[str, tuple[int, str]]) -> list[Case]:
    """Every message type from every sender, edited too, and in a channel and a group: the
    property draws at random, this makes sure each kind ran at least once."""
    found: list[Case] = []
    for role in SENDERS:
        user_id, name = people[role]
        sender = _user(user_id, name, None, {})
        private = {"id": user_id, "type": "private", "first_name": name}
        for label, content in EVERY_TYPE.items():
            found.append(Case("message", role, message(private, sender, **content), "reply",
                              f"message:{label}"))
        found.append(Case("edited_message", role, message(
            private, sender, edit_date=int(time.time()), **_command("/session", "")),
            "reply", "edited"))
    user_id, name = people["coach"]
    sender = _user(user_id, name, "en", {})
    found.append(Case("channel_post", "coach", message(CHANNEL, None, text="/help"), "nothing",
                      "channel_post"))
    found.append(Case("message", "coach", message(GROUP, sender, **_command("/session", "")),
                      "nothing", "group"))
    return found


@st.composite
def cases(draw: st.DrawFn, people: dict[str, tuple[int, str]], bot_message_ids: dict[str, int]
          ) -> Case:
    """Any update from one of `people` (role → (telegram id, name)).

    `bot_message_ids` gives a bot message in each private chat for presses to point at.
    """
    role = draw(st.sampled_from(SENDERS))
    user_id, name = people[role]
    sender = _user(user_id, name, draw(languages), draw(optional_user_fields))
    private = {"id": user_id, "type": "private", "first_name": name}
    content = draw(contents)
    where = draw(st.sampled_from(["private", "private", "private", "edited", "channel",
                                  "edited_channel", "group", "press"]))
    if where == "private":
        label = next(iter(content), "empty")
        return Case("message", role, message(private, sender, **content), "reply",
                    f"message:{label}")
    if where == "edited":
        edited = message(private, sender, edit_date=int(time.time()), **content)
        return Case("edited_message", role, edited, "reply", "edited")
    if where in ("channel", "edited_channel"):
        kind = "channel_post" if where == "channel" else "edited_channel_post"
        return Case(kind, role, message(CHANNEL, None, **content), "nothing", kind)
    if where == "group":
        return Case("message", role, message(GROUP, sender, **content), "nothing", "group")
    data = draw(st.text(min_size=1, max_size=64).filter(lambda d: len(d.encode()) <= 64))
    pressed_on = {"message_id": bot_message_ids[role], "date": int(time.time()), "chat": private,
                  "from": {"id": 7000000001, "is_bot": True, "first_name": "Coach Alliance"},
                  "text": "…"}
    query = {"from": sender, "chat_instance": str(user_id), "data": data, "message": pressed_on}
    return Case("callback_query", role, query, "answer", "press")
