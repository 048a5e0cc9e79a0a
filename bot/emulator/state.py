"""All emulator state, in memory: who exists, what was said, what the bot must see next.

Nothing here speaks HTTP, so the Bot API and the control API share one source of truth
and every lookup is a dict access (hundreds of users, thousands of messages stay cheap).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from .feed import BotFeed
from .files import FileStore
from .limits import FaultInjector, RateLimiter, Stats
from .models import BOT_FIRST_NAME, BOT_USER, BOT_USERNAME, Chat, Message, User, utf16_len
from .updates import UpdateQueue

#: The update kinds `inject_update` accepts (the optional fields of Telegram's Update).
UPDATE_KINDS = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post", "callback_query",
        "inline_query", "chosen_inline_result", "my_chat_member", "chat_member",
        "chat_join_request", "message_reaction", "business_message", "poll", "poll_answer",
    }
)


class ControlError(Exception):
    """A control-API request that cannot be honoured (rendered as a JSON 4xx)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class CallbackRecord:
    id: str
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str | None
    answered: bool = False
    answer: dict[str, Any] = field(default_factory=dict)


@dataclass
class Webhook:
    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None

    def info(self, pending: int, allowed: list[str] | None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": pending,
        }
        if self.url:
            data["max_connections"] = self.max_connections
            if allowed is not None:
                data["allowed_updates"] = allowed
        if self.last_error_date:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        return data


def now() -> int:
    return int(time.time())


def command_entities(text: str) -> list[dict[str, Any]] | None:
    """A leading `/command` gets a bot_command entity, as Telegram's client adds."""
    if not text.startswith("/"):
        return None
    command = text.split(maxsplit=1)[0] if text.strip() else text
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


