from __future__ import annotations

import pytest
from flask import current_app

from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning import operations
from lms.packages.loader import load_package
from tests.learning.packages import write_course


@pytest.fixture
def courses_dir(app, tmp_path):
    folder = tmp_path / "courses"
    folder.mkdir()
    app.config["COURSES_DIR"] = str(folder)
    return folder


@pytest.fixture
def install(courses_dir):
    """Write a test package (see tests/learning/packages.py) and sync it; return the Course."""

    def install(force: bool = False, **options) -> Course:
        path = write_course(courses_dir, **options)
        package, problems = load_package(path, current_app.extensions["exercise_types"])
        assert problems == [], [str(p) for p in problems]
        sync_package(package, force=force)
        db.session.commit()
        return db.session.scalar(db.select(Course).where(Course.slug == package.slug))

    return install


@pytest.fixture
def course(install) -> Course:
    return install()


@pytest.fixture
def enrolled(client, auth, make_user, course):
    """A learner enrolled in the course and signed in (English)."""
    user = make_user(language="en")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    return user
