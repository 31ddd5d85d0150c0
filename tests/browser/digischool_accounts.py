"""Accounts for the DigiSchool journeys: a pupil and a teacher who never wrote Python, and the pupils' course.

``python -m tests.browser.digischool_accounts`` (through :func:`tests.browser.conftest.run_in_app`) syncs
courses/digischool-projets-eleves into the live server's database and prints the accounts as JSON.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

PASSWORD = "digischool-password-2030"
PUPILS_COURSE = Path(__file__).resolve().parents[2] / "courses" / "digischool-projets-eleves"


def build() -> dict:
    from sqlalchemy import select

    from lms import create_app
    from lms.courses.models import Course
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.geo.models import School
    from lms.packages.loader import load_package
    from lms.users.models import Role
    from lms.users.operations import create_user

    app = create_app()
    tag = uuid.uuid4().hex[:6]
    with app.app_context():
        package, problems = load_package(PUPILS_COURSE, app.extensions["exercise_types"])
        assert package is not None and not problems, problems
        if db.session.scalar(select(Course).where(Course.slug == package.slug)) is None:
            sync_package(package)
        school = db.session.scalar(select(School).where(School.code == "DEMO-L001"))
        pupil = create_user(
            email=f"digi-pupil-{tag}@example.ma",
            display_name="Hiba Ait Lahcen",
            password=PASSWORD,
            role=Role.STUDENT,
            school_id=school.id,
        )
        teacher = create_user(
            email=f"digi-teacher-{tag}@example.ma",
            display_name="Fatima Zahra Idrissi",
            password=PASSWORD,
            role=Role.TEACHER,
            school_id=school.id,
        )
        db.session.commit()
        return {"password": PASSWORD, "pupil": pupil.email, "teacher": teacher.email}


if __name__ == "__main__":
    print(json.dumps(build()))
