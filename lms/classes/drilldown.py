"""One learner of a class, in one course: every item, every attempt with its score, date and answer."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from lms.courses.models import Course, Item
from lms.exercises.base import ExerciseType
from lms.extensions import db
from lms.learning.models import Attempt
from lms.learning.outline import Outline, build_outline
from lms.users.models import User


@dataclass
class LearnerReport:
    outline: Outline
    #: Item id → attempts, oldest first.
    attempts: dict[int, list[Attempt]]


def learner_report(user: User, course: Course) -> LearnerReport:
    """The learner's outline (five queries) and all their attempts in the course (one query)."""
    attempts: dict[int, list[Attempt]] = {}
    for attempt in db.session.scalars(
        select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.course_id == course.id)
        .order_by(Attempt.item_id, Attempt.number)
    ):
        attempts.setdefault(attempt.item_id, []).append(attempt)
    return LearnerReport(build_outline(user, course, full_items=True), attempts)


def describe_submission(
    item: Item, submission: dict, language: str, state: dict | None = None
) -> list[tuple[str, str]]:
    """The answer as (question, answer) pairs a teacher can read: the item's type describes its own.

    The core never guesses a submission's shape; a type that is not installed any more still
    shows the raw answer, so a teacher never loses sight of it.
    """
    exercise_type = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    config = item.config_in(language)
    if exercise_type is None or config is None:
        return ExerciseType.describe_submission(exercise_type or ExerciseType(), config or {}, submission)
    try:
        # The attempt's own view of the exercise (a quiz's draw from its banks), as it was answered.
        return exercise_type.describe_submission(exercise_type.attempt_config(config, state), submission)
    except Exception:  # a type's bug must not hide the learner's answer from the teacher
        current_app.logger.exception("describe_submission failed for %s", item.exercise_type)
        return ExerciseType.describe_submission(exercise_type, config, submission)
