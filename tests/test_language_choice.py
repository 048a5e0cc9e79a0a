"""Which language a new person gets from their Telegram language code."""

import pytest

from bot.texts import language_of


@pytest.mark.parametrize(
    ("code", "default", "expected"),
    [("fr-CA", "en", "fr"), ("FR", "en", "fr"), ("en-GB", "fr", "en"), ("de", "en", "en"),
     ("de", "fr", "fr"), (None, "fr", "fr"), ("", "en", "en")],
)
def test_language_from_telegram_code(code: str | None, default: str, expected: str) -> None:
    assert language_of(code, default) == expected
