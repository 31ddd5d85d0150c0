""""Registered" accounts are counted in the report rollups, so national reports never scan the accounts.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 13:40:00

The counts of existing accounts are filled in from the accounts themselves (the definition of
lms.reports.vocabulary: active accounts of a teacher or a pupil that joined through the programme), in
the places that already had a row and in new rows for schools where nobody enrolled yet.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_ACCOUNTS = """
    SELECT u.programme_id AS programme_id, coalesce(u.school_id, 0) AS school_id,
           coalesce(s.province_id, 0) AS province_id, coalesce(p.region_id, 0) AS region_id,
           u.role AS role, count(*) AS n
    FROM users u
    LEFT JOIN schools s ON s.id = u.school_id
    LEFT JOIN provinces p ON p.id = s.province_id
    WHERE u.programme_id IS NOT NULL AND u.active = :yes AND u.role IN ('teacher', 'student')
    GROUP BY u.programme_id, coalesce(u.school_id, 0), coalesce(s.province_id, 0),
             coalesce(p.region_id, 0), u.role
"""


def upgrade():
    with op.batch_alter_table("report_totals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registered", sa.Integer(), server_default="0", nullable=False))
    conn = op.get_bind()
    accounts = conn.execute(sa.text(_ACCOUNTS), {"yes": True}).mappings().all()
    for row in accounts:
        updated = conn.execute(
            sa.text(
                "UPDATE report_totals SET registered = :n "
                "WHERE programme_id = :programme_id AND school_id = :school_id AND role = :role"
            ),
            dict(row),
        )
        if updated.rowcount == 0:
            conn.execute(
                sa.text(
                    "INSERT INTO report_totals (programme_id, school_id, province_id, region_id, role, "
                    "enrolled, reached, completed, registered) VALUES (:programme_id, :school_id, "
                    ":province_id, :region_id, :role, 0, 0, 0, :n)"
                ),
                dict(row),
            )


def downgrade():
    with op.batch_alter_table("report_totals", schema=None) as batch_op:
        batch_op.drop_column("registered")
