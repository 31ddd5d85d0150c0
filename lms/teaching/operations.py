"""Write-side verbs of running a class over time; the caller commits."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from lms.classes.models import ClassCourse, SchoolClass
from lms.classes.operations import create_class
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Province, School
from lms.teaching.models import CoTeacher
from lms.users.models import Role, User, normalise_email


class TeachingError(Exception):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def rename(klass: SchoolClass, name: str) -> None:
    name = (name or "").strip()
    if not name:
        raise TeachingError(_l("Please name the class."))
    klass.name = name[:120]
    db.session.flush()


def archive(klass: SchoolClass) -> None:
    """Make the class read-only (end of the year); its members, progress and reports stay."""
    if klass.archived_at is None:
        klass.archived_at = utcnow()
        db.session.flush()


def unarchive(klass: SchoolClass) -> None:
    klass.archived_at = None
    db.session.flush()


def copy_for_year(klass: SchoolClass, actor: User, name: str, school_year: str) -> SchoolClass:
    """A new class for another school year: same school, courses and co-teachers, no pupils, a new code."""
    copy = create_class(actor, name or klass.name, klass.school, school_year)
    for course_id in db.session.scalars(
        select(ClassCourse.course_id).where(ClassCourse.class_id == klass.id)
    ):
        db.session.add(ClassCourse(class_id=copy.id, course_id=course_id))
    teachers = {klass.teacher_id} | set(
        db.session.scalars(select(CoTeacher.user_id).where(CoTeacher.class_id == klass.id))
    )
    for teacher_id in sorted(teachers - {actor.id}):
        db.session.add(CoTeacher(class_id=copy.id, user_id=teacher_id, added_by_id=actor.id))
    db.session.flush()
    return copy


def add_co_teacher(klass: SchoolClass, email: str, actor: User) -> User:
    """Share the class with a teacher of the same region (by email); the message never says more."""
    teacher = db.session.scalar(
        select(User)
        .join(School, User.school_id == School.id)
        .join(Province, School.province_id == Province.id)
        .where(
            func.lower(User.email) == normalise_email(email or ""),
            User.role == Role.TEACHER,
            User.active.is_(True),
            Province.region_id == klass.school.province.region_id,
        )
    )
    if teacher is None:
        raise TeachingError(_l("No teacher of this region has this email address."))
    if teacher.id == klass.teacher_id:
        raise TeachingError(_l("This teacher already runs the class."))
    exists = db.session.scalar(
        select(CoTeacher.id).where(CoTeacher.class_id == klass.id, CoTeacher.user_id == teacher.id)
    )
    if exists is None:
        db.session.add(CoTeacher(class_id=klass.id, user_id=teacher.id, added_by_id=actor.id))
        db.session.flush()
    return teacher


def remove_co_teacher(klass: SchoolClass, user_id: int) -> bool:
    removed = db.session.execute(
        delete(CoTeacher).where(CoTeacher.class_id == klass.id, CoTeacher.user_id == user_id)
    ).rowcount
    return bool(removed)


def co_teachers(klass: SchoolClass) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(CoTeacher, CoTeacher.user_id == User.id)
            .where(CoTeacher.class_id == klass.id)
            .order_by(User.display_name)
        )
    )
