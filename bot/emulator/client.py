"""Async client for the control API, for tests, demos and load scripts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp

from .control import VERSION_HEADER

Message = dict[str, Any]
Matcher = str | Callable[[Message], bool]


class EmulatorError(RuntimeError):
    """The control API refused a request (unknown user, missing button, ...)."""

    def __init__(self, status: int, payload: Any):
        message = payload.get("error") if isinstance(payload, dict) else payload
        super().__init__(f"{status}: {message}")
        self.status = status
        self.payload = payload


class EmulatorClient:
    """Acts as Telegram users against an `EmulatorServer` at `base_url`."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(
        self,
        verb: str,
        path: str,
        body: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
    ) -> tuple[Any, dict[str, str]]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        url = f"{self.base_url}/emulator{path}"
        params = {k: str(v) for k, v in (query or {}).items() if v is not None}
        async with self._session.request(verb, url, json=body, params=params) as response:
            payload = await response.json(content_type=None)
            if response.status >= 400:
                raise EmulatorError(response.status, payload)
            return payload, dict(response.headers)

    async def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return (await self._call("POST", path, body or {}))[0]

    async def _get(self, path: str, **query: Any) -> Any:
        return (await self._call("GET", path, query=query))[0]

    # -- users and groups ----------------------------------------------------------------

    async def create_user(
        self, id: int, first_name: str, language_code: str = "en", **extra: Any
    ) -> dict[str, Any]:
        body = {"id": id, "first_name": first_name, "language_code": language_code, **extra}
        return await self._post("/users", body)

    async def send(self, user_id: int, text: str, reply_to_message_id: int | None = None) -> Any:
        body: dict[str, Any] = {"text": text}
        if reply_to_message_id is not None:
            body["reply_to_message_id"] = reply_to_message_id
        return await self._post(f"/users/{user_id}/send", body)

    async def press(
        self,
        user_id: int,
        message_id: int,
        button_text: str | None = None,
        data: str | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"message_id": message_id}
        if button_text is not None:
            body["button_text"] = button_text
        if data is not None:
            body["data"] = data
        if chat_id is not None:
            body["chat_id"] = chat_id
        return await self._post(f"/users/{user_id}/press", body)

    async def press_inline(
        self, user_id: int, inline_message_id: str, data: str
    ) -> dict[str, Any]:
        """A button on an inline-mode message: the callback query carries no message and no
        chat, only the user and `inline_message_id` (a raw update through `inject`)."""
        payload = {
            "from": {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"},
            "inline_message_id": inline_message_id,
            "chat_instance": f"inline-{user_id}",
            "data": data,
        }
        return await self.inject("callback_query", payload)

    async def inject(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (`kind` is its field: "edited_message", "callback_query" …)."""
        return await self._post("/updates", {"kind": kind, "payload": payload})

    async def create_group(self, chat_id: int, title: str) -> dict[str, Any]:
        return await self._post("/groups", {"id": chat_id, "title": title})

    async def send_in_group(self, user_id: int, chat_id: int, text: str) -> dict[str, Any]:
        return await self._post(f"/groups/{chat_id}/send", {"user_id": user_id, "text": text})

    async def block(self, user_id: int, blocked: bool = True) -> dict[str, Any]:
        return await self.config(block={"user_id": user_id, "blocked": blocked})

    # -- what the bot did ----------------------------------------------------------------

    async def messages(self, user_id: int, after: int | None = None) -> list[Message]:
        """Bot messages in the user's private chat, oldest first (edits applied)."""
        return await self._get(f"/users/{user_id}/messages", after=after)

    async def chat_messages(self, chat_id: int, after: int | None = None) -> list[Message]:
        return await self._get(f"/chats/{chat_id}/messages", after=after)

    async def wait_for_message(
        self,
        user_id: int,
        predicate_or_substring: Matcher,
        timeout: float = 10,
        after_message_id: int | None = None,
    ) -> Message:
        """First live bot message in the user's chat that matches (substring or predicate)."""
        return await self.wait_for_chat_message(
            user_id, predicate_or_substring, timeout, after_message_id
        )

    async def wait_for_chat_message(
        self,
        chat_id: int,
        predicate_or_substring: Matcher,
        timeout: float = 10,
        after_message_id: int | None = None,
    ) -> Message:
        """Like `wait_for_message` for any chat; long-polls instead of busy-looping."""
        match = _matcher(predicate_or_substring)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        version: str | None = None
        seen: list[Message] = []
        while True:
            remaining = deadline - loop.time()
            query: dict[str, Any] = {"after": after_message_id or 0}
            if version is not None:
                query.update(version=version, wait=round(max(0.0, min(remaining, 5.0)), 3))
            seen, headers = await self._call("GET", f"/chats/{chat_id}/messages", query=query)
            version = headers.get(VERSION_HEADER, version)
            for message in seen:
                if not message["deleted"] and match(message):
                    return message
            if remaining <= 0:
                texts = [m.get("text") for m in seen[-5:]]
                raise TimeoutError(
                    f"no matching bot message in chat {chat_id} within {timeout}s; latest: {texts}"
                )

    async def callback(self, callback_query_id: str) -> dict[str, Any]:
        """Whether/how the bot answered a press (text, show_alert, url)."""
        return await self._get(f"/callbacks/{callback_query_id}")

    async def commands(self) -> list[dict[str, Any]]:
        return await self._get("/commands")

    # -- the emulator itself -------------------------------------------------------------

    async def stats(self) -> dict[str, Any]:
        return await self._get("/stats")

    async def config(self, **kw: Any) -> dict[str, Any]:
        """E.g. `config(rate_limits=True, faults=[{"method": "sendMessage", "code": 502}])`."""
        return await self._post("/config", kw)

    async def reset(self) -> None:
        await self._post("/reset")

    async def press_many(self, presses: list[dict[str, Any]]) -> list[int | None]:
        """Tap for many users at once: `[{"user_id", "message_id", "data"}, …]`."""
        return list((await self._post("/presses", {"presses": presses}))["update_ids"])

    async def feed(self, after: int = 0, wait: float = 0) -> list[dict[str, Any]]:
        """The bot's sends and edits after `after` (long-polls up to `wait` seconds)."""
        return list((await self._get("/feed", after=after, wait=wait))["events"])


def _matcher(spec: Matcher) -> Callable[[Message], bool]:
    if callable(spec):
        return spec
    return lambda message: spec in (message.get("text") or "")
