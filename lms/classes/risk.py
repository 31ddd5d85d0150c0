"""Who may be stuck, and why: three rules a teacher can check by hand, each shown with its reason.

- **inactive**: nothing done in the course for ``inactive_days`` days (14 by default), counted from the
  last activity, or from enrolment or joining for a learner who never started;
- **failing**: three or more graded attempts on one exercise, none of them passed;
- **behind**: progress more than 30 points under the class median.

A learner who completed the course is never at risk. One grouped query, whatever the class size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import case, func, select

from lms.courses.models import Course, Item
from lms.extensions import db
from lms.learning.models import Attempt, AttemptStatus

if TYPE_CHECKING:
    from lms.classes.heatmap import Learner
    from lms.classes.models import SchoolClass

FAILURES = 3
BEHIND_BY = 30


@dataclass(frozen=True)
class Risk:
    #: ``inactive``, ``failing`` or ``behind``.
    kind: str
    days: int = 0
    attempts: int = 0
    item: Item | None = None
    percent: int = 0
    median: int = 0

    def describe(self, language: str) -> str:
        """The reason, in the reader's language (called while rendering)."""
        if self.kind == "inactive":
            return _("No activity for %(days)s days", days=self.days)
        if self.kind == "failing":
            title = self.item.title_in(language) if self.item else ""
            return _(
                "%(count)s failed attempts on “%(item)s” without a pass", count=self.attempts, item=title
            )
        return _(
            "Progress %(percent)s%%, %(gap)s points under the class median (%(median)s%%)",
            percent=self.percent,
            gap=self.median - self.percent,
            median=self.median,
        )


def _failures(klass: SchoolClass, course: Course) -> dict[int, list[tuple[Item, int]]]:
    rows = db.session.execute(
        select(Attempt.user_id, Item, func.count(Attempt.id))
        .join(Item, Attempt.item_id == Item.id)
        .where(
            Attempt.course_id == course.id,
            Attempt.status == AttemptStatus.GRADED,
            Attempt.user_id.in_(klass.member_ids()),
        )
        .group_by(Attempt.user_id, Item.id)
        .having(
            func.count(Attempt.id) >= FAILURES,
            func.sum(case((Attempt.passed.is_(True), 1), else_=0)) == 0,
        )
        .order_by(Attempt.user_id, Item.position)
    ).all()
    found: dict[int, list[tuple[Item, int]]] = {}
    for user_id, item, count in rows:
        found.setdefault(user_id, []).append((item, count))
    return found


def assess(
    learners: list[Learner],
    klass: SchoolClass,
    course: Course,
    now: datetime,
    inactive_days: int,
    median: int | None,
) -> None:
    """Set ``risks`` on each learner."""
    failures = _failures(klass, course)
    for learner in learners:
        if learner.status == "completed":
            continue
        idle = (now - (learner.last_activity or learner.since)).days
        if idle >= inactive_days:
            learner.risks.append(Risk("inactive", days=idle))
        for item, count in failures.get(learner.user_id, []):
            learner.risks.append(Risk("failing", attempts=count, item=item))
        if median is not None and learner.percent < median - BEHIND_BY:
            learner.risks.append(Risk("behind", percent=learner.percent, median=median))
