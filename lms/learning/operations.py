"""Write-side verbs of learning: enrol, complete a lesson, submit an exercise.

They change the database (the caller commits), send the progress signals through
:mod:`lms.learning.progress`, and never read the request.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.courses.models import Course, Item
from lms.dbtypes import utcnow
from lms.exercises.base import ExerciseType, GradeResult, ReviewContext
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


class BlankSubmission(LearningError):
    pass


class NotStarted(LearningError):
    pass


#: A timed attempt's answers arriving this long after the time limit are still graded (a slow school
#: network, the page's own automatic submission at zero); later ones are recorded, with a score of 0.
TIME_LIMIT_GRACE = timedelta(seconds=30)


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


def item_language(course: Course, item: Item, ui_language: str) -> str:
    """The language one item is read in: the course's content language, unless that translation has no
    text of its own for this lesson (a course translated in part), so French is never shown right to left.
    """
    language = content_language(course, ui_language)
    if item.is_lesson and language != course.language and item.body_in(language) == (item.body or ""):
        return course.language
    return language


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
    now = utcnow()
    limit = exercise_type.time_limit(config)
    opened = current_open_attempt(row, item)
    if opened is None and limit:
        raise NotStarted(_l("Start the exercise first: its time limit counts from when you start."))
    if opened is None:  # a page older than the content, or another tab: a fresh draw, as the page would make
        opened = open_attempt(user, item, exercise_type, config, start=True, row=row)
    seconds_late = _seconds_late(opened, limit, now)
    config = exercise_type.attempt_config(config, (opened or {}).get("state"))
    if not seconds_late and exercise_type.is_blank(config, submission):
        raise BlankSubmission(_l("Your answer is empty: nothing was sent, and it did not use an attempt."))
    number = progress.claim_attempt(row, int(config.get("max_attempts") or 0))
    if number is None:
        raise AttemptsExhausted(_l("You have used all the attempts allowed for this exercise."))
    attempt = Attempt(
        user_id=user.id,
        item_id=item.id,
        course_id=item.course_id,
        number=number,
        submission=submission,
        state=opened,
        content_version=item.content_version,
        submitted_at=now,
        details={"language": language},
        feedback=[],
    )
    row.open_attempt = None
    if seconds_late:  # recorded, so the clock cannot be restarted for free; kept for the teacher to read
        late = {"late": True, "seconds_late": seconds_late, "time_limit": limit}
        return _record(user, item, row, attempt, GradeResult(0.0, False, [], late), language, now)
    if exercise_type.needs_sandbox:
        attempt.status = AttemptStatus.QUEUED
        db.session.add(attempt)
        progress.record_visit(user, item)
        db.session.flush()
        return attempt
    return _record(user, item, row, attempt, exercise_type.grade(config, submission), language, now)


def _record(
    user: User, item: Item, row, attempt: Attempt, result: GradeResult, language: str, now: datetime
) -> Attempt:
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


def current_open_attempt(row: Any, item: Item) -> dict[str, Any] | None:
    """The learner's started, unsubmitted attempt on the item's current content (None: none)."""
    opened = getattr(row, "open_attempt", None)
    if isinstance(opened, dict) and opened.get("content_version") == item.content_version:
        return opened
    return None


def open_attempt(
    user: User, item: Item, exercise_type: ExerciseType, config: dict, *, start: bool, row: Any = None
) -> dict[str, Any] | None:
    """Return the open attempt, opening one if the type keeps a state, or on ``start`` if it is timed.

    A timed exercise starts only when the learner asks (opening the page starts no clock). The
    caller commits.
    """
    row = row or progress.item_progress(user, item)
    opened = current_open_attempt(row, item)
    if opened is not None:
        return opened
    limit = exercise_type.time_limit(config)
    if limit and not start:
        return None
    state = exercise_type.new_state(config, random.SystemRandom())
    if state is None and not limit:
        return None
    row.open_attempt = {
        "state": state,
        "opened_at": utcnow().isoformat(),
        "content_version": item.content_version,
    }
    return row.open_attempt


def deadline(opened: dict[str, Any] | None, limit: int | None) -> datetime | None:
    """When an open attempt's time is up (None: not timed)."""
    if not opened or not limit:
        return None
    try:
        started = datetime.fromisoformat(str(opened.get("opened_at")))
    except ValueError:
        return None
    return started + timedelta(seconds=limit)


def _seconds_late(opened: dict[str, Any] | None, limit: int | None, now: datetime) -> int:
    """Seconds past the time limit and its grace (0: in time, or not timed)."""
    ends = deadline(opened, limit)
    if ends is None or now <= ends + TIME_LIMIT_GRACE:
        return 0
    return max(1, int((now - ends).total_seconds()))


def expire_open_attempt(user: User, item: Item, registry: ExerciseTypeRegistry, language: str) -> bool:
    """Close a timed attempt whose time ran out unsubmitted: an attempt answered with nothing, scoring 0.

    Return whether one was closed. Without it, a learner could read the questions, let the time run
    out and start again with a fresh clock. The caller commits.
    """
    exercise_type = registry.get(item.exercise_type or "")
    config = item.config_in(language)
    if exercise_type is None or config is None:
        return False
    row = progress.item_progress(user, item)
    opened = current_open_attempt(row, item)
    if not _seconds_late(opened, exercise_type.time_limit(config), utcnow()):
        return False
    try:
        submit_exercise(user, item, {}, registry, language)
    except LearningError:
        row.open_attempt = None  # no attempt left to record it on: the clock stops all the same
    return True


def review_context(
    user: User, item: Item, attempts: list[Attempt], attempts_left: int | None
) -> ReviewContext:
    """What a type's review policy may depend on: attempts used, a pass, the learner's due date."""
    from lms.assignments.queries import pupil_assignments

    dues = [
        assignment.due_at
        for assignment, _klass in pupil_assignments(user)
        if assignment.due_at is not None and assignment.covers(item)
    ]
    return ReviewContext(
        attempts_used=len(attempts),
        attempts_left=attempts_left,
        passed=any(a.passed for a in attempts),
        due_passed=bool(dues) and max(dues) <= utcnow(),
    )
