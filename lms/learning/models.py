"""A learner's state: enrolments, per-item progress, per-unit completion, and every attempt.

Scopes (as in XBlock): course content is shared (lms.courses), these rows belong to one learner, and
reports aggregate them. Completion is written by :mod:`lms.learning.progress` in the same transaction
as the event that caused it, never by a later job.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.courses.models import Course, Item, Unit
from lms.dbtypes import StorableJSON, UTCDateTime, at_least, fraction, one_of, utcnow
from lms.extensions import db
from lms.users.models import User


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class ItemStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class AttemptStatus(enum.StrEnum):
    #: Waiting for a grading worker (code exercises).
    QUEUED = "queued"
    RUNNING = "running"
    GRADED = "graded"
    #: Could not be graded (sandbox unavailable, worker lost after retries); never counts as passed.
    ERROR = "error"


class Enrolment(db.Model):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: ``self`` (the learner enrolled) or ``class`` (through a teacher's class).
    source: Mapped[str] = mapped_column(String(16), default="self")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: Set once, when every unit is completed; a later re-sync never clears it.
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The item the learner opened last: where "Continue" goes back to.
    last_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="SET NULL"), nullable=True
    )

    user: Mapped[User] = relationship()
    course: Mapped[Course] = relationship()


class ItemProgress(db.Model):
    __tablename__ = "item_progress"
    __table_args__ = (
        UniqueConstraint("user_id", "item_id"),
        Index("ix_item_progress_course_user", "course_id", "user_id"),
        one_of("status", [status.value for status in ItemStatus]),
        fraction("best_score"),
        at_least("attempts", 0),
        at_least("time_spent_seconds", 0),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    #: Denormalised from the item so one query gets a learner's whole course.
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    status: Mapped[ItemStatus] = mapped_column(
        _enum(ItemStatus, "item_status"), default=ItemStatus.NOT_STARTED
    )
    best_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: Attempts used (graded or queued); the attempts policy is checked against this with an atomic update.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The attempt the learner has started and not yet submitted, when its type keeps a state or a clock:
    #: ``{"state": <the type's new_state()>, "opened_at": ISO time, "content_version": int}``.
    open_attempt: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    #: Seconds the item's page was in view with the learner active (reported by the page; see
    #: docs/learning.md, "Time spent"): an honest lower bound, never a guess from timestamps.
    time_spent_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    item: Mapped[Item] = relationship()


class UnitProgress(db.Model):
    __tablename__ = "unit_progress"
    __table_args__ = (
        UniqueConstraint("user_id", "unit_id"),
        Index("ix_unit_progress_course_user", "course_id", "user_id"),
        fraction("score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    #: Weighted mean of the best scores of the unit's graded items, 0..1 (None before any grade).
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: Set once, when every required item is completed; a later re-sync never clears it.
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    unit: Mapped[Unit] = relationship()


class Attempt(db.Model):
    """One submission to an exercise, graded or waiting to be, kept forever with the content version."""

    __tablename__ = "attempts"
    __table_args__ = (
        Index("ix_attempts_user_item", "user_id", "item_id"),
        Index("ix_attempts_status", "status"),
        one_of("status", [status.value for status in AttemptStatus]),
        fraction("score"),
        at_least("number", 1),
        at_least("tries", 0),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: 1, 2, … per learner and item.
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[AttemptStatus] = mapped_column(
        _enum(AttemptStatus, "attempt_status"), default=AttemptStatus.GRADED
    )
    submission: Mapped[dict] = mapped_column(JSON)
    #: The open attempt this submission closed (its type's state, e.g. the questions drawn, and its start),
    #: so the review and any regrading see what the learner saw. None: the type keeps no state.
    state: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool | None] = mapped_column(nullable=True)
    #: Safe to show the learner (built by the exercise type).
    feedback: Mapped[list] = mapped_column(StorableJSON, default=list)
    #: For staff only.
    details: Mapped[dict] = mapped_column(StorableJSON, default=dict)
    #: The item's content version when submitted, so a later edit never rewrites history.
    content_version: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When a worker claimed the grading; a claim older than the lease is taken to be a dead worker.
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: Grading runs started for this attempt (a killed worker's run is retried, up to a limit).
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Why grading failed, for admins (never shown to the learner verbatim).
    error: Mapped[str | None] = mapped_column(Text, nullable=True)

    item: Mapped[Item] = relationship()
    user: Mapped[User] = relationship()


class Draft(db.Model):
    """Work typed on an exercise and not submitted yet (code, answers), one per learner and item.

    Saved by the page as the learner types, so a closed tab, an expired session or a lost connection
    never loses it; a submission keeps its own copy in its attempt, the draft stays until replaced.
    """

    __tablename__ = "learner_drafts"
    __table_args__ = (UniqueConstraint("user_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    #: The form's fields as posted (name -> text, or list of texts for multiple choices).
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
