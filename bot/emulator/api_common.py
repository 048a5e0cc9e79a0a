"""Shared plumbing for Bot API handlers: registry, chat lookup, markup and text checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from .formatting import visible_text
from .models import Chat, Message
from .params import Params, bad_request, forbidden, too_many_requests
from .state import EmulatorState

Handler = Callable[[EmulatorState, Params], Awaitable[Any]]

#: Canonical method name -> handler. Lookups are case-insensitive, as on Telegram.
METHODS: dict[str, Handler] = {}
_BY_LOWER: dict[str, str] = {}

#: Calls that count against flood control (sends and edits, not chat actions).
RATE_LIMITED = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
    }
)

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
URL_SCHEMES = ("http://", "https://", "tg://")


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under its Bot API method name."""

    def register(func: Handler) -> Handler:
        METHODS[name] = func
        _BY_LOWER[name.lower()] = name
        return func

    return register


def lookup(name: str) -> tuple[str, Handler] | None:
    canonical = _BY_LOWER.get(name.lower())
    return (canonical, METHODS[canonical]) if canonical else None


def resolve_chat(state: EmulatorState, p: Params) -> Chat:
    raw = p.get_str("chat_id")
    if not raw:
        raise bad_request("chat_id is empty")
    try:
        chat_id = int(raw)
    except ValueError:
        raise bad_request("chat not found") from None
    chat = state.chats.get(chat_id)
    if chat is None:
        raise bad_request("chat not found")
    return chat


def outgoing_chat(state: EmulatorState, p: Params) -> Chat:
    """The chat a send/edit targets, refusing users who blocked the bot."""
    chat = resolve_chat(state, p)
    if chat.user is not None and chat.user.blocked:
        raise forbidden("bot was blocked by the user")
    return chat


def charge(state: EmulatorState, chat: Chat, *, new_message: bool = True) -> None:
    """Spend a flood-control token for `chat` (after validation, so refusals cost nothing).

    Edits (`new_message=False`) count for the chat only, not for the overall 30/s.
    """
    if not state.rate_limits:
        return
    wait = state.limiter.check(chat.id, overall=new_message)
    if wait is not None:
        raise too_many_requests(wait)


def check_text(p: Params, field: str = "text") -> str | None:
    """Validate `text` or `caption`: Telegram limits what is visible, not the markup."""
    text = p.get_str(field)
    visible = visible_text(text or "", p.get_str("parse_mode"))
    if field == "caption":
        if len(visible) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return text or None
    if not visible.strip():
        raise bad_request("message text is empty")
    if len(visible) > MAX_TEXT:
        raise bad_request("message is too long")
    return text


def parse_markup(p: Params) -> dict[str, Any] | None:
    """Decode and validate `reply_markup` the way Telegram refuses bad keyboards."""
    markup = p.get_json("reply_markup", "reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _validate_inline(markup["inline_keyboard"])
    elif not {"keyboard", "remove_keyboard", "force_reply"} & markup.keys():
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _validate_inline(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str):
                    raise bad_request(
                        "can't parse inline keyboard button: Field "
                        '"callback_data" must be of type String'
                    )
                if not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            elif "url" in button:
                if not str(button["url"]).startswith(URL_SCHEMES):
                    raise bad_request("BUTTON_URL_INVALID")
            elif len(button) == 1:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard"
                )


def find_message(chat: Chat, p: Params, missing: str) -> Message:
    if p.has("inline_message_id"):
        raise bad_request("inline messages are not supported by the emulator")
    message_id = p.get_int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request(missing)
    return message


def reply_target(chat: Chat, p: Params) -> Message | None:
    """Resolve `reply_parameters` (or legacy `reply_to_message_id`) within `chat`."""
    params = p.get_json("reply_parameters") or {}
    if not isinstance(params, dict):
        raise bad_request("can't parse reply parameters JSON object")
    message_id = params.get("message_id") or p.get_int("reply_to_message_id")
    if not message_id:
        return None
    target = chat.messages.get(int(message_id))
    if target is None or target.deleted:
        if params.get("allow_sending_without_reply") or p.get_bool("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return target
