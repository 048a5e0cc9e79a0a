"""The outbound queue's table: every message to a person that is not the reply to their tap."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alliance.core.models import Base, UTCDateTime, _enum, utcnow


class OutboundKind(enum.StrEnum):
    PROMPT = "prompt"
    REMINDER = "reminder"
    NUDGE = "nudge"
    SHARED_COMMENT = "shared_comment"
    NOTICE = "notice"
    REPORT_DOCUMENT = "report_document"


class OutboundState(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class OutboundMessage(Base):
    """One message to a person that is not the reply to their own tap: the outbound queue.

    Rows reference the domain rows they word (a prompt, a nudge, a comment); the text is made at
    send time, in the recipient's language then. `key` makes enqueueing idempotent. A row is
    claimed by a process (`lease_owner`) until `lease_until`; a lapsed lease is taken over.
    """

    __tablename__ = "outbound_messages"
    __table_args__ = (
        UniqueConstraint("key"),
        Index("ix_outbound_messages_state_due", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(96))
    kind: Mapped[OutboundKind] = mapped_column(_enum(OutboundKind, "outbound_kind"))
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE")
    )
    prompt_id: Mapped[int | None] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    nudge_id: Mapped[int | None] = mapped_column(ForeignKey("nudges.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE")
    )
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[OutboundState] = mapped_column(
        _enum(OutboundState, "outbound_state"), default=OutboundState.PENDING
    )
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    failure: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
