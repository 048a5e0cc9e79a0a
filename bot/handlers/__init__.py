"""Telegram handlers, one module per conversation area; each exposes `register(application)`.

Order matters: modules listed first get their handlers in first, and `common` (help, language,
group chats, the catch-all replies) comes last so it only sees what nobody else claimed.
"""

HANDLER_MODULES: tuple[str, ...] = (
    "coach",
    "report",
    "sessions",
    "checkins",
    "nudges",
    "enrolment",
    "lead",
    "privacy",
    "zones",
    "common",
)
