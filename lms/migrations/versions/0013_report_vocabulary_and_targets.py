"""Reports speak one vocabulary: "active" means the learner's own actions; "reached" is counted; targets.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 10:30:00

Existing participants get their activity from primary data (their own item activity and submissions),
so a pupil whose teacher enrolled them but who never opened anything is no longer "active".
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

def upgrade():
    with op.batch_alter_table("report_participants", schema=None) as batch_op:
        batch_op.alter_column("last_active_at", existing_type=sa.DateTime(timezone=True), nullable=True)
    with op.batch_alter_table("report_totals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reached", sa.Integer(), server_default="0", nullable=False))
    # A participant's own latest learning action in the programme (items they touched, answers sent).
    op.execute(
        """
        UPDATE report_participants SET last_active_at = (
            SELECT max(own.at) FROM (
                SELECT ip.last_activity_at AS at FROM item_progress ip
                JOIN courses c ON c.id = ip.course_id
                WHERE ip.user_id = report_participants.user_id
                  AND c.programme_id = report_participants.programme_id
                UNION ALL
                SELECT a.submitted_at AS at FROM attempts a JOIN courses c ON c.id = a.course_id
                WHERE a.user_id = report_participants.user_id
                  AND c.programme_id = report_participants.programme_id
            ) AS own
        )
        """
    )
    op.execute(
        """
        UPDATE report_totals SET reached = (
            SELECT count(*) FROM report_participants p
            WHERE p.programme_id = report_totals.programme_id AND p.school_id = report_totals.school_id
              AND p.role = report_totals.role AND p.last_active_at IS NOT NULL
        )
        """
    )
    op.create_table(
        "programme_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("teachers_trained", sa.Integer(), nullable=False),
        sa.Column("learners_reached", sa.Integer(), nullable=False),
        sa.Column("certificates", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], name=op.f("fk_programme_targets_programme_id_programmes")),
        sa.ForeignKeyConstraint(["region_id"], ["regions.id"], name=op.f("fk_programme_targets_region_id_regions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_targets")),
    )
    op.create_index("ix_users_programme_place", "users", ["programme_id", "school_id", "role", "active"])
    op.create_index("ix_programme_targets_year", "programme_targets", ["programme_id", "school_year", "region_id"])


def downgrade():
    op.drop_index("ix_programme_targets_year", table_name="programme_targets")
    op.drop_index("ix_users_programme_place", table_name="users")
    op.drop_table("programme_targets")
    with op.batch_alter_table("report_totals", schema=None) as batch_op:
        batch_op.drop_column("reached")
    op.execute("UPDATE report_participants SET last_active_at = enrolled_at WHERE last_active_at IS NULL")
    with op.batch_alter_table("report_participants", schema=None) as batch_op:
        batch_op.alter_column("last_active_at", existing_type=sa.DateTime(timezone=True), nullable=False)
