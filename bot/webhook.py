"""Webhook mode: a small HTTP server of our own in front of the Application's update queue.

python-telegram-bot's built-in webhook handler compares the secret header with `!=` (not in
constant time), and at DEBUG it logs the body of every update and any wrong secret it is sent.
This server compares the header with `hmac.compare_digest`, answers 403 to a missing or wrong
secret before reading the body, and logs update ids only. Webhook mode never runs without a
secret (`TELEGRAM_WEBHOOK_SECRET`, 32–256 characters, checked by Settings).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from alliance.core.config import Settings
from bot.types import AnyApplication

__all__ = ["SECRET_HEADER", "serve_webhook", "webhook_app"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1 << 20  # an update is a few kilobytes; anything near this is not Telegram



def secret_matches(given: str | None, secret: str) -> bool:
    """Constant-time comparison: the time taken says nothing about how much of it was right."""
    return hmac.compare_digest((given or "").encode("utf-8", "replace"), secret.encode())


def webhook_app(application: AnyApplication, path: str, secret: str) -> web.Application:
    """The aiohttp app that accepts Telegram's POSTs on `path` and queues their updates."""

    async def receive(request: web.Request) -> web.Response:
        if not secret_matches(request.headers.get(SECRET_HEADER), secret):
            log.warning("webhook request refused: missing or wrong secret token")
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except Exception as exc:  # not an update: refuse it, never log what it held
            log.warning("webhook request refused: not a Telegram update (%s)",
                        type(exc).__name__)
            return web.Response(status=400)
        application.bot.insert_callback_data(update)
        await application.update_queue.put(update)
        log.debug("update %s received on the webhook", update.update_id)
        return web.Response(status=200)

    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.router.add_post("/" + path.strip("/"), receive)
    return app


async def serve_webhook(
    application: AnyApplication, settings: Settings, stop: asyncio.Event | None = None
) -> None:
    """Run the bot in webhook mode until `stop` is set (by SIGINT/SIGTERM when not given)."""
    url, secret = settings.telegram_webhook_url, settings.telegram_webhook_secret
    if not url or secret is None:
        raise ValueError("webhook mode needs TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET")
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
    runner = web.AppRunner(
        webhook_app(application, urlsplit(url).path, secret.get_secret_value()), access_log=None
    )
    await application.initialize()
    try:
        await runner.setup()
        site = web.TCPSite(runner, settings.telegram_webhook_listen,
                           settings.telegram_webhook_port)
        await site.start()
        if application.post_init:
            await application.post_init(application)
        await application.bot.set_webhook(
            url, secret_token=secret.get_secret_value(), allowed_updates=Update.ALL_TYPES
        )
        await application.start()
        log.info("webhook server listening on %s:%s", settings.telegram_webhook_listen,
                 settings.telegram_webhook_port)
        await stop.wait()
    finally:
        await runner.cleanup()
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
