"""Units carry their estimated time (minutes), computed from their content by ``flask courses estimate``.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 13:20:00

Existing units get no figure (NULL) until their package is synced again; nothing else changes.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_units_minutes"), "minutes >= 1")


def downgrade():
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_units_minutes"), type_="check")
        batch_op.drop_column("minutes")
