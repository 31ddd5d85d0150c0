"""The course page tells how long each unit takes, from the package's computed ``minutes``."""

from __future__ import annotations

from flask import current_app

from lms.courses.sync import sync_package
from lms.extensions import db
from lms.packages.loader import load_package
from lms.users.models import Role
from tests.learning.packages import write_course


def test_the_outline_shows_each_units_estimated_time(client, auth, make_user, courses_dir):
    path = write_course(courses_dir, slug="cours-minute")
    unit = path / "units" / "bases" / "unit.toml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace('title = "', 'minutes = 45\ntitle = "', 1), encoding="utf-8"
    )
    package, problems = load_package(path, current_app.extensions["exercise_types"])
    assert problems == [] and package.units[0].minutes == 45
    sync_package(package)
    db.session.commit()
    auth.login(make_user(Role.STUDENT, language="en"))
    page = client.get("/courses/cours-minute").get_data(as_text=True)
    assert "About 45 minutes" in page
    assert page.count("unit-time") == 1  # the second unit declares nothing: nothing is invented


def test_a_unit_cannot_last_zero_minutes(courses_dir):
    path = write_course(courses_dir, slug="cours-zero")
    unit = path / "units" / "bases" / "unit.toml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace('title = "', 'minutes = 0\ntitle = "', 1), encoding="utf-8"
    )
    _, problems = load_package(path, current_app.extensions["exercise_types"])
    assert any("'minutes' must be a whole number above 0" in str(p) for p in problems)
