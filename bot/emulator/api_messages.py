"""Bot API: sending, editing and deleting messages, answering button presses."""

from __future__ import annotations

from typing import Any

from .api_common import (
    charge,
    check_text,
    find_message,
    method,
    outgoing_chat,
    parse_markup,
    reply_target,
    resolve_chat,
)
from .params import Params, bad_request
from .state import EmulatorState, now

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@method("sendMessage")
async def send_message(state: EmulatorState, p: Params) -> dict[str, Any]:
    chat = outgoing_chat(state, p)
    text = check_text(p)
    markup = parse_markup(p)
    reply_to = reply_target(chat, p)
    charge(state, chat)
    message = state.bot_sends(
        chat,
        text=text,
        parse_mode=p.get_str("parse_mode"),
        entities=p.get_json("entities"),
        reply_markup=markup,
        reply_to=reply_to,
    )
    return message.json()


@method("editMessageText")
async def edit_message_text(state: EmulatorState, p: Params) -> dict[str, Any]:
    chat = outgoing_chat(state, p)
    message = find_message(chat, p, "message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text = check_text(p)
    markup = parse_markup(p)
    if text == message.text and markup == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    charge(state, chat, new_message=False)
    message.text = text
    message.parse_mode = p.get_str("parse_mode")
    message.entities = p.get_json("entities")
    return _edited(state, message, markup)


@method("editMessageCaption")
async def edit_message_caption(state: EmulatorState, p: Params) -> dict[str, Any]:
    chat = outgoing_chat(state, p)
    message = find_message(chat, p, "message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    if message.document is None and message.photo is None:
        raise bad_request("there is no caption in the message to edit")
    caption = check_text(p, "caption")
    markup = parse_markup(p)
    if caption == message.caption and markup == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    charge(state, chat, new_message=False)
    message.caption = caption
    message.parse_mode = p.get_str("parse_mode")
    return _edited(state, message, markup)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(state: EmulatorState, p: Params) -> dict[str, Any]:
    chat = outgoing_chat(state, p)
    message = find_message(chat, p, "message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    markup = parse_markup(p)
    if markup == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    charge(state, chat, new_message=False)
    return _edited(state, message, markup)


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Only an inline keyboard survives an edit; compare against that."""
    return markup if markup and "inline_keyboard" in markup else None


def _edited(
    state: EmulatorState, message: Any, markup: dict[str, Any] | None
) -> dict[str, Any]:
    message.reply_markup = _inline(markup)
    message.edits += 1
    message.edit_date = now()
    message.chat.touch()
    state.feed.bot_wrote(message.chat.id, message.message_id, message.reply_markup, edited=True)
    return message.json()


@method("deleteMessage")
async def delete_message(state: EmulatorState, p: Params) -> bool:
    chat = resolve_chat(state, p)
    message = find_message(chat, p, "message to delete not found")
    message.deleted = True
    chat.touch()
    return True


@method("deleteMessages")
async def delete_messages(state: EmulatorState, p: Params) -> bool:
    chat = resolve_chat(state, p)
    ids = p.get_json("message_ids") or []
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be a list of 1-100 identifiers")
    for message_id in ids:
        message = chat.messages.get(int(message_id))
        if message is not None:
            message.deleted = True
    chat.touch()
    return True


@method("answerCallbackQuery")
async def answer_callback_query(state: EmulatorState, p: Params) -> bool:
    record = state.callbacks.get(p.get_str("callback_query_id") or "")
    if record is None or record.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.answer = {
        "text": text,
        "show_alert": p.get_bool("show_alert"),
        "url": p.get_str("url"),
    }
    state.stats.answered_callbacks += 1
    return True


@method("sendChatAction")
async def send_chat_action(state: EmulatorState, p: Params) -> bool:
    outgoing_chat(state, p)
    if not p.has("action"):
        raise bad_request("action is empty")
    return True
