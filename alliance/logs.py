"""Logging set-up: our messages at LOG_LEVEL, chatty libraries quieter.

httpx logs every request URL at INFO, and Bot API URLs contain the bot token; aiosqlite logs SQL
parameters (answers, comments) at DEBUG. Both are held at WARNING whatever LOG_LEVEL says.
"""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    for noisy in (
        "httpx",
        "httpcore",
        "apscheduler",
        "aiohttp.access",
        "aiosqlite",
        "sqlalchemy.engine",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
