"""Control calls for load generators: many taps in one request, and the feed of what the bot wrote.

`POST /emulator/presses` `{"presses": [{"user_id", "message_id", "data"}, …]}` taps for many
users at once and answers `{"update_ids": [id or null, …]}` (null where a tap was refused).
`GET /emulator/feed?after=SEQ&wait=S` long-polls the bot's sends and edits after `SEQ`:
`{"events": [{"seq", "chat_id", "message_id", "buttons", "tap_ms"}, …]}`.
"""

from __future__ import annotations

import asyncio
import time

from aiohttp import web

from .control import MAX_WAIT, _body, _guarded, _int
from .state import ControlError, EmulatorState


class LoadApi:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/emulator/presses", _guarded(self.presses)),
            web.get("/emulator/feed", _guarded(self.feed)),
        ]

    async def presses(self, request: web.Request) -> web.Response:
        body = await _body(request)
        presses = body.get("presses")
        if not isinstance(presses, list):
            raise ControlError(400, "presses must be a list")
        update_ids: list[int | None] = []
        for press in presses:
            try:
                _, update_id = self.state.user_presses(
                    _int(press.get("user_id"), "user_id"),
                    _int(press.get("message_id"), "message_id"),
                    data=str(press["data"]),
                )
            except ControlError:
                update_ids.append(None)
            else:
                update_ids.append(update_id)
        return web.json_response({"update_ids": update_ids})

    async def feed(self, request: web.Request) -> web.Response:
        feed = self.state.feed
        after = _int(request.query.get("after", 0), "after")
        wait = min(float(request.query.get("wait", 0) or 0), MAX_WAIT)
        deadline = time.monotonic() + wait
        events = feed.after(after)
        while not events and (remaining := deadline - time.monotonic()) > 0:
            try:
                await asyncio.wait_for(feed.changed.wait(), remaining)
            except TimeoutError:
                break
            events = feed.after(after)
        return web.json_response({"events": [event.json() for event in events]})
