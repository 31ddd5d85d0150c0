"""Write-side verbs of classes: create, assign a course, add or remove a pupil, join with a code.

They change the database (the caller commits) and never read the request. Membership and enrolment
go together: a member is enrolled in every course of the class, whenever either was added.
"""

from __future__ import annotations

import secrets
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from lms.audit.operations import Action, record
from lms.classes.models import ClassCourse, ClassMember, SchoolClass
from lms.courses.models import Course
from lms.extensions import db
from lms.geo.models import Province, School
from lms.learning.operations import enrol
from lms.policy import can_join_class, manages_every_class
from lms.reports.rollups import reattribute
from lms.users.models import User, normalise_email, normalise_massar

#: No 0/O or 1/I: a code read aloud or copied from the board is typed right the first time.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


class ClassError(Exception):
    """The action is refused for a reason the teacher or pupil should read (translated)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def new_join_code() -> str:
    """A fresh unused code: 32⁸ ≈ 10¹² possibilities, so codes cannot be guessed by trying."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)) is None:
            return code


def normalise_join_code(text: str) -> str:
    """Accept the code as people type it: any case, with spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def school_years(today: date) -> list[str]:
    """The current school year (it starts in September) and the next one, e.g. ``2026-2027``."""
    start = today.year if today.month >= 9 else today.year - 1
    return [f"{year}-{year + 1}" for year in (start, start + 1)]


def schools_for(user: User) -> list[School]:
    """Schools a class may belong to: any for an admin, the schools of their region for a teacher."""
    query = select(School).order_by(School.name_fr)
    if not manages_every_class(user):
        if user.school is None:
            return []
        query = query.join(Province).where(Province.region_id == user.school.province.region_id)
    return list(db.session.scalars(query))


class TooManyClasses(ValueError):
    """The teacher already has ``CLASSES_PER_TEACHER`` classes this school year; the message says so."""


def create_class(teacher: User, name: str, school: School, school_year: str) -> SchoolClass:
    """Create a class with a fresh join code, within the per-teacher, per-year cap (issue 16, finding 6).

    The cap (``CLASSES_PER_TEACHER``, 40 by default: far above a real timetable) stops one account
    from filling the database with classes and join codes.
    """
    from flask import current_app
    from flask_babel import ngettext

    cap = int(current_app.config.get("CLASSES_PER_TEACHER", 40))
    count = db.session.scalar(
        select(func.count())
        .select_from(SchoolClass)
        .where(SchoolClass.teacher_id == teacher.id, SchoolClass.school_year == school_year)
    )
    if count >= cap:
        raise TooManyClasses(
            ngettext(
                "You already have %(num)d class for %(year)s, the most one teacher may have. "
                "Ask an administrator if you need more.",
                "You already have %(num)d classes for %(year)s, the most one teacher may have. "
                "Ask an administrator if you need more.",
                count,
                year=school_year,
            )
        )
    klass = SchoolClass(
        name=name.strip(),
        teacher_id=teacher.id,
        school_id=school.id,
        school_year=school_year,
        join_code=new_join_code(),
    )
    db.session.add(klass)
    db.session.flush()
    return klass


def regenerate_code(klass: SchoolClass) -> str:
    """Replace a code that leaked; the old one stops working at once, members stay."""
    klass.join_code = new_join_code()
    db.session.flush()
    return klass.join_code


def assignable_courses() -> list[Course]:
    """Courses a class may follow: published, live, and meant for pupils."""
    return list(
        db.session.scalars(
            select(Course)
            .where(Course.published.is_(True), Course.archived_at.is_(None), Course.for_students.is_(True))
            .order_by(Course.programme_id, Course.title)
        )
    )


def assign_course(klass: SchoolClass, course: Course) -> int:
    """Assign the course and enrol every member; return how many members are now enrolled."""
    if course.id not in {c.id for c in assignable_courses()}:
        raise ClassError(_l("This course cannot be assigned to a class."))
    assigned = select(ClassCourse.id).where(
        ClassCourse.class_id == klass.id, ClassCourse.course_id == course.id
    )
    if db.session.scalar(assigned) is None:
        db.session.add(ClassCourse(class_id=klass.id, course_id=course.id))
    members = db.session.scalars(
        select(User).join(ClassMember, ClassMember.user_id == User.id).where(ClassMember.class_id == klass.id)
    ).all()
    for member in members:
        enrol(member, course, source="class")
    db.session.flush()
    return len(members)


def _membership(klass: SchoolClass, user: User) -> tuple:
    return (ClassMember.class_id == klass.id, ClassMember.user_id == user.id)


def may_add_existing(actor: User, klass: SchoolClass, pupil: User) -> bool:
    """Whether ``actor`` may put this existing account in the class without the pupil's code.

    Pupils are minors: a teacher reaches only the pupils of their own school, in a class of that
    school (an admin, those of the class's school). Anyone else joins with the class code, which
    the pupil types themselves. A pupil without a school is nobody's to add.
    """
    if not can_join_class(pupil) or pupil.school_id is None or pupil.school_id != klass.school_id:
        return False
    return manages_every_class(actor) or actor.school_id == klass.school_id


def find_pupil(actor: User, klass: SchoolClass, identifier: str) -> User | None:
    """The pupil with this email address, username or Massar code whom ``actor`` may add, else None.

    None both when no account matches and when one does but is out of reach (another school, not a
    pupil): the caller shows one message for both, so the form tells nothing about other schools.
    """
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    pupil = db.session.scalar(
        select(User).where(
            or_(
                func.lower(User.email) == normalise_email(identifier),
                User.massar_code == normalise_massar(identifier),
            )
        )
    )
    return pupil if pupil is not None and may_add_existing(actor, klass, pupil) else None


def _audit_membership(
    action: Action, actor: User | None, klass: SchoolClass, pupil: User, source: str
) -> None:
    record(
        action,
        actor=actor,
        subject=pupil,
        target=f"class:{klass.id}",
        details={"class": klass.name, "source": source},
    )


def add_member(klass: SchoolClass, user: User, source: str, actor: User | None = None) -> bool:
    """Add a pupil (idempotent) and enrol them in the class's courses; return whether they are new.

    A pupil without a school is recorded at the class's school, so that reports can place them.
    Every addition is audited: who (``actor``; the pupil themselves for a code), which class, whom.
    """
    if not can_join_class(user):
        raise ClassError(_l("Only pupils' accounts can be members of a class."))
    existing = db.session.scalar(select(ClassMember.id).where(*_membership(klass, user)))
    added = False
    if existing is None:
        try:
            with db.session.begin_nested():
                db.session.add(ClassMember(class_id=klass.id, user_id=user.id, source=source))
            added = True
        except IntegrityError:
            added = False  # the same pupil joined twice at once: the first request won
    if added:
        _audit_membership(Action.CLASS_MEMBER_ADDED, actor or user, klass, user, source)
    if user.school_id is None:
        user.school_id = klass.school_id
        reattribute(user)
    courses = db.session.scalars(
        select(Course)
        .join(ClassCourse, ClassCourse.course_id == Course.id)
        .where(ClassCourse.class_id == klass.id)
    ).all()
    for course in courses:
        enrol(user, course, source="class")
    db.session.flush()
    return added


def join_with_code(user: User, code: str) -> tuple[SchoolClass, bool]:
    """Join the class that has this code; return it and whether the pupil was not a member yet."""
    if not can_join_class(user):
        raise ClassError(_l("Only pupils join classes with a code."))
    klass = db.session.scalar(select(SchoolClass).where(SchoolClass.join_code == normalise_join_code(code)))
    if klass is None:
        raise ClassError(_l("No class has this code. Check it with your teacher."))
    if klass.archived:  # read-only, like every other change to it
        raise ClassError(_l("This class is archived: ask your teacher for the code of the current class."))
    return klass, add_member(klass, user, source="code", actor=user)


def remove_member(klass: SchoolClass, user: User, actor: User) -> bool:
    """Take a pupil out of the class (audited); their enrolments and progress stay theirs."""
    removed = db.session.execute(delete(ClassMember).where(*_membership(klass, user))).rowcount
    if removed:
        _audit_membership(Action.CLASS_MEMBER_REMOVED, actor, klass, user, "teacher")
    return bool(removed)
