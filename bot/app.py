"""Build the python-telegram-bot Application: Bot API endpoint, rate limiter, handlers, jobs."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from alliance.core.clock import Clock, SystemClock
from alliance.core.config import Settings
from alliance.core.db import create_engine, create_session_factory, pool_options
from bot.handlers import register_handlers
from bot.rate_budgets import RateBudgets
from bot.services import Services
from bot.texts import language_of, t
from bot.types import AnyApplication, Context
from bot.update_order import ChatOrderedUpdateProcessor

log = logging.getLogger(__name__)


POOL_WAIT_SECONDS = 10.0  # a call waits this long for a free connection before failing


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    throughput_limits: bool = True,
    dispatch_interval: float | None = None,
) -> AnyApplication:
    """The real Application, pointed at `TELEGRAM_API_BASE_URL` (Telegram or our emulator)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    engine = create_engine(
        settings.database_url,
        **pool_options(
            settings.database_url, settings.database_pool_size, settings.database_max_overflow
        ),
    )
    services = Services(
        settings=settings,
        session_factory=create_session_factory(engine),
        clock=clock or SystemClock(),
    )
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(ChatOrderedUpdateProcessor(settings.alliance_concurrent_updates))
        .connection_pool_size(settings.alliance_http_connections)
        .pool_timeout(POOL_WAIT_SECONDS)
    )
    # Bulk sends share Telegram's ~30/s, replies to taps only their chat's ~1/s; 429s are
    # retried either way. Without throughput limits only the retries remain: for an emulator
    # whose limits are off (the demo, the throughput benchmark).
    throttle = throughput_limits and settings.alliance_throughput_limits
    builder = builder.rate_limiter(
        RateBudgets(throttle=throttle, connections=settings.alliance_http_connections)
    )
    application = builder.build()
    application.bot_data["services"] = services
    application.bot_data["engine"] = engine
    application.bot_data["dispatch_interval"] = (
        dispatch_interval or settings.alliance_dispatch_interval_seconds
    )
    register_handlers(application)
    application.add_error_handler(_on_error)
    return application


async def _post_init(application: AnyApplication) -> None:
    """Runs once the bot is connected: default command menus, then the delivery job."""
    from bot.commands import set_default_commands
    from bot.dispatcher import start_dispatcher

    await set_default_commands(application.bot)
    start_dispatcher(application, interval=application.bot_data["dispatch_interval"])
    log.info("started as @%s: delivering due messages", application.bot.username)


async def _post_shutdown(application: AnyApplication) -> None:
    from bot.dispatcher import stop_dispatcher

    await stop_dispatcher(application)
    await application.bot_data["engine"].dispose()


async def _on_error(update: object, context: Context) -> None:
    """Our errors: logged with context (no answers, no free text); the user gets an apology."""
    kind = type(context.error).__name__ if context.error else "unknown"
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("handler failed on update %s: %s", update_id, kind, exc_info=context.error)
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == "private"
    ):
        user = update.effective_user
        lang = language_of(user.language_code if user else None)
        try:
            await context.bot.send_message(update.effective_chat.id, t(lang, "error.generic"))
        except Exception:  # best effort; the error is already logged
            log.warning("could not send the apology for update %s", update_id)
