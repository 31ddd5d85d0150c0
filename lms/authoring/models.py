"""Drafts being edited and the history of what each publish changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.courses.models import Course
from lms.dbtypes import UTCDateTime, one_of, utcnow
from lms.extensions import db
from lms.users.models import User

#: What a revision records (``CourseRevision.action``).
REVISION_ACTIONS = ("published", "unpublished")


class CourseDraft(db.Model):
    """The working copy of one course; learners never see it until it is published."""

    __tablename__ = "course_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), unique=True)
    #: The course as plain data (see :func:`lms.courses.export.course_document`), plus each code
    #: exercise's last validation under ``items[…]["validation"]``.
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Set by every edit (not by a validation run), so "changed since publish" is one comparison.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)

    course: Mapped[Course] = relationship()


class CourseRevision(db.Model):
    """One publish or unpublish: who, when, which version, and what changed."""

    __tablename__ = "course_revisions"
    __table_args__ = (one_of("action", REVISION_ACTIONS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: ``published`` or ``unpublished``
    action: Mapped[str] = mapped_column(String(16))
    #: The content version after this action.
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: ``{"added": [...], "changed": [...], "archived": [...], "restored": [...]}`` item slugs.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()
