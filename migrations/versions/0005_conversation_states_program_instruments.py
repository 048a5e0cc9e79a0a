"""conversation states and program instruments

Revision ID: 0005
Revises: 0001
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_states")),
        sa.UniqueConstraint(
            "telegram_user_id", "name", name=op.f("uq_conversation_states_telegram_user_id_name")
        ),
    )
    with op.batch_alter_table("conversation_states", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_states_expires_at"), ["expires_at"], unique=False
        )
    op.create_table(
        "program_instruments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=500), nullable=False),
        sa.Column("instrument_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_program_instruments_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_instruments")),
        sa.UniqueConstraint(
            "program_id", "reference", name=op.f("uq_program_instruments_program_id_reference")
        ),
    )


def downgrade() -> None:
    op.drop_table("program_instruments")
    with op.batch_alter_table("conversation_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_states_expires_at"))
    op.drop_table("conversation_states")
