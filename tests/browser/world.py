"""A small world for the page-by-page browser tests, built straight in the live server's database.

``python -m tests.browser.world`` (run by :func:`tests.browser.conftest.run_in_app` with the server's
environment) creates one account per role, a class with a pupil who has done a lesson and a quiz, and a
certificate; it prints what the tests need as JSON. Accounts are this module's own, so the tests may
change their language without disturbing other browser tests that use the demo accounts.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from pathlib import Path

PASSWORD = "a11y-password-2030"
#: A one-lesson course written in Arabic: the French UI must still show its lesson right to left.
ARABIC_COURSE = Path(__file__).parent / "fixtures" / "arabic-sample"
#: A French course whose Arabic translation covers one lesson of two (every shipped course is now whole).
PARTIAL_COURSE = Path(__file__).parent / "fixtures" / "partial-sample"


def build() -> dict:
    from sqlalchemy import select

    from lms import create_app
    from lms.certificates.operations import issue_manually
    from lms.classes import operations as classes
    from lms.courses.models import Course, Item
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.geo.models import School
    from lms.learning import operations as learning
    from lms.packages.loader import load_package
    from lms.programmes.models import Programme
    from lms.users.models import Role
    from lms.users.operations import create_user

    app = create_app()
    tag = uuid.uuid4().hex[:6]
    # Links written at issue time (the certificate's verification URL) come from MAHARAT_PUBLIC_URL,
    # which tests/browser/conftest.py sets to the live server's address (never from this request).
    base_url = os.environ.get("WORLD_BASE_URL", "http://localhost")
    with app.app_context(), app.test_request_context(base_url=base_url):
        for folder in (ARABIC_COURSE, PARTIAL_COURSE):
            package, problems = load_package(folder, app.extensions["exercise_types"])
            assert package is not None and not problems, problems
            if db.session.scalar(select(Course).where(Course.slug == package.slug)) is None:
                sync_package(package)
        arabic = db.session.scalar(select(Course).where(Course.slug == "arabic-sample"))
        school = db.session.scalar(select(School).where(School.code == "DEMO-L001"))
        sic = db.session.scalar(select(Programme).where(Programme.code == "sic"))

        def account(role: Role, name: str, **extra):
            return create_user(
                email=f"a11y-{role.value}-{tag}@example.ma",
                display_name=name,
                password=PASSWORD,
                role=role,
                **extra,
            )

        teacher = account(Role.TEACHER, "Youssef El Amrani", school_id=school.id)
        # A name mixing Arabic and Latin script: it must render in its own direction in any UI.
        pupil = account(Role.STUDENT, "أمينة Benali", school_id=school.id)
        admin = account(Role.ADMIN, "Nadia Benali")
        manager = account(Role.MANAGER, "Karim Tazi", programme_id=sic.id)

        python = db.session.scalar(select(Course).where(Course.slug == "sic-python-fundamentals"))
        partial_course = db.session.scalar(select(Course).where(Course.slug == "partial-sample"))
        klass = classes.create_class(teacher, "Tronc commun A", school, classes.school_years(date.today())[0])
        classes.assign_course(klass, python)
        classes.add_member(klass, pupil, source="code")
        learning.enrol(teacher, partial_course)
        learning.enrol(pupil, arabic)

        items = {i.slug: i for i in db.session.scalars(select(Item).where(Item.course_id == python.id)).all()}
        learning.mark_lesson_done(pupil, items["valeurs-afficher-et-calculer"])
        quiz = items["quiz-valeurs-et-types"]
        wrong = {quiz.config["questions"][0]["id"]: "—"}  # a wrong answer: a blank one is refused
        attempt = learning.submit_exercise(
            pupil,
            quiz,
            {"answers": wrong},
            app.extensions["exercise_types"],
            "fr",
        )
        certificate = issue_manually(pupil, python, admin, "Session présentielle")
        # A lesson the Arabic translation does not cover (the course is translated in part).
        first_lesson = next(i for i in partial_course.units[0].items if i.slug == "pas-encore-traduite")
        db.session.commit()
        return {
            "password": PASSWORD,
            "teacher": teacher.email,
            "pupil": pupil.email,
            "pupil_name": pupil.display_name,
            "admin": admin.email,
            "manager": manager.email,
            "class_id": klass.id,
            "pupil_id": pupil.id,
            "quiz_attempt": attempt.id,
            "quiz_item": items["quiz-valeurs-et-types"].id,
            "certificate": certificate.code,
            "certificate_display": certificate.display_code,
            "arabic_lesson": "/courses/arabic-sample/items/marhaban",
            "teachers_lesson": f"/courses/{partial_course.slug}/items/{first_lesson.slug}",
        }


if __name__ == "__main__":
    print(json.dumps(build()))
