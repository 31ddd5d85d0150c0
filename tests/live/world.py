"""The live servers' world, built in their database by ``python -m tests.live.world`` (no request).

A school, one account per role, a class with an Arabic name and its course (a small package with an
image asset), pupils with progress, and certificates issued the ways that have no request: by an admin
through the operations (as the CLI does), by ``certificates reconcile``, and from a background thread
completing a course (as the grading worker does). It prints what the tests need as JSON.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import date
from pathlib import Path

PASSWORD = "live-password-2030"
#: A 1×1 PNG: the course's image asset.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
RIGHT = {"answers": {"q1": "b", "q2": "def"}}


def build() -> dict:
    from flask import current_app
    from sqlalchemy import select

    from lms import create_app
    from lms.certificates import operations as certificates
    from lms.certificates.models import Certificate
    from lms.classes import operations as classes
    from lms.courses.models import Course, Item
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.geo.models import Province, Region, School
    from lms.learning import operations as learning
    from lms.packages.loader import load_package
    from lms.programmes.models import Programme
    from lms.users.models import Role
    from lms.users.operations import create_user
    from tests.learning.packages import write_course

    app = create_app()
    with app.app_context():
        courses = Path(current_app.config["COURSES_DIR"])
        path = write_course(courses, slug="cours-live")
        (path / "assets").mkdir(exist_ok=True)
        (path / "assets/schema.png").write_bytes(PNG)
        intro = path / "units/bases/introduction.md"
        intro.write_text("Bienvenue.\n\n![Un schéma](assets/schema.png)\n", encoding="utf-8")
        package, problems = load_package(path, app.extensions["exercise_types"])
        assert package is not None and not problems, [str(p) for p in problems]
        sync_package(package)
        course = db.session.scalar(select(Course).where(Course.slug == "cours-live"))
        sic = db.session.scalar(select(Programme).where(Programme.code == "sic"))
        region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
        province = Province(code="LIVE-P", name_fr="Province live", name_ar="إقليم", region=region)
        school = School(code="LIVE-S1", name_fr="Lycée Live", name_ar="ثانوية لايف", province=province)
        db.session.add(school)
        db.session.flush()

        def account(role: Role, name: str, email: str, **extra):
            return create_user(
                email=email, display_name=name, password=PASSWORD, role=role, language="fr", **extra
            )

        admin = account(Role.ADMIN, "Nadia Admin", "admin@live.example.ma")
        teacher = account(Role.TEACHER, "Youssef Prof", "prof@live.example.ma", school_id=school.id)
        account(Role.MANAGER, "Karim Pilote", "pilote@live.example.ma", programme_id=sic.id)
        pupil = account(Role.STUDENT, "أمينة الإدريسي", "amina@live.example.ma", school_id=school.id)
        formula = account(
            Role.STUDENT, '=HYPERLINK("http://x")', "formule@live.example.ma", school_id=school.id
        )
        finisher = account(Role.STUDENT, "Salma Bennani", "salma@live.example.ma", school_id=school.id)
        later = account(Role.STUDENT, "Omar Reconcile", "omar@live.example.ma", school_id=school.id)
        klass = classes.create_class(
            teacher, "القسم الأول - Tronc commun", school, classes.school_years(date.today())[0]
        )
        classes.assign_course(klass, course)
        for member in (pupil, formula, finisher, later):
            classes.add_member(klass, member, source="teacher")
        items = {i.slug: i for i in db.session.scalars(select(Item).where(Item.course_id == course.id))}
        registry = app.extensions["exercise_types"]
        for learner in (pupil, finisher, later):
            learning.mark_lesson_done(learner, items["introduction"])
            learning.submit_exercise(learner, items["quiz-bases"], RIGHT, registry, "fr")
        manual = certificates.issue_manually(pupil, course, admin, "Session présentielle")
        db.session.commit()
        ids = {"finisher": finisher.id, "later": later.id, "course": course.id, "class": klass.id}
        ids["formula"] = formula.id
        manual_code = manual.code

    def finish(user_id: int) -> None:
        """Complete the course in a thread with an app context and no request, as a grading worker does."""
        from lms.users.models import User

        with app.app_context():
            user = db.session.get(User, user_id)
            course = db.session.get(Course, ids["course"])
            done = {i.slug: i for i in db.session.scalars(select(Item).where(Item.course_id == course.id))}
            learning.mark_lesson_done(user, done["suite"])
            reflection = {"text": "J'ai appris beaucoup de choses utiles."}
            learning.submit_exercise(
                user, done["reflexion"], reflection, app.extensions["exercise_types"], "fr"
            )
            db.session.commit()

    worker = threading.Thread(target=finish, args=(ids["finisher"],))
    worker.start()
    worker.join()

    with app.app_context():
        from lms.dbtypes import utcnow
        from lms.learning.models import Enrolment

        threaded = db.session.scalar(select(Certificate).where(Certificate.user_id == ids["finisher"]))
        # Omar's completion predates certificates (written straight in the table): the tests run
        # `certificates reconcile`, which issues his from the command line.
        enrolment = db.session.scalar(
            select(Enrolment).where(Enrolment.user_id == ids["later"], Enrolment.course_id == ids["course"])
        )
        enrolment.completed_at = utcnow()
        db.session.commit()
        return {
            "password": PASSWORD,
            "public_url": os.environ["MAHARAT_PUBLIC_URL"],
            "admin": "admin@live.example.ma",
            "teacher": "prof@live.example.ma",
            "manager": "pilote@live.example.ma",
            "pupil": "amina@live.example.ma",
            "later": "omar@live.example.ma",
            "later_id": ids["later"],
            "formula": "formule@live.example.ma",
            "formula_id": ids["formula"],
            "class_id": ids["class"],
            "course": "cours-live",
            "certificate": manual_code,
            "threaded_certificate": threaded.code if threaded else None,
        }


if __name__ == "__main__":
    print(json.dumps(build()))
