"""Bot API: identity, updates (polling and webhook settings), commands and chat info."""

from __future__ import annotations

import json
import re
from typing import Any

from .api_common import method, resolve_chat
from .models import BOT_ID, BOT_ME, BOT_USER
from .params import ApiError, Params, bad_request
from .state import EmulatorState

COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@method("getMe")
async def get_me(state: EmulatorState, p: Params) -> dict[str, Any]:
    return dict(BOT_ME)


@method("logOut")
async def log_out(state: EmulatorState, p: Params) -> bool:
    return True


@method("close")
async def close(state: EmulatorState, p: Params) -> bool:
    return True


@method("getUpdates")
async def get_updates(state: EmulatorState, p: Params) -> list[dict[str, Any]]:
    if state.webhook.url:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    allowed = p.get_json("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed updates")
    state.updates.set_allowed(allowed)
    limit = p.get_int("limit", 100) or 100
    timeout = min(max(p.get_float("timeout", 0.0), 0.0), 50.0)
    return await state.updates.wait(p.get_int("offset", 0) or 0, limit, timeout)


@method("setWebhook")
async def set_webhook(state: EmulatorState, p: Params) -> bool:
    url = p.get_str("url") or ""
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.get_str("secret_token")
    if secret is not None and not SECRET_RE.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if p.get_bool("drop_pending_updates"):
        state.updates.drop_pending()
    allowed = p.get_json("allowed_updates")
    if isinstance(allowed, list):
        state.updates.set_allowed(allowed)
    state.webhook.url = url
    state.webhook.secret_token = secret if url else None
    state.webhook.max_connections = p.get_int("max_connections", 40) or 40
    state.webhook.last_error_date = state.webhook.last_error_message = None
    state.webhook_changed()
    return True


@method("deleteWebhook")
async def delete_webhook(state: EmulatorState, p: Params) -> bool:
    if p.get_bool("drop_pending_updates"):
        state.updates.drop_pending()
    state.webhook.url = ""
    state.webhook.secret_token = None
    state.webhook_changed()
    return True


@method("getWebhookInfo")
async def get_webhook_info(state: EmulatorState, p: Params) -> dict[str, Any]:
    return state.webhook.info(state.updates.pending_count, state.updates.allowed_updates)


def _command_key(p: Params) -> tuple[str, str]:
    scope = p.get_json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), p.get_str("language_code") or ""


@method("setMyCommands")
async def set_my_commands(state: EmulatorState, p: Params) -> bool:
    commands = p.get_json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict) or not COMMAND_RE.match(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description") or "")) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    state.commands[_command_key(p)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


@method("getMyCommands")
async def get_my_commands(state: EmulatorState, p: Params) -> list[dict[str, Any]]:
    return list(state.commands.get(_command_key(p), []))


@method("deleteMyCommands")
async def delete_my_commands(state: EmulatorState, p: Params) -> bool:
    state.commands.pop(_command_key(p), None)
    return True


def _profile(field: str, limit: int) -> None:
    """Register the setMy<Field>/getMy<Field> pair, stored per language."""
    camel = "".join(part.title() for part in field.split("_"))

    async def setter(state: EmulatorState, p: Params) -> bool:
        value = p.get_str(field) or ""
        if len(value) > limit:
            raise bad_request(f"{field.upper()}_INVALID")
        state.bot_profile[f"{field}:{p.get_str('language_code') or ''}"] = value
        return True

    async def getter(state: EmulatorState, p: Params) -> dict[str, str]:
        lang = p.get_str("language_code") or ""
        value = state.bot_profile.get(f"{field}:{lang}", state.bot_profile.get(field, ""))
        return {field: value}

    method(f"setMy{camel}")(setter)
    method(f"getMy{camel}")(getter)


_profile("name", 64)
_profile("description", 512)
_profile("short_description", 120)


@method("setChatMenuButton")
async def set_chat_menu_button(state: EmulatorState, p: Params) -> bool:
    button = p.get_json("menu_button") or {"type": "default"}
    state.menu_buttons[p.get_int("chat_id")] = button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(state: EmulatorState, p: Params) -> dict[str, Any]:
    chat_id = p.get_int("chat_id")
    return state.menu_buttons.get(chat_id) or state.menu_buttons.get(None) or {"type": "default"}


@method("setMyDefaultAdministratorRights")
async def set_default_rights(state: EmulatorState, p: Params) -> bool:
    return True


@method("getChat")
async def get_chat(state: EmulatorState, p: Params) -> dict[str, Any]:
    return resolve_chat(state, p).full_json()


@method("getChatMember")
async def get_chat_member(state: EmulatorState, p: Params) -> dict[str, Any]:
    chat = resolve_chat(state, p)
    user_id = p.get_int("user_id")
    if user_id == BOT_ID:
        return {"status": "member", "user": BOT_USER}
    user = state.users.get(user_id or 0)
    if user is None or (chat.type == "private" and chat.id != user_id):
        raise bad_request("user not found")
    return {"status": "member", "user": user.json()}
