"""Concurrency in order: a real Application polling the emulator, with a deliberately slow handler.

Two taps of one person must be handled one after the other, in the order they were made; taps
of different people must overlap in time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot.emulator import EmulatorClient, EmulatorServer
from bot.update_order import ChatOrderedUpdateProcessor, order_key
from tests.waiting import eventually

SLOW = 0.3


@dataclass
class Handled:
    user_id: int
    data: str
    began: float
    ended: float


@pytest.fixture
async def slow_bot() -> AsyncIterator[tuple[EmulatorClient, Any, list[Handled]]]:
    server = EmulatorServer()
    await server.start()
    handled: list[Handled] = []

    async def on_tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None and update.effective_user is not None
        began = time.monotonic()
        await asyncio.sleep(SLOW)
        handled.append(
            Handled(update.effective_user.id, str(update.callback_query.data), began,
                    time.monotonic())
        )
        await update.callback_query.answer()

    application = (
        Application.builder()
        .token("7000000002:ORDER-TEST")
        .base_url(server.api_base_url)
        .concurrent_updates(ChatOrderedUpdateProcessor(max_running=16))
        .build()
    )
    application.add_handler(CallbackQueryHandler(on_tap))
    client = EmulatorClient(server.base_url)
    await application.initialize()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await application.start()
    try:
        yield client, application.bot, handled
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        await client.close()
        await server.stop()


async def _message_with_buttons(client: EmulatorClient, bot: Any, user_id: int) -> int:
    await client.create_user(user_id, f"U{user_id}")
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=label) for label in ("first", "second")]]
    )
    message = await bot.send_message(user_id, "pick", reply_markup=keyboard)
    return int(message.message_id)


async def _until(handled: list[Handled], count: int) -> None:
    async def enough() -> bool:
        return len(handled) >= count

    await eventually(enough, f"{count} updates to be handled")


async def test_two_taps_of_one_person_are_applied_in_order(slow_bot: Any) -> None:
    client, bot, handled = slow_bot
    message_id = await _message_with_buttons(client, bot, 501)
    await client.press(501, message_id, button_text="first")
    await client.press(501, message_id, button_text="second")
    await _until(handled, 2)
    first, second = handled
    assert [first.data, second.data] == ["first", "second"]
    assert second.began >= first.ended


async def test_taps_of_different_people_are_handled_at_the_same_time(slow_bot: Any) -> None:
    client, bot, handled = slow_bot
    users = list(range(601, 611))
    messages = [await _message_with_buttons(client, bot, user_id) for user_id in users]
    began = time.monotonic()
    for user_id, message_id in zip(users, messages, strict=True):
        await client.press(user_id, message_id, button_text="first")
    await _until(handled, len(users))
    elapsed = time.monotonic() - began
    assert elapsed < 3 * SLOW  # one at a time would take 10 × SLOW
    latest_start = max(h.began for h in handled)
    earliest_end = min(h.ended for h in handled)
    assert latest_start < earliest_end  # all ten were running at one moment


async def test_updates_without_a_chat_are_ordered_by_user() -> None:
    update = Update.de_json(
        {
            "update_id": 1,
            "inline_query": {
                "id": "q", "from": {"id": 77, "is_bot": False, "first_name": "A"},
                "query": "", "offset": "",
            },
        },
        None,
    )
    assert order_key(update) == ("user", 77)
    assert order_key(object()) is None


async def test_the_running_bound_is_positive() -> None:
    with pytest.raises(ValueError):
        ChatOrderedUpdateProcessor(max_running=0)
