"""The data model: every table of Coach Alliance in one module a reader can take in.

Times are stored as UTC and come back timezone-aware on SQLite and PostgreSQL alike. Unique
constraints carry the "nothing twice" promises: one answer per prompt item, one prompt per
(kind, recipient, occasion), one decision per session, one use per invite.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from alliance.core.model_types import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from alliance.core.models_state import ProgramInstrument


def _enum(cls: type[enum.Enum], name: str) -> SAEnum:
    """Enums as VARCHAR + CHECK: portable and easy to extend in a migration."""
    return SAEnum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda e: [m.value for m in e],
    )


class Role(enum.StrEnum):
    LEAD = "lead"
    COACH = "coach"
    COACHEE = "coachee"


class PersonState(enum.StrEnum):
    INVITED = "invited"
    ACTIVE = "active"
    PAUSED = "paused"
    UNREACHABLE = "unreachable"
    ERASED = "erased"


class ProgramStatus(enum.StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class SessionStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    HELD = "held"
    CANCELLED = "cancelled"
    MOVED = "moved"


class PromptKind(enum.StrEnum):
    CHECKIN = "checkin"
    BASELINE_SE = "baseline_se"
    FINAL_SE = "final_se"
    END_ALLIANCE = "end_alliance"
    MOOD = "mood"
    FIVE_ATTRIBUTES = "five_attributes"
    SESSION_OUTCOME = "session_outcome"
    SESSION_CONFIRM = "session_confirm"


class PromptState(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    ANSWERED = "answered"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class NudgeOutcome(enum.StrEnum):
    PENDING = "pending"
    WILL_ASK = "will_ask"
    TALKED = "talked"
    NOT_NOW = "not_now"


CHECKIN_INSTRUMENT = "alliance_checkin"
"""The shipped check-in, for programs that name no other (`alliance.questionnaires.kinds`)."""


class Program(Base):
    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[ProgramStatus] = mapped_column(
        _enum(ProgramStatus, "program_status"), default=ProgramStatus.ACTIVE
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_delay_minutes: Mapped[int] = mapped_column(Integer, default=24 * 60)
    expiry_minutes: Mapped[int] = mapped_column(Integer, default=72 * 60)
    # the baseline and final questionnaires: reminders across their window, the final's window
    questionnaire_reminders: Mapped[int] = mapped_column(Integer, default=2)
    final_window_days: Mapped[int] = mapped_column(Integer, default=14)
    quiet_start_hour: Mapped[int] = mapped_column(Integer, default=21)
    quiet_end_hour: Mapped[int] = mapped_column(Integer, default=8)
    nudge_thresholds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    modules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checkin_instrument: Mapped[str] = mapped_column(String(500), default=CHECKIN_INSTRUMENT)
    cut_sd: Mapped[float] = mapped_column(Float, default=0.5)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="program")
    dyads: Mapped[list[Dyad]] = relationship(back_populates="program")


class Person(Base):
    """Someone invited or enrolled; the Telegram id is set when they claim their invite."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str | None] = mapped_column(String(64))  # None: the program's zone
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[PersonState] = mapped_column(
        _enum(PersonState, "person_state"), default=PersonState.INVITED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(back_populates="person")


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "program_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    person: Mapped[Person] = relationship(back_populates="memberships")
    program: Mapped[Program] = relationship(back_populates="memberships")


class Dyad(Base):
    __tablename__ = "dyads"
    __table_args__ = (
        UniqueConstraint("program_id", "coach_id", "coachee_id"),
        UniqueConstraint("program_id", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    coach_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    coachee_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    similarity: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    program: Mapped[Program] = relationship(back_populates="dyads")


class CoachingSession(Base):
    """A coaching session of one dyad: scheduled ahead or reported after the fact."""

    __tablename__ = "coaching_sessions"
    __table_args__ = (
        UniqueConstraint("dyad_id", "sequence"),
        Index("ix_coaching_sessions_due_outcome", "status", "scheduled_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dyad_id: Mapped[int] = mapped_column(ForeignKey("dyads.id", ondelete="CASCADE"), index=True)
    status: Mapped[SessionStatus] = mapped_column(_enum(SessionStatus, "session_status"))
    scheduled_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    scheduled_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sequence: Mapped[int | None] = mapped_column(Integer)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A coachee who said a scheduled session took place waits on the coach's answer: they are
    # told if it never comes.
    coachee_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Prompt(Base):
    """Something the bot must ask someone, with its delivery timeline.

    `occasion` makes the unique key: the same kind of prompt cannot be created twice for the same
    recipient and occasion (a session, a program's baseline…), whoever races to create it.
    """

    __tablename__ = "prompts"
    __table_args__ = (
        UniqueConstraint("kind", "recipient_id", "occasion"),
        Index("ix_prompts_state_due", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PromptKind] = mapped_column(_enum(PromptKind, "prompt_kind"))
    occasion: Mapped[str] = mapped_column(String(64))
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    dyad_id: Mapped[int | None] = mapped_column(ForeignKey("dyads.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[Role] = mapped_column(_enum(Role, "prompt_side"))
    instrument_id: Mapped[str | None] = mapped_column(String(500))
    state: Mapped[PromptState] = mapped_column(
        _enum(PromptState, "prompt_state"), default=PromptState.PENDING
    )
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    answers: Mapped[list[Answer]] = relationship(
        back_populates="prompt", cascade="all, delete-orphan", passive_deletes=True
    )
    stored_instrument: Mapped[ProgramInstrument | None] = relationship(  # the program's copy
        primaryjoin="and_(foreign(Prompt.program_id) == ProgramInstrument.program_id, "
        "foreign(Prompt.instrument_id) == ProgramInstrument.reference)",
        viewonly=True, lazy="selectin",
    )


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("prompt_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    prompt: Mapped[Prompt] = relationship(back_populates="answers")


class Comment(Base):
    """Optional free text after a check-in; private unless its author shares it."""

    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("prompt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NudgeDecision(Base):
    """What the discrepancy engine decided after a check-in pair, fired or not."""

    __tablename__ = "nudge_decisions"
    __table_args__ = (UniqueConstraint("session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dyad_id: Mapped[int] = mapped_column(ForeignKey("dyads.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE")
    )
    fired: Mapped[bool] = mapped_column(Boolean)
    rule: Mapped[str | None] = mapped_column(String(32))
    d: Mapped[float | None] = mapped_column(Float)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Nudge(Base):
    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("decision_id"),
        Index("ix_nudges_due", "sent_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("nudge_decisions.id", ondelete="CASCADE")
    )
    dyad_id: Mapped[int] = mapped_column(ForeignKey("dyads.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE")
    )
    coach_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    numbers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    outcome: Mapped[NudgeOutcome] = mapped_column(
        _enum(NudgeOutcome, "nudge_outcome"), default=NudgeOutcome.PENDING
    )
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Invite(Base):
    """A one-time deep link; only the SHA-256 of its token is stored."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(_enum(Role, "invite_role"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # a lead withdrew it


class AuditEvent(Base):
    """Append-only (triggers refuse UPDATE/DELETE); ids without FKs: erasure never touches it."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    program_id: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# The outbound queue's table lives in its own module; importing it here registers it.
import alliance.delivery.queue_model  # noqa: E402, F401
from alliance.core.models_state import InviteAttempt as InviteAttempt  # noqa: E402
from alliance.core.models_state import ProcessedUpdate as ProcessedUpdate  # noqa: E402  (its tables, too)
from alliance.core.models_state import PseudonymKey as PseudonymKey  # noqa: E402
