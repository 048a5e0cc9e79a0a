"""Two budgets against the emulator with Telegram's limits on: bulk at the full rate, replies fast.

The emulator answers 429 past about 30 new messages/s overall or about 1/s per chat, as Telegram
does, so a burst that completes with no 429 shows the budgets kept to the limits.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.emulator import EmulatorClient, EmulatorServer
from bot.rate_budgets import BULK, Budget, RateBudgets

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

BURST = 300


@pytest.fixture
async def limited() -> AsyncIterator[tuple[EmulatorClient, ExtBot[Any], RateBudgets]]:
    server = EmulatorServer()
    await server.start()
    client = EmulatorClient(server.base_url)
    await client.config(rate_limits=True)
    budgets = RateBudgets()
    bot: ExtBot[Any] = ExtBot(
        "7000000003:BUDGET-TEST",
        base_url=server.api_base_url,
        rate_limiter=budgets,
        request=HTTPXRequest(connection_pool_size=256, pool_timeout=30),
    )
    await bot.initialize()
    try:
        yield client, bot, budgets
    finally:
        await bot.shutdown()
        await client.close()
        await server.stop()


async def _errors_429(client: EmulatorClient) -> int:
    return int((await client.stats())["errors"].get("429", 0))


async def test_bulk_burst_runs_at_the_overall_rate_while_replies_stay_fast(
    limited: Any,
) -> None:
    client, bot, _ = limited
    for user_id in range(1, BURST + 2):
        await client.create_user(user_id, f"U{user_id}")
    tapper = BURST + 1
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("go", callback_data="go")]])
    tapped = await bot.send_message(tapper, "question 0", reply_markup=keyboard)
    reply_times: list[float] = []

    async def replies_to_taps() -> None:
        for step in range(1, 9):
            await asyncio.sleep(1.0)
            pressed = await client.press(tapper, tapped.message_id, button_text="go")
            began = time.monotonic()
            await bot.answer_callback_query(pressed["callback_query_id"])
            await bot.edit_message_text(
                f"question {step}", chat_id=tapper, message_id=tapped.message_id,
                reply_markup=keyboard,
            )
            reply_times.append(time.monotonic() - began)

    began = time.monotonic()
    tapping = asyncio.create_task(replies_to_taps())
    await asyncio.gather(
        *(bot.send_message(u, "due prompt", rate_limit_args=BULK) for u in range(1, BURST + 1))
    )
    elapsed = time.monotonic() - began
    await tapping
    assert await _errors_429(client) == 0
    # 300 at ~30/s: never faster than the budget; the upper bound leaves room for a busy machine
    assert 8.5 <= elapsed <= 16
    assert max(reply_times) < 0.5 and statistics.median(reply_times) < 0.1


async def test_replies_keep_to_their_chat_limit(limited: Any) -> None:
    client, bot, _ = limited
    await client.create_user(7, "Ada")
    began = time.monotonic()
    for number in range(5):
        await bot.send_message(7, f"reply {number}")
    assert await _errors_429(client) == 0
    assert time.monotonic() - began >= 2.5  # a burst of two, then one a second


async def test_a_429_is_waited_out_and_retried(limited: Any) -> None:
    client, bot, budgets = limited
    await client.create_user(8, "Bo")
    await client.config(faults=[{"method": "sendMessage", "code": 429, "retry_after": 1}])
    began = time.monotonic()
    message = await bot.send_message(8, "after the wait", rate_limit_args=BULK)
    assert message.text == "after the wait"
    assert budgets.retries == 1
    assert time.monotonic() - began >= 1.0


def test_budget_lets_a_burst_through_then_spaces_calls() -> None:
    budget = Budget(rate=10.0, burst=3.0)
    waits = [budget.reserve(100.0) for _ in range(5)]
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert waits[3] == pytest.approx(0.1) and waits[4] == pytest.approx(0.2)
