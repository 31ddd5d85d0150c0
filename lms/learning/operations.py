"""Write-side verbs of learning: enrol, complete a lesson, submit an exercise.

They change the database (the caller commits), send the progress signals through
:mod:`lms.learning.progress`, and never read the request.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.courses.models import Course, Item
from lms.dbtypes import utcnow
from lms.exercises.registry import ExerciseTypeRegistry
from lms.extensions import db
from lms.learning import progress, signals
from lms.learning.models import Attempt, AttemptStatus, Enrolment
from lms.users.models import User


class LearningError(Exception):
    """The action is refused for a reason the learner should read (translated)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class ItemLocked(LearningError):
    pass


class AttemptsExhausted(LearningError):
    pass


class ExerciseUnavailable(LearningError):
    pass


def find_enrolment(user: User, course: Course) -> Enrolment | None:
    return db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )


def enrol(user: User, course: Course, source: str = "self") -> Enrolment:
    """Enrol the learner (idempotent: enrolling twice returns the first enrolment)."""
    existing = find_enrolment(user, course)
    if existing is not None:
        return existing
    try:
        with db.session.begin_nested():
            enrolment = Enrolment(user_id=user.id, course_id=course.id, source=source)
            db.session.add(enrolment)
    except IntegrityError:
        enrolment = find_enrolment(user, course)
    return enrolment


def enrolments_for(user: User, course_ids: list[int]) -> list[Enrolment]:
    if not course_ids:
        return []
    return list(
        db.session.scalars(
            select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id.in_(course_ids))
        )
    )


def content_language(course: Course, ui_language: str) -> str:
    """The language a learner reads the course in: the interface's when the course has it, else its own."""
    if ui_language in course.content_languages:
        return ui_language
    return course.language


def mark_lesson_done(user: User, item: Item) -> bool:
    """Complete a lesson on the learner's explicit request; return whether it was newly completed."""
    if not item.is_lesson:
        raise LearningError(_l("Only lessons are marked as done; exercises are completed by passing them."))
    _refuse_if_locked(user, item)
    return progress.complete_item(user, item)


def submit_exercise(
    user: User, item: Item, submission: dict, registry: ExerciseTypeRegistry, language: str
) -> Attempt:
    """Record a submission within the attempts policy, and grade it now unless it needs the sandbox.

    Sandbox-graded attempts are left ``queued``: the caller commits, then hands the id to
    :func:`lms.grading.queue.enqueue`. Nothing counts as passed until a grading run says so.
    """
    exercise_type = registry.get(item.exercise_type or "")
    config = item.config_in(language)
    if exercise_type is None or config is None:
        raise ExerciseUnavailable(_l("This kind of exercise is not available on this server."))
    _refuse_if_locked(user, item)
    row = progress.item_progress(user, item)
    number = progress.claim_attempt(row, int(config.get("max_attempts") or 0))
    if number is None:
        raise AttemptsExhausted(_l("You have used all the attempts allowed for this exercise."))
    now = utcnow()
    attempt = Attempt(
        user_id=user.id,
        item_id=item.id,
        course_id=item.course_id,
        number=number,
        submission=submission,
        content_version=item.content_version,
        submitted_at=now,
        details={"language": language},
        feedback=[],
    )
    if exercise_type.needs_sandbox:
        attempt.status = AttemptStatus.QUEUED
        db.session.add(attempt)
        progress.record_visit(user, item)
        db.session.flush()
        return attempt
    result = exercise_type.grade(config, submission)
    attempt.status = AttemptStatus.GRADED
    attempt.score, attempt.passed = result.score, result.passed
    attempt.feedback, attempt.details = result.feedback, {**result.details, "language": language}
    attempt.graded_at = now
    db.session.add(attempt)
    db.session.flush()
    progress.record_score(user, item, row, result.score, result.passed)
    signals.attempt_recorded.send(user, attempt=attempt)
    return attempt


def _refuse_if_locked(user: User, item: Item) -> None:
    if progress.unit_is_locked(user, item.unit):
        raise ItemLocked(_l("Complete the previous units first: this one is still locked."))
