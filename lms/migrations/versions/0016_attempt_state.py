"""An attempt's own state: the open attempt of a learner on an item, and the state each attempt closed.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 13:00:00

Exercise types may give each attempt a state (a quiz's questions drawn from a bank, its shuffled
choices) and a clock (a time limit). Both columns are nullable and start empty: existing attempts and
progress rows keep every value, and read as "no state", which is what they were.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("item_progress", schema=None) as batch_op:
        batch_op.add_column(sa.Column("open_attempt", sa.JSON(), nullable=True))
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_column("state")
    with op.batch_alter_table("item_progress", schema=None) as batch_op:
        batch_op.drop_column("open_attempt")