class EmulatorState:
    """Users, chats, messages, callbacks, commands, files, limits and the update queue."""

    def __init__(self) -> None:
        self.updates = UpdateQueue()
        self.files = FileStore()
        self.limiter = RateLimiter()
        self.faults = FaultInjector()
        self.stats = Stats()
        self.feed = BotFeed()
        self._callback_ids = itertools.count(4_000_000_000_000_000_001)
        self.webhook_event = asyncio.Event()
        self.reset()

    def reset(self) -> None:
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.webhook = Webhook()
        self.webhook_changed()
        self.rate_limits = False
        self.group_privacy = True
        self.bot_profile: dict[str, str] = {
            "name": BOT_FIRST_NAME,
            "description": "",
            "short_description": "",
        }
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.updates.reset()
        self.files.reset()
        self.limiter.reset()
        self.faults.configure([])
        self.stats.reset()
        self.feed.reset()

    def webhook_changed(self) -> None:
        """Wake the webhook deliverer after setWebhook/deleteWebhook."""
        self.webhook_event.set()
        self.webhook_event = asyncio.Event()

    # -- people and places ---------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
    ) -> User:
        """Create a user and their private chat; repeating the call just refreshes names."""
        if user_id <= 0:
            raise ControlError(400, "user id must be a positive integer")
        user = self.users.get(user_id)
        if user is None:
            user = self.users[user_id] = User(user_id, first_name, language_code)
            self.chats[user_id] = Chat(id=user_id, type="private", user=user)
        user.first_name = first_name or user.first_name
        user.language_code = language_code
        user.last_name = last_name if last_name is not None else user.last_name
        user.username = username if username is not None else user.username
        return user

    def add_group(self, chat_id: int, title: str, kind: str = "group") -> Chat:
        if chat_id >= 0:
            raise ControlError(400, "group chat id must be negative")
        if kind not in ("group", "supergroup"):
            raise ControlError(400, "group type must be 'group' or 'supergroup'")
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = self.chats[chat_id] = Chat(id=chat_id, type=kind, title=title)
        chat.title = title or chat.title
        return chat

    def user(self, user_id: int) -> User:
        user = self.users.get(user_id)
        if user is None:
            raise ControlError(404, f"unknown user {user_id}")
        return user

    def chat(self, chat_id: int) -> Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            raise ControlError(404, f"unknown chat {chat_id}")
        return chat

    # -- what users do -------------------------------------------------------------------

    def user_sends(
        self, user_id: int, text: str, chat_id: int | None = None, reply_to: int | None = None
    ) -> tuple[Message, int | None]:
        """Record a user's message and queue the `message` update the bot will receive.

        A user who blocked the bot unblocks it first (Telegram's "Restart" button). In a
        group with privacy mode on, only commands, mentions and replies to the bot are
        delivered, so the returned update id is then None.
        """
        user = self.user(user_id)
        if not text:
            raise ControlError(400, "text is required")
        chat = self.chat(chat_id if chat_id is not None else user_id)
        if chat.type == "private" and chat.id != user_id:
            raise ControlError(400, "a user can only write in their own private chat")
        if user.blocked and chat.type == "private":
            self.set_blocked(user_id, False)
        replied = chat.messages.get(reply_to) if reply_to else None
        message = Message(
            message_id=chat.new_message_id(),
            chat=chat,
            date=now(),
            sender=user.json(),
            text=text,
            entities=command_entities(text),
            reply_to=replied,
        )
        chat.add(message)
        if chat.type != "private" and self.group_privacy and not _addressed_to_bot(message):
            return message, None
        return message, self.updates.put("message", message.json())

    def user_presses(
        self,
        user_id: int,
        message_id: int,
        button_text: str | None = None,
        data: str | None = None,
        chat_id: int | None = None,
    ) -> tuple[CallbackRecord, int]:
        """Tap an inline button by label (must exist now) or with forged raw `data`."""
        user = self.user(user_id)
        chat = self.chat(chat_id if chat_id is not None else user_id)
        if chat.type == "private" and chat.id != user_id:
            raise ControlError(400, "a user can only press buttons in their own chats")
        message = chat.messages.get(message_id)
        if message is None or message.deleted:
            raise ControlError(400, f"message {message_id} not found in chat {chat.id}")
        if data is None:
            if button_text is None:
                raise ControlError(400, "give button_text or data")
            button = message.find_button(button_text)
            if button is None:
                labels = [b["text"] for row in message.buttons() for b in row]
                raise ControlError(400, f"no button {button_text!r} on message; has {labels}")
            if "callback_data" not in button:
                raise ControlError(400, f"button {button_text!r} has no callback_data")
            data = str(button["callback_data"])
        record = CallbackRecord(
            id=str(next(self._callback_ids)),
            user_id=user.id,
            chat_id=chat.id,
            message_id=message_id,
            data=data,
        )
        self.callbacks[record.id] = record
        self.feed.pressed(chat.id, message_id)
        payload = {
            "id": record.id,
            "from": user.json(),
            "message": message.json(),
            "chat_instance": chat.chat_instance,
            "data": data,
        }
        return record, self.updates.put("callback_query", payload)

    def inject_update(self, kind: str, payload: dict[str, Any]) -> tuple[int, str | None]:
        """Queue one update of any kind exactly as given (no checks against users or chats).

        For what the other calls cannot produce: edited messages, channel posts, media,
        missing optional fields, a callback query with `inline_message_id` and no message.
        A callback query gets an id if it has none and can be answered like a real one;
        returns (update_id, callback_query_id or None).
        """
        if kind not in UPDATE_KINDS:
            raise ControlError(400, f"unknown update kind {kind!r}")
        callback_id = None
        if kind == "callback_query":
            callback_id = str(payload.get("id") or next(self._callback_ids))
            payload = {**payload, "id": callback_id}
            message = payload.get("message") or {}
            sender = payload.get("from") or {}
            self.callbacks[callback_id] = CallbackRecord(
                id=callback_id,
                user_id=_int_or_zero(sender.get("id")),
                chat_id=(message.get("chat") or {}).get("id"),
                message_id=message.get("message_id"),
                data=payload.get("data"),
            )
        return self.updates.put(kind, payload), callback_id

    def set_blocked(self, user_id: int, blocked: bool) -> int | None:
        """Block/unblock the bot, emitting the `my_chat_member` update Telegram sends."""
        user = self.user(user_id)
        if user.blocked == blocked:
            return None
        user.blocked = blocked
        member = {"status": "member", "user": BOT_USER}
        kicked = {"status": "kicked", "user": BOT_USER, "until_date": 0}  # 0 = forever
        old, new = (member, kicked) if blocked else (kicked, member)
        payload = {
            "chat": self.chats[user_id].json(),
            "from": user.json(),
            "date": now(),
            "old_chat_member": old,
            "new_chat_member": new,
        }
        return self.updates.put("my_chat_member", payload)

    # -- what the bot does ---------------------------------------------------------------

    def bot_sends(self, chat: Chat, **fields: Any) -> Message:
        message = Message(
            message_id=chat.new_message_id(), chat=chat, date=now(), sender=BOT_USER, **fields
        )
        chat.add(message)
        self.feed.bot_wrote(chat.id, message.message_id, message.reply_markup, edited=False)
        return message

    def config_view(self) -> dict[str, Any]:
        return {
            "rate_limits": self.rate_limits,
            "group_privacy": self.group_privacy,
            "faults": self.faults.describe(),
            "blocked": sorted(uid for uid, user in self.users.items() if user.blocked),
            "webhook": self.webhook.url or None,
        }

    def stats_view(self) -> dict[str, Any]:
        return {
            "calls": dict(self.stats.calls),
            "errors": dict(self.stats.errors),
            "updates_queued": self.updates.queued,
            "updates_delivered": self.updates.delivered,
            "updates_pending": self.updates.pending_count,
            "updates_filtered": self.updates.filtered,
            "answered_callbacks": self.stats.answered_callbacks,
            "webhook_deliveries": self.stats.webhook_deliveries,
            "users": len(self.users),
            "chats": len(self.chats),
        }


def _int_or_zero(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _addressed_to_bot(message: Message) -> bool:
    text = message.text or ""
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        return "@" not in command or command.endswith(f"@{BOT_USERNAME}")
    if f"@{BOT_USERNAME}".lower() in text.lower():
        return True
    return message.reply_to is not None and message.reply_to.from_bot
