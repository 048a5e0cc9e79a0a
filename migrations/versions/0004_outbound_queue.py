"""one outbound queue: outbound_messages; prompts and nudges lose their claim columns

Revision ID: 0004
Revises: 0001
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


def upgrade() -> None:
    op.create_table(
        "outbound_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=96), nullable=False),
        sa.Column(
            "kind",
            _enum("outbound_kind", "prompt", "reminder", "nudge", "shared_comment", "notice",
                  "report_document"),
            nullable=False,
        ),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("prompt_id", sa.Integer(), nullable=True),
        sa.Column("nudge_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column(
            "state",
            _enum("outbound_state", "pending", "sent", "failed", "expired", "cancelled"),
            nullable=False,
        ),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("lease_owner", sa.String(length=40), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("failure", sa.String(length=200), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"],
                                name=op.f("fk_outbound_messages_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["nudge_id"], ["nudges.id"],
                                name=op.f("fk_outbound_messages_nudge_id_nudges"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["program_id"], ["programs.id"],
                                name=op.f("fk_outbound_messages_program_id_programs"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["prompt_id"], ["prompts.id"],
                                name=op.f("fk_outbound_messages_prompt_id_prompts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recipient_id"], ["people.id"],
                                name=op.f("fk_outbound_messages_recipient_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["coaching_sessions.id"],
                                name=op.f("fk_outbound_messages_session_id_coaching_sessions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_messages")),
        sa.UniqueConstraint("key", name=op.f("uq_outbound_messages_key")),
    )
    op.create_index("ix_outbound_messages_state_due", "outbound_messages", ["state", "due_at"])
    op.create_index(op.f("ix_outbound_messages_recipient_id"), "outbound_messages",
                    ["recipient_id"])
    with op.batch_alter_table("prompts") as batch:
        batch.drop_column("claimed_at")
    with op.batch_alter_table("nudges") as batch:
        batch.drop_column("claimed_at")


def downgrade() -> None:
    with op.batch_alter_table("nudges") as batch:
        batch.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("prompts") as batch:
        batch.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))
    op.drop_index(op.f("ix_outbound_messages_recipient_id"), table_name="outbound_messages")
    op.drop_index("ix_outbound_messages_state_due", table_name="outbound_messages")
    op.drop_table("outbound_messages")
