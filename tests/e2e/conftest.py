"""The `bot` fixture: emulator + migrated database + the real Application, per test; and the
`environment` / `emulator` fixtures of the tests that start `alliance` as processes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.e2e.harness import BotHarness
from tests.e2e.processes import emulator_process, process_environment


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[BotHarness]:
    harness = BotHarness(database_url)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


@pytest.fixture
def environment(database_url: str) -> dict[str, str]:
    """Settings for `alliance` processes on this test's database and emulator port."""
    return process_environment(database_url)


@pytest.fixture
def emulator(environment: dict[str, str]) -> Iterator[str]:
    """`alliance emulator` as a process; yields its base URL."""
    with emulator_process(environment) as base:
        yield base
