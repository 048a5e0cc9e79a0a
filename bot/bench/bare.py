"""The ceiling: a bare python-telegram-bot bot, no database, the same two calls per tap.

`/start` sends a question with eleven buttons (0–10, like a check-in item); each tap is answered
(answerCallbackQuery) and the message edited to the next question (editMessageText). Run as
`python -m bot.bench.bare --concurrency N` against TELEGRAM_API_BASE_URL; 1 is sequential.
"""

from __future__ import annotations

import argparse
import os

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.types import AnyApplication, Context


def question(number: int) -> tuple[str, InlineKeyboardMarkup]:
    rows = [range(0, 6), range(6, 11)]
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(str(v), callback_data=f"b:{number}:{v}") for v in row]
         for row in rows]
    )
    return f"Question {number}: how did it go?", keyboard


async def on_start(update: Update, context: Context) -> None:
    assert update.effective_message is not None
    text, keyboard = question(1)
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def on_tap(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    number = int(query.data.split(":")[1]) + 1
    await query.answer()
    text, keyboard = question(number)
    await query.edit_message_text(text, reply_markup=keyboard)


def build(concurrency: int) -> AnyApplication:
    builder = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
    )
    if concurrency > 1:
        builder = builder.concurrent_updates(concurrency)
    application = builder.build()
    application.add_handler(CommandHandler("start", on_start))
    application.add_handler(CallbackQueryHandler(on_tap))
    return application


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    build(args.concurrency).run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
