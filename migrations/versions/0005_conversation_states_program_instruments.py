"""conversation states and program instruments

Revision ID: 0005
Revises: 0001
Create Date: 2026-12-01 11:30:00
"""

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import context, op

revision: str = "0005"
down_revision: str | None = "0004"
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
    if not context.is_offline_mode():
        _store_copies_for_existing_programs()


def _store_copies_for_existing_programs() -> None:
    """Programs created before copies were kept get one now, of what their references read
    today; a program whose file is already gone keeps reading its reference (and says so)."""
    from alliance.instruments import DEFAULT_INSTRUMENT_IDS, InstrumentError, resolve_instrument
    from alliance.programs.instruments import content_hash, content_of

    programs = op.get_bind().execute(sa.text("SELECT id, checkin_instrument FROM programs"))
    stored_at = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for program_id, checkin in programs.all():
        for reference in dict.fromkeys([checkin, *DEFAULT_INSTRUMENT_IDS]):
            try:
                instrument = resolve_instrument(reference)
            except (InstrumentError, OSError):
                logging.getLogger("alembic").warning(
                    "program %s: instrument %s unreadable; not copied", program_id, reference
                )
                continue
            content = content_of(instrument)
            rows.append({
                "program_id": program_id, "reference": reference, "instrument_id": instrument.id,
                "version": instrument.version, "content_hash": content_hash(content),
                "content": content, "stored_at": stored_at,
            })
    if rows:
        columns = [sa.column(name) for name in rows[0] if name != "content"]
        table = sa.table("program_instruments", *columns, sa.column("content", sa.JSON()))
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("program_instruments")
    with op.batch_alter_table("conversation_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_states_expires_at"))
    op.drop_table("conversation_states")
