"""Control API under `/emulator/`: play users, inspect what the bot said, steer failures."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .state import ControlError, EmulatorState

MAX_WAIT = 30.0
VERSION_HEADER = "X-Emulator-Version"

Route = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _fail(status: int, message: str) -> web.Response:
    return web.json_response({"ok": False, "error": message}, status=status)


def _guarded(route: Route) -> Route:
    """Turn bad input into a JSON 4xx instead of an HTML 500."""

    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await route(request)
        except ControlError as err:
            return _fail(err.status, err.message)
        except (KeyError, TypeError, ValueError) as err:
            return _fail(400, f"bad request: {err.__class__.__name__}: {err}")

    return wrapper


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    body = await request.json()
    if not isinstance(body, dict):
        raise ControlError(400, "body must be a JSON object")
    return body


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ControlError(400, f"{name} must be an integer") from None


class ControlApi:
    """JSON endpoints that act on the shared `EmulatorState`."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> list[web.RouteDef]:
        g = _guarded
        return [
            web.post("/emulator/users", g(self.create_user)),
            web.get("/emulator/users", g(self.list_users)),
            web.post("/emulator/users/{id}/send", g(self.user_send)),
            web.post("/emulator/users/{id}/press", g(self.user_press)),
            web.get("/emulator/users/{id}/messages", g(self.user_messages)),
            web.post("/emulator/updates", g(self.inject_update)),
            web.post("/emulator/groups", g(self.create_group)),
            web.post("/emulator/groups/{chat_id}/send", g(self.group_send)),
            web.get("/emulator/chats/{chat_id}/messages", g(self.chat_messages)),
            web.get("/emulator/callbacks/{callback_id}", g(self.callback)),
            web.get("/emulator/commands", g(self.commands)),
            web.get("/emulator/stats", g(self.stats)),
            web.get("/emulator/config", g(self.get_config)),
            web.post("/emulator/config", g(self.set_config)),
            web.post("/emulator/reset", g(self.reset)),
        ]

    async def create_user(self, request: web.Request) -> web.Response:
        body = await _body(request)
        user = self.state.add_user(
            _int(body.get("id"), "id"),
            str(body.get("first_name") or f"User {body.get('id')}"),
            body.get("language_code", "en"),
            body.get("last_name"),
            body.get("username"),
        )
        return web.json_response(user.json())

    async def list_users(self, request: web.Request) -> web.Response:
        users = [{**u.json(), "blocked": u.blocked} for u in self.state.users.values()]
        return web.json_response(users)

    async def user_send(self, request: web.Request) -> web.Response:
        body = await _body(request)
        message, update_id = self.state.user_sends(
            _int(request.match_info["id"], "user id"),
            str(body.get("text") or ""),
            reply_to=body.get("reply_to_message_id"),
        )
        return web.json_response({"message_id": message.message_id, "update_id": update_id})

    async def user_press(self, request: web.Request) -> web.Response:
        body = await _body(request)
        chat_id = body.get("chat_id")
        record, update_id = self.state.user_presses(
            _int(request.match_info["id"], "user id"),
            _int(body.get("message_id"), "message_id"),
            button_text=body.get("button_text"),
            data=None if body.get("data") is None else str(body["data"]),
            chat_id=None if chat_id is None else _int(chat_id, "chat_id"),
        )
        return web.json_response({"callback_query_id": record.id, "update_id": update_id})

    async def inject_update(self, request: web.Request) -> web.Response:
        body = await _body(request)
        payload = body.get("payload")
        if not isinstance(payload, dict):
            raise ControlError(400, "payload must be a JSON object")
        update_id, callback_id = self.state.inject_update(str(body.get("kind")), payload)
        return web.json_response({"update_id": update_id, "callback_query_id": callback_id})

    async def user_messages(self, request: web.Request) -> web.Response:
        self.state.user(_int(request.match_info["id"], "user id"))
        return await self._messages(request, _int(request.match_info["id"], "user id"))

    async def chat_messages(self, request: web.Request) -> web.Response:
        return await self._messages(request, _int(request.match_info["chat_id"], "chat id"))

    async def _messages(self, request: web.Request, chat_id: int) -> web.Response:
        """Bot messages, oldest first; `after`, and `wait` (+ `version`) to long-poll.

        With `version` (from the previous response's header) the call returns once the
        chat changed at all (new message, edit, delete); without it, once a message newer
        than `after` exists. Either way it gives up after `wait` seconds.
        """
        chat = self.state.chat(chat_id)
        query = request.query
        after = _int(query.get("after", 0), "after")
        wait = min(float(query.get("wait", 0) or 0), MAX_WAIT)
        version = query.get("version")
        deadline = time.monotonic() + wait
        while True:
            changed = chat.changed
            fresh = chat.bot_messages_after(after)
            unchanged = chat.version == _int(version, "version") if version else not fresh
            remaining = deadline - time.monotonic()
            if not unchanged or remaining <= 0:
                break
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                fresh = chat.bot_messages_after(after)
                break
        return web.json_response(
            [message.view() for message in fresh],
            headers={VERSION_HEADER: str(chat.version)},
        )

    async def create_group(self, request: web.Request) -> web.Response:
        body = await _body(request)
        chat = self.state.add_group(
            _int(body.get("id"), "id"), str(body.get("title") or ""), body.get("type", "group")
        )
        return web.json_response(chat.json())

    async def group_send(self, request: web.Request) -> web.Response:
        body = await _body(request)
        message, update_id = self.state.user_sends(
            _int(body.get("user_id"), "user_id"),
            str(body.get("text") or ""),
            chat_id=_int(request.match_info["chat_id"], "chat id"),
            reply_to=body.get("reply_to_message_id"),
        )
        return web.json_response({"message_id": message.message_id, "update_id": update_id})

    async def callback(self, request: web.Request) -> web.Response:
        record = self.state.callbacks.get(request.match_info["callback_id"])
        if record is None:
            raise ControlError(404, "unknown callback query")
        return web.json_response(
            {
                "callback_query_id": record.id,
                "data": record.data,
                "answered": record.answered,
                **record.answer,
            }
        )

    async def commands(self, request: web.Request) -> web.Response:
        return web.json_response(
            [
                {"scope": scope, "language_code": lang, "commands": commands}
                for (scope, lang), commands in self.state.commands.items()
            ]
        )

    async def stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.state.stats_view())

    async def get_config(self, request: web.Request) -> web.Response:
        return web.json_response(self.state.config_view())

    async def set_config(self, request: web.Request) -> web.Response:
        body = await _body(request)
        if "rate_limits" in body:
            self.state.rate_limits = bool(body["rate_limits"])
            self.state.limiter.reset()
        if "group_privacy" in body:
            self.state.group_privacy = bool(body["group_privacy"])
        if "faults" in body:
            faults = body["faults"] or []
            if not isinstance(faults, list) or not all(isinstance(f, dict) for f in faults):
                raise ControlError(400, "faults must be a list of objects")
            self.state.faults.configure(faults)
        blocks = body.get("block") or []
        for block in [blocks] if isinstance(blocks, dict) else blocks:
            self.state.set_blocked(
                _int(block.get("user_id"), "block.user_id"), bool(block.get("blocked", True))
            )
        return web.json_response(self.state.config_view())

    async def reset(self, request: web.Request) -> web.Response:
        self.state.reset()
        return web.json_response({"ok": True})
