"""Fixtures for classes and reports: schools in given regions, teachers, pupils, a class, progress."""

from __future__ import annotations

import itertools

import pytest
from flask import current_app
from sqlalchemy import select

from lms.classes import operations
from lms.courses.models import Item
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.learning import operations as learning
from lms.programmes.models import Programme
from lms.users.models import Role
from tests.conftest import cheap_password_hashes, count_queries  # noqa: F401 (re-exported to the tests)
from tests.learning.conftest import course, courses_dir, install  # noqa: F401  (shared fixtures)

EN = {"Accept-Language": "en"}
RIGHT = {"answers": {"q1": "b", "q2": "def"}}
WRONG = {"answers": {"q1": "a", "q2": "class"}}


@pytest.fixture(autouse=True)
def fast_passwords(monkeypatch):
    cheap_password_hashes(monkeypatch)


def programme_id(code: str) -> int:
    return db.session.scalar(select(Programme.id).where(Programme.code == code))


@pytest.fixture
def make_school(app):
    numbers = itertools.count(1)

    def make(region_code: str = "MA-06", province: Province | None = None) -> School:
        n = next(numbers)
        if province is None:
            region = db.session.scalar(select(Region).where(Region.code == region_code))
            province = Province(code=f"PROV-{region_code}-{n}", name_fr=f"Province {n}", region=region)
        school = School(code=f"SCH-{n:04d}", name_fr=f"Lycée {n}", name_ar=f"ثانوية {n}", province=province)
        db.session.add(school)
        db.session.commit()
        return school

    return make


@pytest.fixture
def school(make_school) -> School:
    return make_school("MA-06")


@pytest.fixture
def teacher(make_user, school):
    return make_user(Role.TEACHER, school_id=school.id, programme_id=programme_id("sic"), language="en")


@pytest.fixture
def klass(teacher, school):
    made = operations.create_class(teacher, "Tronc commun 3", school, "2026-2027")
    db.session.commit()
    return made


def item(of_course, slug: str) -> Item:
    return db.session.scalar(select(Item).where(Item.course_id == of_course.id, Item.slug == slug))


def submit(user, of_course, slug: str, submission: dict):
    registry = current_app.extensions["exercise_types"]
    attempt = learning.submit_exercise(user, item(of_course, slug), submission, registry, "fr")
    db.session.commit()
    return attempt


def complete_first_unit(user, of_course) -> None:
    """Lesson "introduction" then a passing quiz: unit "bases" is completed."""
    learning.mark_lesson_done(user, item(of_course, "introduction"))
    db.session.commit()
    submit(user, of_course, "quiz-bases", RIGHT)


def complete_course(user, of_course) -> None:
    complete_first_unit(user, of_course)
    learning.mark_lesson_done(user, item(of_course, "suite"))
    db.session.commit()
    submit(user, of_course, "reflexion", {"text": "J'ai appris beaucoup de choses utiles."})
