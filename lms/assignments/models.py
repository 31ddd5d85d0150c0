"""An assignment: what (a course, one of its units or one item), to whom (the class or chosen pupils), by when.

Due dates are chosen in Morocco's local time (Africa/Casablanca) and stored in UTC. Late work is
accepted and marked late: a due date never locks anything.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.classes.models import SchoolClass
from lms.courses.models import Course, Item, Unit
from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db
from lms.users.models import User


class Assignment(db.Model):
    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_class_course", "class_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: Set for a unit (``item_id`` None) or an item (both set); neither for the whole course.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), nullable=True)
    #: True: every member, including pupils who join later; False: the pupils in AssignmentPupil.
    whole_class: Mapped[bool] = mapped_column(default=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school_class: Mapped[SchoolClass] = relationship()
    course: Mapped[Course] = relationship()
    unit: Mapped[Unit | None] = relationship()
    item: Mapped[Item | None] = relationship()

    def title_in(self, language: str) -> str:
        """What is assigned, in the reader's language."""
        target = self.item or self.unit or self.course
        return target.title_in(language)

    @property
    def scope(self) -> str:
        """``course``, ``unit`` or ``item``."""
        return "item" if self.item_id else "unit" if self.unit_id else "course"

    def covers(self, item: Item) -> bool:
        """Whether ``item`` is part of the assigned work."""
        if self.item_id is not None:
            return item.id == self.item_id
        if self.unit_id is not None:
            return item.unit_id == self.unit_id
        return item.course_id == self.course_id


class AssignmentPupil(db.Model):
    """One chosen pupil of an assignment that is not for the whole class."""

    __tablename__ = "assignment_pupils"
    __table_args__ = (UniqueConstraint("assignment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    user: Mapped[User] = relationship()
