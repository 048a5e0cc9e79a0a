"""The `bot` fixture: emulator + migrated database + the real Application, per test; `errors`,
every error record logged meanwhile (the bot's error handler logs each failure); and the
`environment` / `emulator` fixtures of the tests that start `alliance` as processes."""

from __future__ import annotations

import logging
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


class ErrorLog(logging.Handler):
    """Collects error records from every logger: the bot's error handler logs each failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def errors() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


@pytest.fixture
def environment(database_url: str) -> dict[str, str]:
    """Settings for `alliance` processes on this test's database and emulator port."""
    return process_environment(database_url)


@pytest.fixture
def emulator(environment: dict[str, str]) -> Iterator[str]:
    """`alliance emulator` as a process; yields its base URL."""
    with emulator_process(environment) as base:
        yield base
