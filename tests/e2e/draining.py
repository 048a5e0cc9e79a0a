"""Run the outbound queue to the end on the test's manual clock: a delivery pass, then a minute
of program time, until nothing pending is due (retries wait out their backoff that way)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.delivery.queue_model import OutboundMessage, OutboundState
from tests.e2e.harness import BotHarness

# Refusals that pass, each with how many duplicates it may cause: a call answered only after
# the bot's 5 s timeout went through, so sending it again shows it twice.
PASSING_FAULTS = pytest.mark.parametrize(
    ("fault", "duplicates"),
    [
        ({"code": 429, "retry_after": 3, "count": 4}, 0),
        ({"code": 502, "count": 4}, 0),
        ({"code": 500, "count": 2}, 0),
        ({"code": 200, "delay": 6, "count": 1}, 1),
    ],
    ids=["429", "502", "500", "timeout"],
)


async def deliver_until_quiet(bot: BotHarness, rounds: int = 40) -> None:
    """Passes a minute of program time apart, until nothing is pending and due."""
    for _ in range(rounds):
        await bot.dispatch()
        async with bot.db() as db:
            pending = await db.scalar(select(OutboundMessage.id).where(
                OutboundMessage.state == OutboundState.PENDING,
                OutboundMessage.due_at <= bot.clock.now()))
        if pending is None:
            return
        bot.advance(minutes=1)
    raise AssertionError("the queue never emptied")
