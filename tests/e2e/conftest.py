"""The `bot` fixture: emulator + migrated database + the real Application, per test; and
`errors`, every error record logged meanwhile (the bot's error handler logs each failure)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

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
