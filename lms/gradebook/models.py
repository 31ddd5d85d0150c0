"""What teachers add to pupils' attempts: comments, grade overrides and reflection reviews.

The attempt itself keeps the grade that counts (an override rewrites ``Attempt.score``); the override
row keeps the grade before, the grade after, who and why, next to the audit entry.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db
from lms.learning.models import Attempt
from lms.users.models import User


class Review(enum.StrEnum):
    #: A comment only.
    COMMENT = "comment"
    #: A reflection read and accepted: the item counts as done.
    ACCEPTED = "accepted"
    #: A reflection to write again; the pupil's attempts on the item are given back.
    REDO = "redo"


class AttemptComment(db.Model):
    """A teacher's feedback on one attempt, shown to the pupil."""

    __tablename__ = "attempt_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    review: Mapped[Review] = mapped_column(
        Enum(
            Review,
            name="attempt_review",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=Review.COMMENT,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship()
    attempt: Mapped[Attempt] = relationship()


class GradeOverride(db.Model):
    """A teacher replaced the grade of an attempt: before, after, who, when and why."""

    __tablename__ = "grade_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    score_before: Mapped[float | None] = mapped_column(Float, nullable=True)
    score_after: Mapped[float] = mapped_column(Float)
    passed_before: Mapped[bool | None] = mapped_column(nullable=True)
    passed_after: Mapped[bool] = mapped_column()
    reason: Mapped[str] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User] = relationship()
