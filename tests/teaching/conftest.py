"""Fixtures for the teachers' tools: the classes area's world (school, teacher, class, test course) and pupils in it."""

from __future__ import annotations

import pytest

from lms.classes import operations
from lms.extensions import db
from lms.users.models import Role
from tests.classes.conftest import (  # noqa: F401  (shared fixtures)
    EN,
    RIGHT,
    WRONG,
    course,
    courses_dir,
    fast_passwords,
    install,
    item,
    klass,
    make_school,
    programme_id,
    school,
    submit,
    teacher,
)
from tests.conftest import count_queries  # noqa: F401


@pytest.fixture
def assigned(klass, course):  # noqa: F811 (pytest fixtures by name)
    operations.assign_course(klass, course)
    db.session.commit()
    return course


@pytest.fixture
def pupils(make_user, klass, school, assigned):  # noqa: F811
    made = []
    for name in ("Amina Benali", "Youssef Idrissi", "Salma Tazi"):
        pupil = make_user(Role.STUDENT, display_name=name, school_id=school.id, language="en")
        operations.add_member(klass, pupil, source="teacher")
        made.append(pupil)
    db.session.commit()
    return made


@pytest.fixture
def other_teacher(make_user, school):  # noqa: F811
    return make_user(Role.TEACHER, school_id=school.id, programme_id=programme_id("sic"), language="en")
