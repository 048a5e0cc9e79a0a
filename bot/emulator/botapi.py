"""HTTP front of the Bot API: `/bot<token>/<method>` and `/file/bot<token>/<path>`.

Every call is counted, may be failed by an injected fault, and is answered in Telegram's
envelope with the matching HTTP status so PTB raises the same exceptions it would live.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web

from . import api_media, api_messages, api_meta  # noqa: F401  (register handlers)
from .api_common import Handler, lookup
from .limits import Fault
from .params import ApiError, Params, read_params
from .state import EmulatorState

log = logging.getLogger(__name__)


class BotApi:
    """Routes Bot API requests for any token to the registered method handlers."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self._late_calls: set[asyncio.Future[Any]] = set()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.route("*", r"/bot{token}/{method}", self.call),
            web.get(r"/file/bot{token}/{path:.+}", self.download),
        ]

    async def call(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        found = lookup(name)
        stats = self.state.stats
        if found is None:
            stats.calls[name] += 1
            return self._error(ApiError(404, "Not Found"))
        canonical, handler = found
        stats.calls[canonical] += 1
        try:
            fault = self.state.faults.take(canonical)
            if fault is not None and fault.delay > 0:
                params = await read_params(request)
                # Telegram carries out a call whose client stopped waiting: the client hanging
                # up (a timeout) must not cancel it, so a late success is a real duplicate risk
                late = asyncio.ensure_future(self._late(fault, handler, params))
                self._late_calls.add(late)
                late.add_done_callback(self._settled)
                result: Any = await asyncio.shield(late)
            else:
                if fault is not None and fault.code != 200:
                    raise fault.error()
                params = await read_params(request)
                result = await handler(self.state, params)
        except ApiError as err:
            return self._error(err)
        except Exception:  # a handler bug must still look like a Telegram failure
            log.exception("emulator handler %s failed", canonical)
            return self._error(ApiError(500, "Internal Server Error"))
        return web.json_response({"ok": True, "result": result})

    async def close(self) -> None:
        """Drop calls still waiting out a fault's delay: the server is going away."""
        for late in list(self._late_calls):
            late.cancel()
        await asyncio.gather(*self._late_calls, return_exceptions=True)

    async def _late(self, fault: Fault, handler: Handler, params: Params) -> Any:
        await asyncio.sleep(fault.delay)
        if fault.code != 200:
            raise fault.error()
        return await handler(self.state, params)

    def _settled(self, late: asyncio.Future[Any]) -> None:
        self._late_calls.discard(late)
        if not late.cancelled():
            late.exception()  # seen here when the client had hung up before it came

    def _error(self, err: ApiError) -> web.Response:
        self.state.stats.errors[str(err.code)] += 1
        return web.json_response(err.envelope(), status=err.code)

    async def download(self, request: web.Request) -> web.Response:
        stored = self.state.files.by_path(request.match_info["path"])
        if stored is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(body=stored.data, headers={"Content-Type": stored.mime_type})
