"""The `bot` fixture: emulator + migrated database + the real Application, per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.e2e.harness import BotHarness


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[BotHarness]:
    harness = BotHarness(database_url)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()
