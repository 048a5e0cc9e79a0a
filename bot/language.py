"""Which language an update is answered in.

An enrolled person's own choice (set at enrolment, changed with /language) wins; a stranger is
answered in their Telegram app's language when we have it, else in the configured default.
"""

from __future__ import annotations

from telegram import User

from alliance.core.models import Person
from bot.texts import language_of


def reply_language(person: Person | None, user: User | None, default: str) -> str:
    if person:
        return person.language
    return language_of(user.language_code if user else None, default)
