"""`EmulatorServer`: one aiohttp app serving the Bot API and the control API on one port."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiohttp import web

from .botapi import BotApi
from .control import ControlApi
from .files import MAX_UPLOAD_BYTES
from .load_api import LoadApi
from .state import EmulatorState
from .webhook import WebhookDeliverer

log = logging.getLogger(__name__)


class EmulatorServer:
    """Loopback Telegram Bot API.

    Point PTB at it with ``Bot(token, base_url=server.api_base_url,
    base_file_url=server.file_base_url)``; drive users through ``EmulatorClient``.
    """

    def __init__(self) -> None:
        self.state = EmulatorState()
        self.app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 1024 * 1024)
        self.app.add_routes(ControlApi(self.state).routes())
        self._bot_api = BotApi(self.state)
        self.app.add_routes(self._bot_api.routes())
        self.app.add_routes(LoadApi(self.state).routes())
        self._runner: web.AppRunner | None = None
        self._webhook = WebhookDeliverer(self.state)
        self._host = "127.0.0.1"
        self._port: int | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Bind and serve; `port=0` picks a free port (read it back from `port`)."""
        if self._runner is not None:
            raise RuntimeError("emulator already started")
        self._runner = web.AppRunner(
            self.app, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        addresses = self._runner.addresses
        self._port = int(addresses[0][1]) if addresses else port
        self._host = host
        self._webhook.start()
        log.info("Telegram emulator listening on %s", self.base_url)

    async def stop(self) -> None:
        await self._webhook.stop()
        await self._bot_api.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> EmulatorServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("emulator not started")
        return self._port

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self._host in ("0.0.0.0", "") else self._host
        return f"http://{host}:{self.port}"

    @property
    def api_base_url(self) -> str:
        """What PTB's ``base_url`` takes; PTB appends the token."""
        return f"{self.base_url}/bot"

    @property
    def file_base_url(self) -> str:
        return f"{self.base_url}/file/bot"


async def serve(host: str = "127.0.0.1", port: int = 8081) -> None:
    """Run until SIGINT/SIGTERM (or cancellation)."""
    server = EmulatorServer()
    await server.start(host, port)
    print(f"Telegram emulator on {server.base_url}")
    print(f"  PTB base_url:      {server.api_base_url}")
    print(f"  PTB base_file_url: {server.file_base_url}")
    print(f"  control API:       {server.base_url}/emulator/")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()


def run_forever(host: str = "127.0.0.1", port: int = 8081) -> None:
    """Blocking entry point for the `alliance emulator` command."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(host, port))
