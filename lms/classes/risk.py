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
from flask_babel import ngettext
from sqlalchemy import case, func, select

from lms.courses.models import Course, Item
from lms.extensions import db
from lms.learning.models import Attempt, AttemptStatus
from lms.learning.structure import ItemInfo, structure_of

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
    item: ItemInfo | Item | None = None
    percent: int = 0
    median: int = 0

    def describe(self, language: str) -> str:
        """The reason, in the reader's language (called while rendering)."""
        if self.kind == "inactive":
            return ngettext("No activity for %(num)d day", "No activity for %(num)d days", self.days)
        if self.kind == "failing":
            title = self.item.title_in(language) if self.item else ""
            return ngettext(
                "%(num)d failed attempt on “%(item)s” without a pass",
                "%(num)d failed attempts on “%(item)s” without a pass",
                self.attempts,
                item=title,
            )
        return _(
            "Progress %(percent)s%%, %(gap)s points under the class median (%(median)s%%)",
            percent=self.percent,
            gap=self.median - self.percent,
            median=self.median,
        )


def _failures(klass: SchoolClass, course: Course) -> dict[int, list[tuple[ItemInfo | Item, int]]]:
    rows = db.session.execute(
        select(Attempt.user_id, Attempt.item_id, func.count(Attempt.id))
        .where(
            Attempt.course_id == course.id,
            Attempt.status == AttemptStatus.GRADED,
            Attempt.user_id.in_(klass.member_ids()),
        )
        .group_by(Attempt.user_id, Attempt.item_id)
        .having(
            func.count(Attempt.id) >= FAILURES,
            func.sum(case((Attempt.passed.is_(True), 1), else_=0)) == 0,
        )
    ).all()
    # Titles come from the course's shared structure; an item archived since is read with the rest of
    # its kind in one query (rare), never one by one.
    structure = structure_of(course)
    missing = {item_id for _, item_id, _ in rows if structure.item(item_id) is None}
    archived = (
        {item.id: item for item in db.session.scalars(select(Item).where(Item.id.in_(missing)))}
        if missing
        else {}
    )
    order = {item.id: index for index, item in enumerate(structure.items)}
    found: dict[int, list[tuple[ItemInfo | Item, int]]] = {}
    for user_id, item_id, count in sorted(rows, key=lambda r: (r[0], order.get(r[1], len(order)), r[1])):
        item = structure.item(item_id) or archived.get(item_id)
        if item is not None:
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
