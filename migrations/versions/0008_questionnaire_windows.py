"""per-program reminders of the baseline and final questionnaires, and the final's window

Baselines still open at the upgrade stay open until their program's midpoint, as new ones do.

Revision ID: 0008_questionnaire_windows
Revises: 0007
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0008_questionnaire_windows"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("questionnaire_reminders", sa.Integer(), nullable=False,
                                      server_default="2"))
        batch_op.add_column(sa.Column("final_window_days", sa.Integer(), nullable=False,
                                      server_default="14"))


    _extend_open_baselines()


def _midpoint(timezone: str, start: date, end: date) -> datetime:
    """Halfway between the dates' midnights in the program's zone, as naive UTC (as stored)."""
    zone = ZoneInfo(timezone)
    first = datetime.combine(start, time(0), zone).astimezone(UTC)
    last = datetime.combine(end, time(0), zone).astimezone(UTC)
    return (first + (last - first) / 2).replace(tzinfo=None)


def _extend_open_baselines() -> None:
    programs = sa.table("programs", sa.column("id", sa.Integer), sa.column("timezone", sa.String),
                        sa.column("start_date", sa.Date), sa.column("end_date", sa.Date))
    prompts = sa.table("prompts", sa.column("id", sa.Integer), sa.column("program_id", sa.Integer),
                       sa.column("kind", sa.String), sa.column("state", sa.String),
                       sa.column("expires_at", sa.DateTime))
    outbound = sa.table("outbound_messages", sa.column("prompt_id", sa.Integer),
                        sa.column("state", sa.String), sa.column("expires_at", sa.DateTime))
    bind = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)
    midpoints = {
        program_id: _midpoint(zone, start, end)
        for program_id, zone, start, end in bind.execute(sa.select(
            programs.c.id, programs.c.timezone, programs.c.start_date, programs.c.end_date))
    }
    open_baselines = bind.execute(
        sa.select(prompts.c.id, prompts.c.program_id, prompts.c.expires_at).where(
            prompts.c.kind == "baseline_se", prompts.c.state.in_(("pending", "sent")),
            prompts.c.expires_at > now,
        )
    ).all()
    for prompt_id, program_id, expires_at in open_baselines:
        midpoint = midpoints.get(program_id)
        if midpoint is None or midpoint <= expires_at:
            continue
        bind.execute(prompts.update().where(prompts.c.id == prompt_id)
                     .values(expires_at=midpoint))
        bind.execute(outbound.update()
                     .where(outbound.c.prompt_id == prompt_id, outbound.c.state == "pending")
                     .values(expires_at=midpoint))


def downgrade() -> None:
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.drop_column("final_window_days")
        batch_op.drop_column("questionnaire_reminders")
