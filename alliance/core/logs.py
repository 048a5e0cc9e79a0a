"""Logging set-up: our messages at LOG_LEVEL, other libraries held, secrets redacted on the way out.

Two layers, because either alone leaks. Held loggers: python-telegram-bot logs every update at
DEBUG (texts, comments, callback data), httpx every Bot API URL at INFO (the token is in it),
the database drivers their SQL parameters; they stay at WARNING whatever LOG_LEVEL says.
A redacting filter on the root handler: whatever still reaches it, from any logger at any level,
loses the settings' secrets (bot token, webhook secret, pseudonym key, database password),
any Bot API URL's token, invite tokens (`/start <token>`, `start=<token>`,
consent buttons), answer buttons (`a:<prompt>:<item>:<value>`) and free-text fields of Telegram
payloads; exception messages (which can quote SQL parameters or user input) are withheld, their
type and stack kept. Our own log calls carry ids, kinds and counts only.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable
from typing import IO

__all__ = ["HELD_LOGGERS", "RedactingFilter", "configure_logging"]

HELD_LOGGERS = (
    "telegram",
    "httpx",
    "httpcore",
    "hpack",
    "apscheduler",
    "aiohttp",
    "tornado",
    "aiosqlite",
    "asyncpg",
    "sqlalchemy",
    "urllib3",
    "matplotlib",
    "PIL",
    "fontTools",
)
REDACTED = "[redacted]"
_PATTERNS = (
    (re.compile(r"bot\d+:[A-Za-z0-9_-]+"), "bot" + REDACTED),  # Bot API URLs carry the token
    (re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}"), REDACTED),  # a bare bot token
    (re.compile(r"(/start(?:@\w+)?)\s+\S+"), r"\1 " + REDACTED),  # deep-link payload
    (re.compile(r"([?&]start=)[^\s&\"']+"), r"\1" + REDACTED),
    (re.compile(r"\benrol:(yes|no):[A-Za-z0-9_-]+"), r"enrol:\1:" + REDACTED),
    (re.compile(r"\ba:\d+:\d+:-?\d+"), "a:" + REDACTED),  # an answer button: prompt, item, value
    (re.compile(r"(secret_token['\"]?\s*[:=]\s*['\"]?)[^\s'\",&}]+", re.IGNORECASE),
     r"\1" + REDACTED),
    # free text of Telegram payloads, as JSON ("text": "…") or as a Python repr ('text': '…')
    (re.compile(r"""(["'](?:text|caption|data|query|first_name|last_name|username|title|"""
                r"""bio|description)["']\s*:\s*)(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""),
     r"\1'" + REDACTED + "'"),
)


class RedactingFilter(logging.Filter):
    """Rewrites each record so that no secret, token, answer or free text is written out."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep the template, drop the arguments
            message = str(record.msg)
        record.msg, record.args = self.redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(_exception_without_messages(record.exc_info[1]))
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def _exception_without_messages(error: BaseException) -> str:
    """A traceback as Python prints it, each exception's message replaced by a marker."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        name = f"{type(current).__module__}.{type(current).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{name}: [message withheld]")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return "\n\nThe above exception led to the following one:\n\n".join(
        reversed(parts)
    )


def configure_logging(
    level: str, *, secrets: Iterable[str] = (), stream: IO[str] | None = None
) -> RedactingFilter:
    """One root handler at `level` with the redacting filter; the libraries above held."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=stream,
        force=True,
    )
    redactor = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    for name in HELD_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return redactor
