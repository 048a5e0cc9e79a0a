"""One settings object for every knob, read from the environment and `.env`.

Per-program choices (reminder delay, quiet hours, thresholds…) live on the program row; these
are the operator's settings and the defaults new programs start from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

from alliance.core.zones import checked_timezone

TELEGRAM_API_DEFAULT = "https://api.telegram.org/bot"
PLACEHOLDER_BOT_USERNAME = "YourBotUsername"
MIN_PSEUDONYM_KEY_BYTES = 32
# The shortest reminder or expiry delay, in hours (see `alliance.programs.setup.check_delay_hours`).
MIN_DELAY_HOURS = 0.25
# Telegram accepts 1–256 characters of this alphabet; we ask for at least 32 of them.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{32,256}")


class Settings(BaseSettings):
    """Operator settings; field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_bot_username: str | None = None
    database_url: str = "sqlite+aiosqlite:///./alliance.db"
    telegram_api_base_url: str = TELEGRAM_API_DEFAULT
    telegram_api_base_file_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    alliance_timezone: str = "America/Montreal"
    alliance_default_language: str = "en"
    alliance_invite_ttl_days: int = Field(default=14, ge=1, le=365)
    alliance_reminder_delay_hours: float = Field(default=24.0, ge=MIN_DELAY_HOURS)
    alliance_expiry_hours: float = Field(default=72.0, ge=MIN_DELAY_HOURS)
    alliance_questionnaire_reminders: int = Field(default=2, ge=0, le=5)
    alliance_final_window_days: int = Field(default=14, ge=1, le=90)
    alliance_quiet_start: int = Field(default=21, ge=0, le=23)
    alliance_quiet_end: int = Field(default=8, ge=0, le=23)
    alliance_dispatch_interval_seconds: float = Field(default=30.0, gt=0)
    # Updates handled at once (different chats; one chat's stay in order). Enough to overlap
    # Telegram's round trips (32 handlers at 100 ms a call answer over 100 taps/s); more only
    # adds waiting tasks, each costing CPU on every turn of the loop.
    alliance_concurrent_updates: int = Field(default=32, ge=1, le=4096)
    # Connections to the Bot API kept open, and calls on the wire at once (the rest wait in
    # order). The HTTP client scans its whole pool on every call, so a pool the size of the
    # concurrency costs more CPU than it saves waiting.
    alliance_http_connections: int = Field(default=16, ge=1, le=1024)
    # The bot's own pacing to Telegram's limits; off only against an emulator without limits.
    alliance_throughput_limits: bool = True
    # PostgreSQL connections kept open per process, and extra ones opened under load (SQLite
    # uses one: it has one writer).
    database_pool_size: int = Field(default=10, ge=1, le=200)
    database_max_overflow: int = Field(default=20, ge=0, le=200)
    alliance_pseudonym_key: SecretStr | None = None
    alliance_cut_sd: float = Field(default=0.5, gt=0)
    log_level: str = "INFO"

    @field_validator("alliance_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return checked_timezone(value)

    @field_validator("telegram_webhook_secret", "alliance_pseudonym_key", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        """`NAME=` in `.env` means "not set", as for every other optional setting."""
        return None if value == "" else value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError(
                "use 32 to 256 characters among A-Z a-z 0-9 _ - (for example the output of "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return value

    @field_validator("alliance_pseudonym_key")
    @classmethod
    def _long_pseudonym_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().encode()) < MIN_PSEUDONYM_KEY_BYTES:
            raise ValueError(
                f"must be at least {MIN_PSEUDONYM_KEY_BYTES} bytes (for example the output of "
                "python3 -c 'import secrets; print(secrets.token_hex(32))'), or unset to use "
                "the random key kept in the database"
            )
        return value

    @field_validator("alliance_default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        if value not in ("en", "fr"):
            raise ValueError("must be 'en' or 'fr'")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        value = value.upper()
        if value not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        """Accept the usual sync URLs and pick the async driver we ship."""
        if value.startswith("sqlite:///"):
            return value.replace("sqlite:///", "sqlite+aiosqlite:///", 1)
        if value.startswith(("postgresql://", "postgres://")):
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB")
        return value

    def secret_values(self) -> list[str]:
        """Every secret these settings hold, for the log filter to redact wherever it appears."""
        values = [
            secret.get_secret_value()
            for secret in (self.telegram_bot_token, self.telegram_webhook_secret,
                           self.alliance_pseudonym_key)
            if secret is not None
        ]
        if self.telegram_bot_token is not None:
            values.append(self.telegram_bot_token.get_secret_value().partition(":")[2])
        password = make_url(self.database_url).password
        return [*values, str(password)] if password else values

    @property
    def webhook_mode(self) -> bool:
        return bool(self.telegram_webhook_url)

    @property
    def file_base_url(self) -> str:
        if self.telegram_api_base_file_url:
            return self.telegram_api_base_file_url
        base = self.telegram_api_base_url.rstrip("/")
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"


class SettingsError(Exception):
    """A bad setting, described in one line that names the variable."""


def describe_validation_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    name = str(first["loc"][0]).upper() if first.get("loc") else "settings"
    message = first["msg"].removeprefix("Value error, ")
    return f"invalid setting {name}: {message}"


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning validation errors into a one-line SettingsError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
