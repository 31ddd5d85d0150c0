"""Co-teachers: more teachers of one class, with the same rights as the class's own teacher."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Select, UniqueConstraint, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.classes.models import SchoolClass
from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db
from lms.users.models import User


class CoTeacher(db.Model):
    """A teacher who shares a class (a second teacher of the subject, a replacement for the year)."""

    __tablename__ = "class_co_teachers"
    __table_args__ = (UniqueConstraint("class_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


def taught_class_ids(user_id: int) -> Select:
    """Ids of the classes the user teaches (own or shared), as a subquery for ``IN (…)``."""
    return select(SchoolClass.id).where(
        or_(
            SchoolClass.teacher_id == user_id,
            SchoolClass.id.in_(select(CoTeacher.class_id).where(CoTeacher.user_id == user_id)),
        )
    )
