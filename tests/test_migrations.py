"""Migrations: they build the schema from nothing, match the models, and keep data across upgrades."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from lms import create_app
from lms.extensions import db as _db


def _app(tmp_path, monkeypatch, name="m.sqlite3"):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}"})


def test_upgrade_from_empty_builds_every_table(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)
    with app.app_context():
        upgrade()
        tables = set(inspect(_db.engine).get_table_names())
        assert set(_db.metadata.tables) <= tables


def test_models_and_migrations_agree(app, db):
    """A schema change without its migration fails here."""
    with db.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata
        )
    assert diff == []


def test_downgrade_then_upgrade_round_trips(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert "users" not in inspect(_db.engine).get_table_names()
        upgrade()
        assert _db.session.scalar(select(text("count(*)")).select_from(text("regions"))) == 12


def _course_and_pupils(tmp_path, app, names):
    """Upgrade to the head, sync the test course and create pupils (their ``create_user`` accounts)."""
    from lms.courses.models import Course
    from lms.courses.sync import sync_package
    from lms.packages.loader import load_package
    from lms.users.models import Role
    from lms.users.operations import create_user
    from tests.learning.packages import write_course

    upgrade()
    package, problems = load_package(write_course(tmp_path / "courses"), app.extensions["exercise_types"])
    assert problems == []
    sync_package(package)
    course = _db.session.scalar(select(Course))
    pupils = [
        create_user(
            email=f"{n}@example.ma", display_name=n, password="correct horse battery", role=Role.STUDENT
        )
        for n in names
    ]
    return course, pupils


def test_report_activity_is_recomputed_from_the_learners_own_actions(tmp_path, monkeypatch):
    """0018: enrolled people who never did anything stop counting as active; "reached" is counted."""
    import importlib

    from lms.learning import operations as learning
    from lms.learning.progress import record_visit
    from lms.reports.models import Participant, RollupTotal

    migration = importlib.import_module("lms.migrations.versions.0013_report_vocabulary_and_targets")
    app = _app(tmp_path, monkeypatch)
    with app.app_context():
        course, (idle, busy) = _course_and_pupils(tmp_path, app, ("idle", "busy"))
        for pupil in (idle, busy):
            learning.enrol(pupil, course, source="class")
        _db.session.commit()
        record_visit(busy, course.units[0].items[0])
        _db.session.commit()
        downgrade(revision=migration.down_revision)
        # As the earlier schema kept them: everyone enrolled was "active" since enrolment.
        assert (
            _db.session.scalar(
                text("SELECT count(*) FROM report_participants WHERE last_active_at IS NOT NULL")
            )
            == 2
        )
        upgrade()
        active = dict(_db.session.execute(select(Participant.user_id, Participant.last_active_at)).all())
        assert active[idle.id] is None and active[busy.id] is not None
        assert _db.session.scalar(select(RollupTotal.reached)) == 1


def test_active_day_buckets_are_filled_from_the_participants(tmp_path, monkeypatch):
    """0019: the people active on each day are counted from the participants' latest actions."""
    import importlib

    from lms.learning import operations as learning
    from lms.learning.progress import record_visit
    from lms.reports.models import ActiveDay
    from lms.reports.rebuild import active_day_problems

    migration = importlib.import_module("lms.migrations.versions.0019_report_active_days")
    app = _app(tmp_path, monkeypatch)
    with app.app_context():
        course, pupils = _course_and_pupils(tmp_path, app, ("p0", "p1", "p2"))
        for pupil in pupils:
            learning.enrol(pupil, course)
        _db.session.commit()
        for pupil in pupils[:2]:
            record_visit(pupil, course.units[0].items[0])
        _db.session.commit()
        downgrade(revision=migration.down_revision)
        assert "report_active_days" not in inspect(_db.engine).get_table_names()
        upgrade()
        assert active_day_problems() == []
        people = _db.session.scalars(select(ActiveDay.people).where(ActiveDay.level == "region")).all()
        assert people == [2]
