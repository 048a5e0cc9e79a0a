"""Users, chats and messages, and their two renderings.

`*_json` methods produce the exact Telegram objects PTB de-serialises; `view()` is the
flatter shape the control API returns so tests can assert on text and buttons directly.
"""

from __future__ import annotations

import asyncio
import bisect
from dataclasses import dataclass, field
from typing import Any

BOT_ID = 7000000001
BOT_USERNAME = "CoachAllianceBot"
BOT_FIRST_NAME = "Coach Alliance"

BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": BOT_FIRST_NAME,
    "username": BOT_USERNAME,
}

BOT_ME: dict[str, Any] = {
    **BOT_USER,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class User:
    id: int
    first_name: str
    language_code: str | None = "en"
    last_name: str | None = None
    username: str | None = None
    blocked: bool = False

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(eq=False)
class Message:
    message_id: int
    chat: Chat = field(repr=False)
    date: int
    sender: dict[str, Any]
    text: str | None = None
    entities: list[dict[str, Any]] | None = None
    caption: str | None = None
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    document: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    reply_to: Message | None = None
    edit_date: int | None = None
    edits: int = 0
    deleted: bool = False
    first_text: str | None = field(default=None, init=False)  # as sent, before any edit

    def __post_init__(self) -> None:
        self.first_text = self.text if self.text is not None else self.caption

    @property
    def from_bot(self) -> bool:
        return self.sender.get("id") == BOT_ID

    def json(self, with_reply: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.json(),
            "from": self.sender,
        }
        optional = {
            "text": self.text,
            "entities": self.entities,
            "caption": self.caption,
            "document": self.document,
            "photo": self.photo,
            "edit_date": self.edit_date,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.json(with_reply=False)
        return data

    def buttons(self) -> list[list[dict[str, Any]]]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            [
                {"text": b.get("text"), "data": b.get("callback_data"), "url": b.get("url")}
                for b in row
            ]
            for row in rows
        ]

    def find_button(self, label: str) -> dict[str, Any] | None:
        for row in (self.reply_markup or {}).get("inline_keyboard") or []:
            for button in row:
                if button.get("text") == label:
                    return button
        return None

    def view(self) -> dict[str, Any]:
        keyboard = (self.reply_markup or {}).get("keyboard")
        documents = []
        if self.document:
            documents.append(
                {
                    key: self.document.get(key)
                    for key in ("file_name", "file_size", "mime_type", "file_id")
                }
            )
        photos = [dict(self.photo[-1])] if self.photo else []
        return {
            "message_id": self.message_id,
            "date": self.date,
            "text": self.text if self.text is not None else self.caption,
            "caption": self.caption,
            "parse_mode": self.parse_mode,
            "buttons": self.buttons(),
            "keyboard": [
                [b.get("text") if isinstance(b, dict) else b for b in row] for row in keyboard
            ]
            if keyboard
            else None,
            "documents": documents,
            "photos": photos,
            "reply_to": self.reply_to.message_id if self.reply_to else None,
            "edits": self.edits,
            "first_text": self.first_text,
            "edit_date": self.edit_date,
            "deleted": self.deleted,
        }


@dataclass(eq=False)
class Chat:
    """A private chat (id == user id) or a group (negative id).

    `version` increases on every change the bot makes, and `changed` fires, so control
    clients can long-poll for "something new in this chat" instead of hammering.
    """

    id: int
    type: str
    title: str | None = None
    user: User | None = None
    messages: dict[int, Message] = field(default_factory=dict, repr=False)
    bot_messages: list[Message] = field(default_factory=list, repr=False)
    next_message_id: int = 1
    version: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    def json(self) -> dict[str, Any]:
        if self.type == "private" and self.user is not None:
            data = {"id": self.id, "type": "private", "first_name": self.user.first_name}
            for key in ("last_name", "username"):
                value = getattr(self.user, key)
                if value is not None:
                    data[key] = value
            return data
        return {"id": self.id, "type": self.type, "title": self.title or ""}

    def full_json(self) -> dict[str, Any]:
        """`ChatFullInfo` for `getChat`, with the fields PTB requires."""
        return {
            **self.json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    @property
    def chat_instance(self) -> str:
        return str(abs(self.id) * 1000003 + 7919)

    def add(self, message: Message) -> None:
        self.messages[message.message_id] = message
        if message.from_bot:
            self.bot_messages.append(message)
            self.touch()

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def touch(self) -> None:
        self.version += 1
        self.changed.set()
        self.changed = asyncio.Event()

    def bot_messages_after(self, after: int | None) -> list[Message]:
        if not after:
            return list(self.bot_messages)
        start = bisect.bisect_right(self.bot_messages, after, key=lambda m: m.message_id)
        return self.bot_messages[start:]
