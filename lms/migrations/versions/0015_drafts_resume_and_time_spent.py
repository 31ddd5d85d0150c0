"""Learners never lose work and know where they are: drafts, the last item visited, time spent.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 12:40:00

Adds the ``learner_drafts`` table (typed work per learner and item), ``enrolments.last_item_id`` (where
"Continue" goes), ``item_progress.time_spent_seconds`` and the courses' ``lesson_completion`` setting.
Existing rows keep their data: the new columns start empty (no last item: "Continue" falls back to
the first unfinished item), at 0 seconds, and at the default "read".
"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "learner_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name=op.f("fk_learner_drafts_course_id_courses")
        ),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_learner_drafts_item_id_items")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_learner_drafts_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner_drafts")),
        sa.UniqueConstraint("user_id", "item_id", name=op.f("uq_learner_drafts_user_id")),
    )
    op.create_index(op.f("ix_learner_drafts_course_id"), "learner_drafts", ["course_id"], unique=False)
    op.create_index(op.f("ix_learner_drafts_item_id"), "learner_drafts", ["item_id"], unique=False)
    op.create_index(op.f("ix_learner_drafts_user_id"), "learner_drafts", ["user_id"], unique=False)
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_item_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_enrolments_last_item_id_items"),
            "items",
            ["last_item_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("item_progress", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_spent_seconds", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_check_constraint(
            op.f("ck_item_progress_time_spent_seconds"), "time_spent_seconds >= 0"
        )
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lesson_completion", sa.String(length=8), server_default="read", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.drop_column("lesson_completion")
    with op.batch_alter_table("item_progress", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_item_progress_time_spent_seconds"), type_="check")
        batch_op.drop_column("time_spent_seconds")
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_enrolments_last_item_id_items"), type_="foreignkey")
        batch_op.drop_column("last_item_id")
    op.drop_index(op.f("ix_learner_drafts_user_id"), table_name="learner_drafts")
    op.drop_index(op.f("ix_learner_drafts_item_id"), table_name="learner_drafts")
    op.drop_index(op.f("ix_learner_drafts_course_id"), table_name="learner_drafts")
    op.drop_table("learner_drafts")
