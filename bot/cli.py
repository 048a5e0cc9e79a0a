"""The `alliance` console entry point: the administrative commands plus those that need Telegram.

`alliance.cli` holds everything that works without Telegram; this module adds `run`, `emulator`,
`demo` and `bench`, which start the bot or the Bot API emulator.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlsplit

import typer

from alliance.cli import app
from alliance.cli_support import fail, settings_or_exit
from alliance.logs import configure_logging

log = logging.getLogger(__name__)


@app.command("run")
def run() -> None:
    """Run the bot: polling, or webhook mode when TELEGRAM_WEBHOOK_URL is set."""
    from telegram import Update

    from alliance.migrate import upgrade_database
    from bot.app import build_application

    settings = settings_or_exit()
    configure_logging(settings.log_level)
    if settings.telegram_bot_token is None:
        fail("TELEGRAM_BOT_TOKEN is not set (`alliance demo` shows the bot without one)")
    try:
        upgrade_database(settings.database_url)
    except OSError as exc:
        fail(f"cannot reach the database ({exc})")
    application = build_application(settings)
    if settings.webhook_mode:
        url = settings.telegram_webhook_url or ""
        secret = settings.telegram_webhook_secret
        log.info("webhook mode on %s:%s", settings.telegram_webhook_listen,
                 settings.telegram_webhook_port)
        application.run_webhook(
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            url_path=urlsplit(url).path.lstrip("/"),
            webhook_url=url,
            secret_token=secret.get_secret_value() if secret else None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        log.info("polling %s", urlsplit(settings.telegram_api_base_url).netloc)
        application.run_polling(allowed_updates=Update.ALL_TYPES)


@app.command("emulator")
def emulator(
    port: Annotated[int, typer.Option(help="port for the Bot API and the control API")] = 8081,
    host: Annotated[str, typer.Option(help="address to listen on (loopback by default)")] = (
        "127.0.0.1"
    ),
) -> None:
    """Serve a local Telegram Bot API emulator (point TELEGRAM_API_BASE_URL at it)."""
    from bot.emulator.server import run_forever

    try:
        run_forever(host, port)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror})")


__all__ = ["app"]
