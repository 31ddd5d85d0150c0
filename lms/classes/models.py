"""A teacher's class: pupils of one school and one school year, and the courses they follow together.

Assigning a course enrols every member (current and future); the enrolment itself belongs to
:mod:`lms.learning`, so leaving a class never erases a pupil's progress.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Select, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.courses.models import Course
from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db
from lms.geo.models import School
from lms.users.models import User


class SchoolClass(db.Model):
    """A class run by one teacher ("class" is a Python keyword, hence the name)."""

    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: As the teacher writes it, in any script ("2ème année Bac SM 1", "الجذع المشترك 3").
    name: Mapped[str] = mapped_column(String(120))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    #: ``2026-2027``: classes are rebuilt every September, so the year is part of what a class is.
    school_year: Mapped[str] = mapped_column(String(9))
    #: What pupils type to join: 8 characters without 0/O/1/I, unique, replaceable if it leaks.
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set when the school year is over: the class is read-only but kept for reports (lms.teaching).
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    teacher: Mapped[User] = relationship()
    school: Mapped[School] = relationship()

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def member_ids(self) -> Select:
        """The members' user ids, as a subquery for ``IN (…)`` (never a list of thousands of ids)."""
        return select(ClassMember.user_id).where(ClassMember.class_id == self.id)

    def __repr__(self) -> str:
        return f"<SchoolClass {self.id} {self.school_year}>"


class ClassMember(db.Model):
    """A pupil in a class; ``source`` says how they came (code, added by the teacher, CSV import)."""

    __tablename__ = "class_members"
    __table_args__ = (UniqueConstraint("class_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: ``code``, ``teacher`` or ``import``.
    source: Mapped[str] = mapped_column(String(16), default="code")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class ClassCourse(db.Model):
    """A course assigned to a class: its members are enrolled in it (source ``class``)."""

    __tablename__ = "class_courses"
    __table_args__ = (UniqueConstraint("class_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    course: Mapped[Course] = relationship()
