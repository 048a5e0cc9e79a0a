"""Loopback Telegram Bot API emulator.

Runs the real python-telegram-bot ``Application`` unchanged over HTTP without access to
Telegram: tests, demos and benchmarks point PTB at it, and anyone can act as users
through a small JSON control API on the same port. Standalone: imports nothing from
the rest of the project. All state is in memory; ``POST /emulator/reset`` clears it.

Start it with ``alliance emulator [--port P]`` or ``python -m bot.emulator --port P``,
or in-process with ``EmulatorServer().start(port=0)``. Then::

    Bot(token, base_url=f"{URL}/bot", base_file_url=f"{URL}/file/bot")   # any token

Bot API (``/bot<token>/<method>``, GET or POST; query, form, JSON or multipart)
    getMe, getUpdates (long polling, offset/limit/allowed_updates as on Telegram),
    setWebhook/deleteWebhook/getWebhookInfo (with a webhook set, updates are POSTed
    to it with ``X-Telegram-Bot-Api-Secret-Token`` and getUpdates answers 409),
    set/get/deleteMyCommands (per scope and language), sendMessage, editMessageText,
    editMessageReplyMarkup, editMessageCaption, deleteMessage(s), answerCallbackQuery,
    sendDocument, sendPhoto, getFile (+ ``GET /file/bot<token>/<file_path>``),
    sendChatAction, getChat, getChatMember, set/getMyName, set/getMyDescription,
    set/getMyShortDescription, set/getChatMenuButton. Unknown methods: 404.
    Text is stored raw; with parse_mode=HTML, bad tags are refused ("can't parse
    entities") and limits apply to the visible text, as on Telegram.
    Refusals mirror Telegram's wording: empty/too long text, BUTTON_DATA_INVALID,
    chat not found, message is not modified, message to edit/delete not found,
    403 bot was blocked by the user, 429 Too Many Requests with retry_after.

Control API (JSON; errors are ``{"ok": false, "error": "..."}`` with 400/404)
    POST /emulator/users                 {"id", "first_name", "language_code"} -> user
                                         (private chat id == user id; idempotent)
    POST /emulator/users/{id}/send       {"text", "reply_to_message_id"?}
                                         -> {"message_id", "update_id"}
                                         (a leading /command gets a bot_command entity;
                                         a user who blocked the bot unblocks it first)
    POST /emulator/users/{id}/press      {"message_id", "button_text"} or
                                         {"message_id", "data"} (forged press),
                                         optional "chat_id" for group messages
                                         -> {"callback_query_id", "update_id"}
    POST /emulator/updates               {"kind": "edited_message"|"callback_query"|...,
                                         "payload": {...}} queues one raw update as given
                                         (no checks: malformed or unusual updates; a
                                         callback query gets an id if it has none and can
                                         be answered) -> {"update_id", "callback_query_id"}
    GET  /emulator/users/{id}/messages   bot messages in the private chat, oldest first:
                                         [{"message_id", "date", "text", "caption",
                                         "parse_mode", "buttons": [[{"text", "data",
                                         "url"}]], "keyboard", "documents": [{"file_name",
                                         "file_size", "mime_type", "file_id"}], "photos",
                                         "reply_to", "edits", "edit_date", "deleted"}]
    GET  /emulator/chats/{chat_id}/messages   the same for any chat
         query: after=<message_id>; wait=<s> long-polls until a newer message exists,
         or, with version=<X-Emulator-Version of the previous answer>, until any change
    POST /emulator/groups                {"id": <negative>, "title", "type"?}
    POST /emulator/groups/{chat_id}/send {"user_id", "text"} (privacy mode: only
                                         commands, @mentions and replies reach the bot,
                                         otherwise update_id is null)
    GET  /emulator/callbacks/{id}        {"answered", "text", "show_alert", "url", "data"}
    GET  /emulator/commands              registered command lists per scope/language
    GET  /emulator/stats                 {"calls": {method: n}, "errors": {"429": n},
                                         "updates_queued", "updates_delivered",
                                         "updates_pending", "answered_callbacks", ...}
    GET|POST /emulator/config            {"rate_limits": bool, "group_privacy": bool,
                                         "faults": [{"method": "sendMessage"|"*", "code":
                                         429|403|500|502|200, "count": N, "retry_after": s,
                                         "delay": s (answer late: a client timeout)}],
                                         "block": {"user_id", "blocked"} (or a list)}
                                         -> current config. "faults" replaces the pending
                                         list; "*" matches every method except getUpdates.
                                         Blocking emits a my_chat_member (kicked) update.
    POST /emulator/reset                 forget everything (update ids keep increasing)

Rate limits (off by default): per private chat a burst of 3 then 1 message/s, per group
20/min, 30/s overall; sends count for both, edits for the chat only (the overall limit is on
new messages to many chats); refused calls cost nothing.
"""

from .client import EmulatorClient, EmulatorError
from .server import EmulatorServer, run_forever

__all__ = ["EmulatorClient", "EmulatorError", "EmulatorServer", "run_forever"]
