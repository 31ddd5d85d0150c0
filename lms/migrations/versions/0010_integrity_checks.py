"""CHECK constraints for enums and ranges: roles, statuses, kinds, scores from 0 to 1, counters.

The database refuses what the code would never write (whichever program writes it). Existing rows are
checked first: if any breaks a rule, or (SQLite, where foreign keys were not enforced before) points at
a row that does not exist, the upgrade stops before changing anything and says which rows; nothing is
guessed or deleted. Fix them (or ask for help) and run ``flask db upgrade`` again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 10:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _one_of(column: str, *values: str):
    return sa.column(column).in_(values)


def _at_least(column: str, low: int):
    return sa.column(column) >= low


def _fraction(column: str):
    return sa.and_(sa.column(column) >= 0, sa.column(column) <= 1)


_ROLES = ("admin", "teacher", "student", "manager")
_COUNTED_ROLES = ("teacher", "student")

#: table → [(constraint name, condition)], as the models declare them (lms.dbtypes one_of/at_least/fraction).
CHECKS = {
    "users": [("ck_users_role", _one_of("role", *_ROLES))],
    "courses": [
        ("ck_courses_source", _one_of("source", "package", "authored")),
        ("ck_courses_hours", _at_least("hours", 0)),
    ],
    "items": [
        ("ck_items_kind", _one_of("kind", "lesson", "exercise")),
        ("ck_items_weight", _at_least("weight", 0)),
    ],
    "item_progress": [
        ("ck_item_progress_status", _one_of("status", "not_started", "in_progress", "completed")),
        ("ck_item_progress_best_score", _fraction("best_score")),
        ("ck_item_progress_attempts", _at_least("attempts", 0)),
    ],
    "unit_progress": [("ck_unit_progress_score", _fraction("score"))],
    "attempts": [
        ("ck_attempts_status", _one_of("status", "queued", "running", "graded", "error")),
        ("ck_attempts_score", _fraction("score")),
        ("ck_attempts_number", _at_least("number", 1)),
        ("ck_attempts_tries", _at_least("tries", 0)),
    ],
    "certificate_events": [("ck_certificate_events_kind", _one_of("kind", "issue", "revoke", "reissue"))],
    "course_revisions": [("ck_course_revisions_action", _one_of("action", "published", "unpublished"))],
    "report_participants": [("ck_report_participants_role", _one_of("role", *_COUNTED_ROLES))],
    "report_totals": [("ck_report_totals_role", _one_of("role", *_COUNTED_ROLES))],
    "report_weeks": [("ck_report_weeks_role", _one_of("role", *_COUNTED_ROLES))],
}


def _refuse_bad_rows() -> None:
    connection = op.get_bind()
    problems = []
    if connection.dialect.name == "sqlite":
        for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} refers to a missing row of {parent}")
    for table, checks in CHECKS.items():
        for name, condition in checks:
            breaking = sa.select(sa.column("id")).select_from(sa.table(table)).where(sa.not_(condition))
            ids = connection.execute(breaking).scalars().all()
            if ids:
                shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
                rule = condition.compile(compile_kwargs={"literal_binds": True})
                problems.append(f"{table}: {len(ids)} row(s) break {name} ({rule}): id {shown}")
    if problems:
        raise RuntimeError(
            "the database holds rows the new integrity rules refuse; nothing was changed.\n  "
            + "\n  ".join(problems[:50])
            + "\nCorrect or remove these rows, then run `flask db upgrade` again."
        )


def upgrade():
    _refuse_bad_rows()
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, condition in checks:
                batch_op.create_check_constraint(op.f(name), condition)


def downgrade():
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _ in checks:
                batch_op.drop_constraint(op.f(name), type_="check")
