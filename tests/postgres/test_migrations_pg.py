"""Migrations on PostgreSQL: from the first revision to head with data in the tables, nothing lost."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import func, select, text
from werkzeug.security import generate_password_hash

from lms import create_app
from lms.courses.models import Course, Item
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning.models import Enrolment, ItemProgress, ItemStatus
from lms.packages.loader import load_package
from lms.users.models import User
from tests.conftest import PASSWORD, _postgres_admin, _test_config
from tests.grading.conftest import DEMO


def test_upgrade_from_the_first_revision_keeps_users_and_progress(postgres_url, tmp_path, monkeypatch):
    admin = _postgres_admin(postgres_url)
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE migrate_with_data"))
    admin.dispose()
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    app = create_app(_test_config(f"{postgres_url}/migrate_with_data"))
    with app.app_context():
        try:
            _upgrade_with_data()
        finally:
            db.session.remove()
            db.engine.dispose()


def _upgrade_with_data() -> None:
    """Upgrade step by step, writing data as each old schema knew it; check it all at head."""
    upgrade(revision="0001")
    # A teacher created when only the foundation existed, written as that schema knew it.
    db.session.execute(
        text(
            "INSERT INTO users (email, display_name, password_hash, language, role, active, created_at,"
            " session_token) VALUES ('prof@example.ma', 'أستاذة Amal', :hash, 'ar', 'teacher', true,"
            " now(), 'token')"
        ),
        {"hash": generate_password_hash(PASSWORD)},
    )
    db.session.commit()

    upgrade(revision="0005")
    # A course with one lesson, recorded while certificates were the newest migration, written as that
    # schema knew it (the ORM describes the newest schema: later migrations add columns to these tables).
    course_id = db.session.scalar(
        text(
            "INSERT INTO courses (slug, programme_id, title, summary, language, for_teachers, for_students,"
            " level, hours, self_enrol, version, content_hash, schema, requires, translations, assets,"
            " source, published, created_at) SELECT 'demo-minimal', id, 'Découvrir Python', '', 'fr', true,"
            " true, 'beginner', 2, true, 1, 'hash', 1, '{}', '{}', '[]', 'package', true, now()"
            " FROM programmes WHERE code = 'sic' RETURNING id"
        )
    )
    unit_id = db.session.scalar(
        text(
            "INSERT INTO units (course_id, slug, position, title, summary, prerequisites, translations)"
            " VALUES (:course, 'premiers-pas', 1, 'Premiers pas', '', '[]', '{}') RETURNING id"
        ),
        {"course": course_id},
    )
    lesson_id = db.session.scalar(
        text(
            "INSERT INTO items (course_id, unit_id, slug, position, kind, title, required, weight,"
            " translations, content_version, content_hash, body) VALUES (:course, :unit, 'bonjour', 1,"
            " 'lesson', 'Dire bonjour', true, 1, '{}', 1, 'hash', 'Python affiche du texte.') RETURNING id"
        ),
        {"course": course_id, "unit": unit_id},
    )
    teacher_id = db.session.scalar(text("SELECT id FROM users WHERE email = 'prof@example.ma'"))
    ids = {"user": teacher_id, "course": course_id, "item": lesson_id}
    db.session.execute(
        text(
            "INSERT INTO enrolments (user_id, course_id, source, created_at)"
            " VALUES (:user, :course, 'self', now())"
        ),
        ids,
    )
    db.session.execute(
        text(
            "INSERT INTO item_progress (user_id, item_id, course_id, status, attempts,"
            " first_activity_at, last_activity_at, completed_at)"
            " VALUES (:user, :item, :course, 'completed', 0, now(), now(), now())"
        ),
        ids,
    )
    db.session.commit()
    db.session.remove()

    upgrade(revision="heads")
    teacher = db.session.scalar(select(User).where(User.email == "prof@example.ma"))
    assert teacher.display_name == "أستاذة Amal" and teacher.check_password(PASSWORD)
    assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 1
    row = db.session.scalar(select(ItemProgress).where(ItemProgress.user_id == teacher.id))
    assert row.status is ItemStatus.COMPLETED
    assert db.session.scalar(text("SELECT count(*) FROM regions")) == 12
    course = db.session.scalar(select(Course).where(Course.slug == "demo-minimal"))
    assert course.lesson_completion == "read" and course.units[0].minutes is None
    # The package syncs over the upgraded rows, and the learner's progress stays on its lesson.
    package, problems = load_package(DEMO, current_app.extensions["exercise_types"])
    assert not problems
    sync_package(package, force=True)
    db.session.commit()
    lesson = db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == "bonjour"))
    assert (
        db.session.scalar(select(ItemProgress.item_id).where(ItemProgress.user_id == teacher.id)) == lesson.id
    )


def test_models_and_migrations_agree_on_postgresql(app):
    with db.engine.connect() as connection:
        assert connection.dialect.name == "postgresql"
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata
        )
    assert diff == []
