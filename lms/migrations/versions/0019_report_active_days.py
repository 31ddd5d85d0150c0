"""People active in the last 30 days are counted in day buckets per place, so a national report no
longer reads every participant of the programme.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 19:20:00

The buckets are filled from the participants' latest own action (``report_participants.last_active_at``):
each person counts once at the region, province and school level, on the UTC day of that action. One
grouped read (a row per place, role and day), whatever the number of people. The participants' place
index, whose only reader was the 30-day count, is dropped.
"""

from collections import Counter
from datetime import date

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_KEY = ("programme_id", "level", "parent_id", "day", "place_id", "role")


def upgrade():
    op.create_table(
        "report_active_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "level IN ('region', 'province', 'school')", name=op.f("ck_report_active_days_level")
        ),
        sa.CheckConstraint("role IN ('teacher', 'student')", name=op.f("ck_report_active_days_role")),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programmes.id"], name=op.f("fk_report_active_days_programme_id_programmes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_active_days")),
        sa.UniqueConstraint(*_KEY, name=op.f("uq_report_active_days_programme_id")),
    )
    # Its only reader was the 30-day count, now read from the buckets; every action rewrote it.
    with op.batch_alter_table("report_participants", schema=None) as batch_op:
        batch_op.drop_index("ix_report_participants_place")
    conn = op.get_bind()
    participants = sa.table(
        "report_participants",
        *(
            sa.column(name)
            for name in ("programme_id", "role", "region_id", "province_id", "school_id", "last_active_at")
        ),
    )
    last = participants.c.last_active_at
    # The UTC day: SQLite keeps naive UTC text, PostgreSQL a timestamptz.
    day = (
        sa.cast(sa.func.timezone("UTC", last), sa.Date)
        if conn.dialect.name == "postgresql"
        else sa.func.date(last)
    )
    place = (
        participants.c.programme_id,
        participants.c.role,
        participants.c.region_id,
        participants.c.province_id,
        participants.c.school_id,
        day,
    )
    grouped = conn.execute(sa.select(*place, sa.func.count()).where(last.is_not(None)).group_by(*place)).all()
    buckets: Counter = Counter()
    for programme_id, role, region, province, school, when, n in grouped:
        when = when if isinstance(when, date) else date.fromisoformat(when)
        for level, parent, here in (
            ("region", 0, region),
            ("province", region, province),
            ("school", province, school),
        ):
            buckets[(programme_id, level, parent, when, here, role)] += n
    rows = [{**dict(zip(_KEY, key, strict=True)), "people": n} for key, n in buckets.items()]
    table = sa.table("report_active_days", *(sa.column(name) for name in (*_KEY, "people")))
    for start in range(0, len(rows), 5000):
        op.bulk_insert(table, rows[start : start + 5000])


def downgrade():
    op.drop_table("report_active_days")
    with op.batch_alter_table("report_participants", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_participants_place",
            ["programme_id", "region_id", "province_id", "school_id", "role", "last_active_at"],
            unique=False,
        )
