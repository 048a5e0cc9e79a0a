"""The redacting filter and the held loggers: what reaches the log handler, from any logger."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from alliance.core.logs import HELD_LOGGERS, configure_logging

TOKEN = "7000000001:AAH-unit-test-token-0123456789abcdef"
SECRET = "webhook_secret_for_the_unit_test_1234"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The operator's logging set-up at DEBUG, writing to a string; undone afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    held = {name: logging.getLogger(name).level for name in HELD_LOGGERS}
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TOKEN, SECRET], stream=stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, previous in held.items():
        logging.getLogger(name).setLevel(previous)


def test_library_debug_and_info_are_held_whatever_the_level(captured: io.StringIO) -> None:
    for name in ("telegram.ext.Updater", "httpx", "aiosqlite", "sqlalchemy.engine.Engine",
                 "apscheduler.scheduler", "aiohttp.access", "httpcore.http11"):
        logging.getLogger(name).debug("update text: hello from %s", name)
        logging.getLogger(name).info("request to %s", name)
    logging.getLogger("alliance.questionnaires.checkins").debug("prompt 3 answered")
    text = captured.getvalue()
    assert "hello from" not in text and "request to" not in text
    assert "prompt 3 answered" in text


def test_secrets_tokens_answers_and_payload_text_are_redacted(captured: io.StringIO) -> None:
    log = logging.getLogger("telegram.ext.ExtBot")
    log.warning("POST https://api.telegram.org/bot%s/getUpdates failed", TOKEN)
    log.warning("setWebhook {'url': 'https://x', 'secret_token': '%s'}", SECRET)
    log.warning("got %r", {"update_id": 1, "message": {"text": "/start abcDEF123_-xyz",
                                                        "from": {"first_name": "Zelda"}}})
    log.warning('got {"callback_query": {"data": "a:12:0:7", "message": {"caption": "Hi"}}}')
    logging.getLogger("bot.x").warning("link https://t.me/bot?start=Tok3n-value, button "
                                       "enrol:yes:Tok3n-value, press a:5:2:10")
    text = captured.getvalue()
    for leaked in (TOKEN, TOKEN.partition(":")[2], SECRET, "abcDEF123_-xyz", "Zelda", "a:12:0:7",
                   "Tok3n-value", "a:5:2:10", "Hi\""):
        assert leaked not in text, leaked
    assert text.count("[redacted]") >= 8


def test_exception_messages_are_withheld_but_their_type_and_stack_kept(
    captured: io.StringIO,
) -> None:
    typed = "my private " + "comment"
    try:
        try:
            int(typed)
        except ValueError as exc:
            raise RuntimeError(f"while saving {exc}") from exc
    except RuntimeError:
        logging.getLogger("bot.app").exception("handler failed on update %s", 42)
    text = captured.getvalue()
    assert "private comment" not in text
    assert "handler failed on update 42" in text
    assert "builtins.ValueError: [message withheld]" in text
    assert "builtins.RuntimeError: [message withheld]" in text
    assert "test_logs.py" in text and "int(typed)" in text  # where it happened
