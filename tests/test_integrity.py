"""The database itself refuses orphan rows and out-of-range values, on SQLite as on PostgreSQL.

Raw SQL on purpose: the rules must hold whichever program writes (a script, a future bug, a restore),
not only through the ORM. Run with ``--database postgresql`` for the other engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, inspect, select, text
from sqlalchemy.exc import IntegrityError

from lms import create_app
from lms.courses.models import Course, Item
from lms.courses.sync import sync_package
from lms.extensions import db as _db
from lms.packages.loader import load_package
from lms.users.models import Role

DEMO = Path(__file__).resolve().parent / "fixtures/packages/demo-minimal"


@pytest.fixture
def item(app, db) -> Item:
    package, problems = load_package(DEMO, current_app.extensions["exercise_types"])
    assert problems == []
    sync_package(package)
    db.session.commit()
    course = db.session.scalar(select(Course).where(Course.slug == package.slug))
    return db.session.scalar(select(Item).where(Item.course_id == course.id, Item.kind == "exercise"))


def refused(db, statement: str, **values) -> bool:
    """Run one statement in a savepoint; say whether the database refused it as an integrity breach."""
    try:
        with db.session.begin_nested():
            db.session.execute(text(statement), values)
    except IntegrityError:
        return True
    return False


ATTEMPT = (
    "INSERT INTO attempts (user_id, item_id, course_id, number, status, submission, score, feedback,"
    " details, content_version, submitted_at, tries)"
    " VALUES (:user, :item, :course, :number, 'graded', '{}', :score, '[]', '{}', 1, CURRENT_TIMESTAMP, 0)"
)


def test_an_orphan_row_is_refused(app, db, make_user, item):
    learner = make_user()
    assert refused(db, ATTEMPT, user=999_999, item=item.id, course=item.course_id, number=1, score=1.0)
    assert refused(db, ATTEMPT, user=learner.id, item=999_999, course=item.course_id, number=1, score=1.0)
    assert refused(
        db,
        "INSERT INTO enrolments (user_id, course_id, source, created_at) VALUES (:user, 999999, 'self',"
        " CURRENT_TIMESTAMP)",
        user=learner.id,
    )
    # A row others point at cannot go away from under them either.
    assert refused(db, "DELETE FROM courses WHERE id = :course", course=item.course_id)
    assert db.session.get(Course, item.course_id) is not None


def test_a_score_outside_0_to_1_is_refused(app, db, make_user, item):
    learner = make_user()
    where = {"user": learner.id, "item": item.id, "course": item.course_id}
    assert refused(db, ATTEMPT, number=1, score=1.5, **where)
    assert refused(db, ATTEMPT, number=1, score=-0.1, **where)
    assert not refused(db, ATTEMPT, number=1, score=1.0, **where)
    assert not refused(db, ATTEMPT, number=2, score=0.0, **where)
    assert not refused(db, ATTEMPT, number=3, score=None, **where)
    assert refused(db, ATTEMPT, number=0, score=0.5, **where)  # attempts are numbered from 1
    progress = (
        "INSERT INTO item_progress (user_id, item_id, course_id, status, best_score, attempts,"
        " first_activity_at, last_activity_at) VALUES (:user, :item, :course, :status, :score, 0,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    assert refused(db, progress, status="completed", score=2.0, **where)
    assert not refused(db, progress, status="completed", score=0.75, **where)


def test_an_unknown_role_or_status_is_refused(app, db, make_user):
    user = make_user(Role.TEACHER)
    assert refused(db, "UPDATE users SET role = 'superuser' WHERE id = :id", id=user.id)
    assert refused(db, "UPDATE users SET role = 'ADMIN' WHERE id = :id", id=user.id)  # values, not names
    assert not refused(db, "UPDATE users SET role = 'admin' WHERE id = :id", id=user.id)


def test_the_database_has_every_check_the_models_declare(app, db):
    """Alembic's comparison (tests/test_migrations.py) does not see CHECK constraints: compared here."""
    inspector = inspect(db.engine)
    for table in db.metadata.sorted_tables:
        declared = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        found = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert declared <= found, table.name


def test_sqlite_connections_enforce_foreign_keys(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL always enforces foreign keys")
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_the_migration_refuses_rows_that_break_the_rules_and_changes_nothing(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"})
    with app.app_context():
        upgrade(revision="0009")
        with _db.engine.connect() as connection:
            # Written when nothing refused them: an enrolment of a deleted user, a score of 150 %.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql(
                "INSERT INTO enrolments (user_id, course_id, source, created_at)"
                " VALUES (4242, 4343, 'self', CURRENT_TIMESTAMP)"
            )
            connection.exec_driver_sql(
                "INSERT INTO unit_progress (user_id, unit_id, course_id, score) VALUES (4242, 1, 4343, 1.5)"
            )
            connection.commit()
        _db.engine.dispose()
        with pytest.raises(SystemExit):  # `flask db upgrade` logs the error and exits with status 1
            upgrade()
        message = capfd.readouterr().err
        assert "nothing was changed" in message
        assert "enrolments row 1 refers to a missing row of" in message
        assert (
            "unit_progress: 1 row(s) break ck_unit_progress_score (score >= 0 AND score <= 1): id 1"
            in message
        )
        assert "flask db upgrade" in message
        with _db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0009"
        with _db.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM enrolments")
            connection.exec_driver_sql("DELETE FROM unit_progress")
        upgrade()
        downgrade(revision="0009")
        upgrade()
        _db.engine.dispose()
