"""Tables for state that must outlive one process: updates handled, failed invite attempts,
conversations in progress, and the instruments a program was created with.

Kept apart from `alliance.core.models` so that module stays readable in one sitting; both share one
`Base`, so Alembic and the tests see every table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alliance.core.model_types import Base, UTCDateTime, utcnow


class ProcessedUpdate(Base):
    """Telegram update ids already handled, so a redelivered update changes nothing."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class InviteAttempt(Base):
    """A `/start` token that did not work, kept an hour so that guessing tokens is slowed."""

    __tablename__ = "invite_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConversationState(Base):
    """What a chat is in the middle of (a comment being awaited, a lead's draft), by name.

    Keyed by Telegram user id, not person, because a stranger can be in a conversation too;
    written in the update's transaction, so a restart or another process continues it.
    """

    __tablename__ = "conversation_states"
    __table_args__ = (UniqueConstraint("telegram_user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(64))
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class ProgramInstrument(Base):
    """A copy of an instrument as it was when the program started using it.

    `reference` is what prompts name (a shipped id or the file path given at creation); every
    later lookup reads `content`, so a moved or edited file never changes a running program.
    """

    __tablename__ = "program_instruments"
    __table_args__ = (UniqueConstraint("program_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(500))
    instrument_id: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PseudonymKey(Base):
    """The random key `alliance export` hashes identifiers with when the operator sets none.

    Generated once per database, so pseudonyms are stable between exports of one installation
    and differ between installations.
    """

    __tablename__ = "pseudonym_keys"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    key_hex: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
