"""Fixtures: a fresh emulator per test, a control client and a raw Bot API caller."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

from bot.emulator import EmulatorClient, EmulatorServer

TOKEN = "123456:TEST-token"

ApiCall = Callable[..., Awaitable[tuple[int, dict[str, Any]]]]


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorServer]:
    server = EmulatorServer()
    await server.start(port=0)
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(emulator: EmulatorServer) -> AsyncIterator[EmulatorClient]:
    async with EmulatorClient(emulator.base_url) as control:
        yield control


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def api(emulator: EmulatorServer, http: aiohttp.ClientSession) -> ApiCall:
    """Call a Bot API method with a JSON body; returns (HTTP status, decoded envelope)."""

    async def call(method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        url = f"{emulator.api_base_url}{TOKEN}/{method}"
        async with http.post(url, json=params) as response:
            return response.status, await response.json()

    return call
