"""Which bot username goes into deep links, without importing Telegram code."""

from __future__ import annotations

import httpx

from alliance.core.config import Settings


def resolve_bot_username(settings: Settings) -> str | None:
    """TELEGRAM_BOT_USERNAME if set, else ask the Bot API (getMe) when a token is configured.

    Returns None when neither is available; links then carry a placeholder the README explains.
    """
    if settings.telegram_bot_username:
        return settings.telegram_bot_username.lstrip("@")
    if settings.telegram_bot_token is None:
        return None
    token = settings.telegram_bot_token.get_secret_value()
    url = f"{settings.telegram_api_base_url.rstrip('/')}{token}/getMe"
    try:
        reply = httpx.get(url, timeout=5).json()
    except (httpx.HTTPError, ValueError):
        return None
    if reply.get("ok"):
        return reply["result"].get("username")
    return None
