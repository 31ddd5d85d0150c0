"""Runs of learners' code without grading ("Run"), queued for the grading workers.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 13:00:00
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_STATUSES = ("queued", "running", "done", "error")


def upgrade():
    op.create_table(
        "code_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("stdin", sa.Text(), nullable=False),
        sa.Column(
            "status", sa.Enum(*_STATUSES, name="run_status", native_enum=False, length=16), nullable=False
        ),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tries", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(sa.column("status").in_(_STATUSES), name=op.f("ck_code_runs_status")),
        sa.CheckConstraint(sa.column("tries") >= 0, name=op.f("ck_code_runs_tries")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_code_runs_status", "code_runs", ["status"])
    op.create_index("ix_code_runs_user_item", "code_runs", ["user_id", "item_id"])


def downgrade():
    op.drop_index("ix_code_runs_user_item", table_name="code_runs")
    op.drop_index("ix_code_runs_status", table_name="code_runs")
    op.drop_table("code_runs")
