"""One learner of a class, in one course: every item, every attempt with its score, date and answer."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from lms.courses.models import Course, Item
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


def describe_submission(item: Item, submission: dict, language: str) -> list[tuple[str, str]]:
    """The answer as (question, answer) pairs a teacher can read, whatever the exercise type."""
    if "answers" in submission:
        config = item.config_in(language) or {}
        answers = submission.get("answers") or {}
        pairs = []
        for question in config.get("questions", []):
            given = answers.get(question.get("id"))
            choices = {c.get("id"): c.get("text", "") for c in question.get("choices", [])}
            values = given if isinstance(given, list) else [given] if given not in (None, "") else []
            shown = ", ".join(str(choices.get(v, v)) for v in values)
            pairs.append((str(question.get("text", question.get("id", ""))), shown or _("(no answer)")))
        return pairs
    if "code" in submission:
        return [(_("Code"), str(submission["code"]))]
    if "text" in submission:
        return [(_("Answer"), str(submission["text"]))]
    return [(_("Answer"), ", ".join(f"{k}: {v}" for k, v in submission.items()))]
