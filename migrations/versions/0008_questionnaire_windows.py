"""per-program reminders of the baseline and final questionnaires, and the final's window

Revision ID: 0008_questionnaire_windows
Revises: 0007
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence

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


def downgrade() -> None:
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.drop_column("final_window_days")
        batch_op.drop_column("questionnaire_reminders")
