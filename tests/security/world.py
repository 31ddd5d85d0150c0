"""A small, complete world for access-control tests: two classes, two teachers, two programmes' managers.

Built once per test session into a SQLite file (see ``conftest.py``); each test runs on a copy, so a
request that changes something cannot influence the next one. The objects exist for real, so rules
with ``<int:class_id>``, ``<code>`` or ``<int:attempt_id>`` are exercised with ids that resolve.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from PIL import Image
from sqlalchemy import select

from lms.assignments import operations as assignments
from lms.authoring import drafts
from lms.authoring.uploads import store
from lms.certificates import operations as certificates
from lms.classes import operations as classes
from lms.courses.models import Course, Item
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.learning import operations as learning
from lms.notifications.models import Notification
from lms.packages.loader import load_package
from lms.programmes.models import Programme
from lms.teaching.models import CoTeacher
from lms.users.models import Role
from lms.users.operations import create_user
from tests.learning.packages import write_course

PASSWORD = "correct horse battery"
RIGHT = {"answers": {"q1": "b", "q2": "def"}}
WRONG = {"answers": {"q1": "a", "q2": "class"}}

#: Who asks, in the matrix. ``None`` is the anonymous visitor.
PERSONAS = (
    "anonymous",
    "student",
    "other_student",
    "teacher",
    "other_teacher",
    "manager",
    "other_manager",
    "admin",
)


@dataclass
class World:
    """Ids of everything the policy table's sample URLs refer to."""

    users: dict[str, int] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    def url(self, template: str) -> str:
        return template.format(**self.values)


def _item(course: Course, slug: str) -> Item:
    return db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == slug))


def _install_course(courses_dir: Path) -> Course:
    path = write_course(courses_dir)
    (path / "assets").mkdir(exist_ok=True)
    (path / "assets" / "schema.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    package, problems = load_package(path, current_app.extensions["exercise_types"])
    assert problems == [], [str(p) for p in problems]
    sync_package(package)
    db.session.commit()
    return db.session.scalar(select(Course).where(Course.slug == package.slug))


def _school(code: str, region_code: str) -> School:
    region = db.session.scalar(select(Region).where(Region.code == region_code))
    province = Province(code=f"P-{code}", name_fr=f"Province {code}", region=region)
    school = School(code=code, name_fr=f"Lycée {code}", name_ar=f"ثانوية {code}", province=province)
    db.session.add_all([province, school])
    return school


def build_world(courses_dir: Path) -> World:
    """Create every object the matrix needs; return their ids."""
    world = World()
    sic = db.session.scalar(select(Programme).where(Programme.code == "sic"))
    digischool = db.session.scalar(select(Programme).where(Programme.code == "digischool"))
    school, other_school = _school("W-1", "MA-06"), _school("W-2", "MA-09")
    db.session.flush()

    def person(name: str, role: Role, **fields):
        user = create_user(
            email=f"{name.replace('_', '.')}@world.ma",
            display_name=name.replace("_", " ").title(),
            password=PASSWORD,
            role=role,
            **fields,
        )
        world.users[name] = user.id
        world.emails[name] = user.email
        return user

    student = person("student", Role.STUDENT, school_id=school.id)
    other_student = person("other_student", Role.STUDENT, school_id=other_school.id)
    teacher = person("teacher", Role.TEACHER, school_id=school.id, programme_id=sic.id)
    other_teacher = person("other_teacher", Role.TEACHER, school_id=other_school.id, programme_id=sic.id)
    person("manager", Role.MANAGER, programme_id=sic.id)
    person("other_manager", Role.MANAGER, programme_id=digischool.id)
    admin = person("admin", Role.ADMIN)
    # Not a persona: the account the people-management routes act on, so that no persona is changed.
    spare = person("spare", Role.STUDENT, school_id=school.id)
    db.session.commit()

    course = _install_course(courses_dir)
    klass = classes.create_class(teacher, "3e A", school, "2026-2027")
    other_class = classes.create_class(other_teacher, "3e B", other_school, "2026-2027")
    db.session.flush()
    for k, pupil in ((klass, student), (other_class, other_student)):
        classes.assign_course(k, course)
        classes.add_member(k, pupil, "teacher")
    db.session.commit()

    registry = current_app.extensions["exercise_types"]
    # The student completes the course (a certificate); the other student has an attempt of their own.
    learning.mark_lesson_done(student, _item(course, "introduction"))
    attempt = learning.submit_exercise(student, _item(course, "quiz-bases"), RIGHT, registry, "fr")
    learning.mark_lesson_done(student, _item(course, "suite"))
    learning.submit_exercise(
        student, _item(course, "reflexion"), {"text": "J'ai appris les bases du langage."}, registry, "fr"
    )
    other_attempt = learning.submit_exercise(
        other_student, _item(course, "quiz-bases"), WRONG, registry, "fr"
    )
    db.session.commit()
    certificate = certificates.live_certificate(student.id, course.id)
    assert certificate is not None, "the student should have earned a certificate"

    # Teachers' tools (issue 19): a co-teacher of the class (not a persona) and an assignment.
    co_teacher = person("co_teacher", Role.TEACHER, school_id=school.id, programme_id=sic.id)
    db.session.add(CoTeacher(class_id=klass.id, user_id=co_teacher.id))
    assignment, _notified = assignments.assign(klass, course, teacher)
    db.session.commit()
    notification_id = db.session.scalar(
        select(Notification.id).where(Notification.user_id == student.id).order_by(Notification.id)
    )

    # A course authored in the browser: a draft with a quiz question, a code exercise and an image for
    # the authoring routes to act on.
    authored = drafts.create_course(
        {
            "title": "Cours rédigé",
            "summary": "Écrit dans le navigateur.",
            "programme": "sic",
            "language": "fr",
            "level": "beginner",
            "hours": 2.0,
            "audience": ["student"],
            "self_enrol": True,
        },
        "world-authored",
        admin,
    )
    draft = drafts.open_draft(authored)
    document = dict(draft.document)
    drafts.add_unit(document, "debut", "Début")
    types = current_app.extensions["exercise_types"]
    quiz = drafts.add_item(document, "debut", "quiz", "Quiz", types.get("quiz"))
    quiz["config"]["questions"] = [
        {
            "id": "q1",
            "kind": "numeric",
            "text": "2 + 2 ?",
            "points": 1,
            "explanation": "",
            "answer": 4,
            "tolerance": 0,
        }
    ]
    drafts.add_item(document, "debut", "code", "Code", types.get("python"))
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    document["assets"] = [
        *document["assets"],
        store("world-authored", document["assets"], "image.png", png.getvalue()),
    ]
    drafts.save(draft, document, admin)
    db.session.commit()

    world.values.update(
        authored=authored.slug,
        course=course.slug,
        item="quiz-bases",
        lesson="introduction",
        asset="schema.png",
        class_id=klass.id,
        other_class_id=other_class.id,
        student_id=student.id,
        other_student_id=other_student.id,
        attempt_id=attempt.id,
        other_attempt_id=other_attempt.id,
        code=certificate.code,
        status_list=certificate.status_list,
        programme="sic",
        other_programme="digischool",
        admin_id=admin.id,
        spare_id=spare.id,
        item_id=_item(course, "quiz-bases").id,
        assignment_id=assignment.id,
        co_teacher_id=co_teacher.id,
        notification_id=notification_id,
    )
    return world
