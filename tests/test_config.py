"""Settings: every knob documented in .env.example, bad values named in one line, secrets hidden."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alliance.core.config import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_setting_with_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    documented = {}
    for index, line in enumerate(lines):
        match = re.match(r"^([A-Z_]+)=", line)
        if match:
            documented[match.group(1)] = lines[index - 1].startswith("#")
    assert set(documented) == {name.upper() for name in Settings.model_fields}
    assert all(documented.values())


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"alliance_timezone": "Mars/Base"}, "ALLIANCE_TIMEZONE"),
        ({"database_url": "mysql://x"}, "DATABASE_URL"),
        ({"telegram_webhook_port": 70000}, "TELEGRAM_WEBHOOK_PORT"),
        ({"log_level": "LOUD"}, "LOG_LEVEL"),
        ({"alliance_quiet_start": 25}, "ALLIANCE_QUIET_START"),
        ({"alliance_reminder_delay_hours": 0.02}, "ALLIANCE_REMINDER_DELAY_HOURS"),
        ({"alliance_expiry_hours": 0.2}, "ALLIANCE_EXPIRY_HOURS"),
        ({"alliance_pseudonym_key": "x" * 31}, "ALLIANCE_PSEUDONYM_KEY"),
        ({"telegram_webhook_secret": "a" * 31}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"telegram_webhook_secret": "a" * 257}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"telegram_webhook_secret": "a" * 32 + "!"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"telegram_webhook_secret": "a" * 31 + "é"}, "TELEGRAM_WEBHOOK_SECRET"),
    ],
)
def test_bad_value_gives_one_line_naming_the_variable(
    overrides: dict[str, object], variable: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, **overrides)
    message = str(caught.value)
    assert message.startswith(f"invalid setting {variable}:")
    assert "\n" not in message


def test_bad_value_from_the_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIANCE_EXPIRY_HOURS", "soon")
    with pytest.raises(SettingsError, match="ALLIANCE_EXPIRY_HOURS"):
        load_settings(_env_file=None)


def test_empty_secrets_mean_unset_and_there_is_no_default_pseudonym_key() -> None:
    settings = load_settings(_env_file=None, telegram_webhook_secret="", alliance_pseudonym_key="")
    assert settings.telegram_webhook_secret is None and settings.alliance_pseudonym_key is None
    assert load_settings(_env_file=None).alliance_pseudonym_key is None


def test_secret_values_lists_what_the_log_filter_redacts() -> None:
    settings = load_settings(
        _env_file=None, telegram_bot_token="123:SECRET-TOKEN", alliance_pseudonym_key="p" * 32,
        telegram_webhook_secret="w" * 32, database_url="postgresql://u:db-pass@h/db",
    )
    assert set(settings.secret_values()) == {"123:SECRET-TOKEN", "SECRET-TOKEN", "p" * 32,
                                             "w" * 32, "db-pass"}


def test_token_is_never_shown() -> None:
    settings = load_settings(_env_file=None, telegram_bot_token="123:SECRET-TOKEN")
    assert "SECRET-TOKEN" not in repr(settings)
    assert "SECRET-TOKEN" not in str(settings.model_dump())


def test_defaults_use_sqlite_and_telegram() -> None:
    settings = load_settings(_env_file=None)
    assert settings.database_url == "sqlite+aiosqlite:///./alliance.db"
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.file_base_url == "https://api.telegram.org/file/bot"
    assert not settings.webhook_mode


def test_plain_urls_get_the_async_drivers() -> None:
    assert load_settings(_env_file=None, database_url="postgresql://u@h/db").database_url == (
        "postgresql+asyncpg://u@h/db"
    )
    assert load_settings(_env_file=None, database_url="sqlite:///x.db").database_url == (
        "sqlite+aiosqlite:///x.db"
    )


def test_webhook_mode_when_url_set() -> None:
    settings = load_settings(_env_file=None, telegram_webhook_url="https://example.org/hook")
    assert settings.webhook_mode
