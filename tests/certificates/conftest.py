"""Fixtures: the 2-unit test course (tests/learning), learners who complete it, certificates, admins."""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import select

from lms.certificates import operations
from lms.certificates.cli import certificates_cli
from lms.certificates.models import Certificate
from lms.courses.models import Item
from lms.geo.models import School
from lms.learning import operations as learning
from lms.users.models import Role
from tests.learning import conftest as learning_fixtures

# The learning area's fixtures (courses_dir → install → course: the 2-unit test course), shared here.
courses_dir = learning_fixtures.courses_dir
install = learning_fixtures.install
course = learning_fixtures.course

RIGHT = {"answers": {"q1": "b", "q2": "def"}}
ARABIC_NAME = "أمينة الإدريسي"


#: Certificates are signed with PUBLIC_URL; a value unlike the test config's SERVER_NAME proves it is the one.
PUBLIC_URL = "https://maharat.example"


@pytest.fixture(autouse=True)
def _public_url(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["PUBLIC_URL"] = PUBLIC_URL


def item(course, slug: str) -> Item:
    from lms.extensions import db

    return db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == slug))


def complete(user, course) -> None:
    """Complete the test course the way a learner does: lessons marked done, exercises passed."""
    registry = current_app.extensions["exercise_types"]
    learning.enrol(user, course)
    learning.mark_lesson_done(user, item(course, "introduction"))
    learning.submit_exercise(user, item(course, "quiz-bases"), RIGHT, registry, "fr")
    learning.mark_lesson_done(user, item(course, "suite"))
    learning.submit_exercise(
        user, item(course, "reflexion"), {"text": "J'ai appris les bases."}, registry, "fr"
    )


@pytest.fixture
def school(db):
    """A school of the demo geography (Casablanca-Settat), created on the fly."""
    from lms.geo.models import Province, Region

    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    province = Province(
        code="T-CASA", name_fr="Préfecture de Casablanca", name_ar="عمالة الدار البيضاء", region=region
    )
    school = School(
        code="T-L001", name_fr="Lycée Ibn Battouta", name_ar="الثانوية التأهيلية ابن بطوطة", province=province
    )
    db.session.add_all([province, school])
    db.session.commit()
    return school


@pytest.fixture
def learner(make_user, school):
    return make_user(Role.STUDENT, display_name=ARABIC_NAME, language="ar", school_id=school.id)


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, display_name="Nadia Benali", language="en")


@pytest.fixture
def certificate(learner, course, db) -> Certificate:
    """A certificate issued the normal way: the learner completes the course."""
    complete(learner, course)
    db.session.commit()
    issued = operations.live_certificate(learner.id, course.id)
    assert issued is not None
    return issued


@pytest.fixture
def cli(app):
    """The CLI runner with the certificates group (create_app registers it once the lead adds it)."""
    if "certificates" not in app.cli.commands:
        app.cli.add_command(certificates_cli)
    return app.test_cli_runner()
