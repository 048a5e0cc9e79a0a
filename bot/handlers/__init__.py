"""Telegram handlers, one module per conversation area, and the one list that registers them.

Within a group python-telegram-bot gives an update to the first handler that matches it, so
the order of `HANDLERS` is the order of precedence. The guards use groups -4 to -1 and run
before everything; the conversation areas' commands and button patterns do not overlap; the
fallbacks are catch-alls and must come last so they only see what nobody else claimed.
Free text a conversation waits for goes to the consumer listed in `text_inputs`.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.handlers import (
    checkins,
    coach,
    common,
    enrolment,
    fallbacks,
    guards,
    invite_link,
    invites,
    lead,
    lead_settings,
    nudges,
    privacy,
    report,
    roster_edits,
    session_logging,
    sessions,
    zones,
)
from bot.types import AnyApplication

HANDLERS: tuple[Callable[[AnyApplication], None], ...] = (
    guards.register,  # groups -4…-1: group chats, edits, misplaced buttons, commands end waits
    coach.register,
    report.register,
    session_logging.register,
    sessions.register,
    checkins.register,
    nudges.register,
    enrolment.register,
    lead.register,
    invite_link.register,
    invites.register,
    lead_settings.register,
    roster_edits.register,
    privacy.register,
    zones.register,
    common.register,  # /help, /language
    fallbacks.register,  # last: any message or button nobody above claimed
)


def register_handlers(application: AnyApplication) -> None:
    """Add every handler to `application`, in the order of `HANDLERS`."""
    for register in HANDLERS:
        register(application)
