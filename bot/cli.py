"""The `alliance` console entry point: the administrative commands plus those that need Telegram."""

from __future__ import annotations

from alliance.cli import app

__all__ = ["app"]
