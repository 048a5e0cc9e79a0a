"""The real python-telegram-bot stack, unchanged, against the emulator."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from bot.emulator import EmulatorClient, EmulatorServer

TOKEN = "123456:PTB-token"

# PTB itself warns about the future type of RetryAfter.retry_after when raising it.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*will be of type")


async def test_real_bot_and_application(emulator: EmulatorServer, client: EmulatorClient):
    await client.create_user(11, "Ada")
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes", callback_data="yes"),
                InlineKeyboardButton("Guide", url="https://example.org/guide"),
            ]
        ]
    )
    bot = Bot(TOKEN, base_url=emulator.api_base_url, base_file_url=emulator.file_base_url)
    async with bot:
        me = await bot.get_me()
        assert (me.id, me.username, me.is_bot) == (7000000001, "CoachAllianceBot", True)

        sent = await bot.send_message(11, "Ready?", reply_markup=markup)
        assert sent.reply_markup == markup and sent.chat.first_name == "Ada"
        edited = await bot.edit_message_text(
            "Ready now?", chat_id=11, message_id=sent.message_id, reply_markup=markup
        )
        assert edited.text == "Ready now?" and edited.edit_date is not None
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text(
                "Ready now?", chat_id=11, message_id=sent.message_id, reply_markup=markup
            )
        with pytest.raises(BadRequest, match=r"[Cc]hat not found"):
            await bot.send_message(999, "nobody")

        document = await bot.send_document(
            11, document=b"a,b\n1,2\n", filename="scores.csv", caption="Scores"
        )
        assert document.document.file_name == "scores.csv"
        assert document.document.file_size == 8
        file = await bot.get_file(document.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"

        await client.config(faults=[{"method": "sendMessage", "code": 429, "retry_after": 3}])
        with pytest.raises(RetryAfter):
            await bot.send_message(11, "flood")
        await client.block(11)
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(11, "nudge")
        await client.block(11, blocked=False)
        await bot.delete_webhook(drop_pending_updates=True)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_user is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        await update.effective_message.reply_text(
            f"Hello {update.effective_user.first_name}", reply_markup=keyboard
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Noted")
        await query.edit_message_text(f"Chosen: {query.data}")

    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emulator.api_base_url)
        .base_file_url(emulator.file_base_url)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(pressed))
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        await application.start()
        try:
            after = (await client.messages(11))[-1]["message_id"]
            await client.send(11, "/start")
            hello = await client.wait_for_message(
                11, "Hello Ada", timeout=5, after_message_id=after
            )
            assert hello["buttons"] == [[{"text": "Go", "data": "go", "url": None}]]
            press = await client.press(11, hello["message_id"], button_text="Go")
            chosen = await client.wait_for_message(
                11, lambda m: m["text"] == "Chosen: go", timeout=5, after_message_id=after
            )
            assert chosen["message_id"] == hello["message_id"] and chosen["buttons"] == []
            answer = await client.callback(press["callback_query_id"])
            assert answer["answered"] and answer["text"] == "Noted"
        finally:
            await application.updater.stop()
            await application.stop()
    stats = await client.stats()
    assert stats["updates_pending"] == 0
    assert stats["calls"]["getUpdates"] >= 1
