"""Write-side verbs of the gradebook: comment, override a grade, reset attempts, review a reflection.

Grades flow into progress through :func:`lms.learning.progress.regrade`, the same rules as grading;
overrides and resets are audited. The caller commits, then mails the returned notifications.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from lms.audit.operations import Action, record
from lms.courses.models import Item
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.gradebook.models import AttemptComment, GradeOverride, Review
from lms.learning import progress
from lms.learning.models import Attempt, AttemptStatus, ItemProgress
from lms.notifications.models import Notification
from lms.notifications.operations import notify, titles_of
from lms.users.models import User

COMMENT_MAX = 4000
REASON_MAX = 500


class GradebookError(Exception):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def _link(attempt: Attempt) -> str:
    return f"/notifications/feedback#attempt-{attempt.id}"


def comment(attempt: Attempt, author: User, body: str, review: Review = Review.COMMENT) -> list[Notification]:
    """Leave feedback on the attempt; the pupil is notified."""
    body = (body or "").strip()
    if not body:
        raise GradebookError(_l("Write your comment first."))
    if len(body) > COMMENT_MAX:
        raise GradebookError(_l("A comment must be at most %(max)d characters long.", max=COMMENT_MAX))
    db.session.add(AttemptComment(attempt_id=attempt.id, author_id=author.id, body=body, review=review))
    db.session.flush()
    kind = {Review.COMMENT: "feedback", Review.ACCEPTED: "accepted", Review.REDO: "redo"}[review]
    return notify(
        [attempt.user_id], kind, {"title": titles_of(attempt.item), "attempt": attempt.id}, _link(attempt)
    )


def pass_mark(item: Item) -> float:
    """The score at which an attempt counts as passed: the quiz's pass mark, else a full score."""
    config = item.config or {}
    mark = config.get("pass_mark")
    return float(mark) if isinstance(mark, int | float) and 0 < mark <= 1 else 1.0


def override(attempt: Attempt, actor: User, percent: float | None, reason: str) -> list[Notification]:
    """Replace the attempt's grade (0–100 %) for a stated reason: audited, then applied to progress."""
    reason = (reason or "").strip()
    if not reason:
        raise GradebookError(_l("Give the reason for changing this grade."))
    if len(reason) > REASON_MAX:
        raise GradebookError(_l("The reason must be at most %(max)d characters long.", max=REASON_MAX))
    if percent is None or not 0 <= percent <= 100:
        raise GradebookError(_l("The grade must be a number from 0 to 100."))
    if attempt.status in (AttemptStatus.QUEUED, AttemptStatus.RUNNING):
        raise GradebookError(_l("This attempt is still being graded: wait for its result."))
    score = round(percent / 100, 4)
    passed = score >= pass_mark(attempt.item) - 1e-9
    return _regrade(attempt, actor, score, passed, reason, notify_kind="grade")


def _regrade(
    attempt: Attempt, actor: User, score: float, passed: bool, reason: str, notify_kind: str | None
) -> list[Notification]:
    before = {"score": attempt.score, "passed": attempt.passed, "status": attempt.status.value}
    db.session.add(
        GradeOverride(
            attempt_id=attempt.id,
            actor_id=actor.id,
            score_before=attempt.score,
            score_after=score,
            passed_before=attempt.passed,
            passed_after=passed,
            reason=reason,
        )
    )
    attempt.score, attempt.passed = score, passed
    if attempt.status is not AttemptStatus.GRADED:
        attempt.status = AttemptStatus.GRADED
        attempt.graded_at = utcnow()
    pupil = attempt.user
    item = attempt.item
    row = progress.item_progress(pupil, item)
    db.session.flush()
    progress.regrade(pupil, item, row, passed)
    record(
        Action.GRADE_OVERRIDDEN,
        actor=actor,
        subject=pupil,
        target=f"attempt:{attempt.id}",
        details={
            "course": item.course.slug,
            "item": item.slug,
            "before": before,
            "after": {"score": score, "passed": passed},
            "reason": reason,
        },
    )
    if notify_kind is None:
        return []
    return notify(
        [pupil.id],
        notify_kind,
        {"title": titles_of(item), "score": round(score * 100), "attempt": attempt.id},
        _link(attempt),
    )


def reset_attempts(pupil: User, item: Item, actor: User) -> int:
    """Give the pupil their attempts on the item back (history kept); return how many were used."""
    row = db.session.scalar(
        select(ItemProgress).where(ItemProgress.user_id == pupil.id, ItemProgress.item_id == item.id)
    )
    if row is None or not row.attempts:
        raise GradebookError(_l("This pupil has no attempt to reset on this item."))
    used = row.attempts
    row.attempts = 0
    record(
        Action.ATTEMPTS_RESET,
        actor=actor,
        subject=pupil,
        target=f"item:{item.course.slug}/{item.slug}",
        details={"attempts_before": used},
    )
    db.session.flush()
    return used


def review_reflection(
    attempt: Attempt,
    actor: User,
    accept: bool,
    body: str,
    levels: dict[str, int] | None = None,
    language: str = "fr",
) -> list[Notification]:
    """Accept a reflection (it counts as done) or ask for it again (attempts given back), with a comment.

    When the exercise declares a rubric, accepting needs a level for every criterion: the score is
    the type's (``review_result``) and the levels are kept on the attempt, where the pupil reads them.
    """
    kind = current_app.extensions["exercise_types"].get(attempt.item.exercise_type or "")
    if kind is None or not kind.reviewed_by_teacher:
        raise GradebookError(_l("Only written reflections are reviewed."))
    if not (body or "").strip():
        raise GradebookError(_l("Write your comment first."))
    config = attempt.item.config_in(language) or {}
    rubric = kind.review_criteria(config) if accept else []
    if rubric:
        try:
            score, entry = kind.review_result(config, levels or {})
        except ValueError:
            raise GradebookError(_l("Choose a level for every criterion of the rubric.")) from None
    made = comment(attempt, actor, body, Review.ACCEPTED if accept else Review.REDO)
    if rubric:
        attempt.feedback = [f for f in (attempt.feedback or []) if f.get("kind") != entry["kind"]] + [entry]
        _regrade(attempt, actor, score, True, str(_l("Rubric applied by the teacher")), notify_kind=None)
    elif accept:
        if not attempt.passed:
            _regrade(
                attempt, actor, 1.0, True, str(_l("Reflection accepted by the teacher")), notify_kind=None
            )
    else:
        row = progress.item_progress(attempt.user, attempt.item)
        row.attempts = 0
        db.session.flush()
    return made
