"""The gradebook's read model: learners × items of one course, in a fixed number of queries.

Every query covers the whole class at once (``IN`` a subquery of the members, GROUP BY where counts are
needed): 40 pupils × 60 items cost the same queries as 5 × 5. Totals are the progress module's: a
unit's total is its ``UnitProgress.score``, the course total the same weighted mean over every graded
item (:func:`lms.learning.progress.weighted_score`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select

from lms.assignments.models import Assignment
from lms.assignments.queries import chosen_pupils, class_assignments, due_dates, pupils_of
from lms.classes.models import ClassMember, SchoolClass
from lms.courses.models import Course, Item, Unit
from lms.extensions import db
from lms.gradebook.models import GradeOverride
from lms.learning.models import Attempt, ItemProgress, ItemStatus, UnitProgress
from lms.learning.progress import weighted_score
from lms.users.models import User

SORTS = ("name", "total")


class Cell(NamedTuple):
    """One learner × item: a tuple, so that a 40 × 60 grid's 2,400 cells cost next to nothing."""

    status: str = "not_started"
    score: float | None = None
    attempts: int = 0
    #: Work handed in (or completed) after the due date.
    late: bool = False
    #: Not done and the due date has passed.
    overdue: bool = False
    due: datetime | None = None
    overridden: bool = False

    @property
    def percent(self) -> int | None:
        return None if self.score is None else round(self.score * 100)


@dataclass
class Column:
    unit: Unit
    items: list[Item]


@dataclass
class Row:
    user_id: int
    name: str
    cells: list[Cell] = field(default_factory=list)
    #: Unit id → the unit's score (0..1) or None.
    unit_totals: dict[int, float | None] = field(default_factory=dict)
    total: float | None = None

    @staticmethod
    def percent(value: float | None) -> int | None:
        return None if value is None else round(value * 100)


@dataclass
class Gradebook:
    course: Course
    columns: list[Column]
    items: list[Item]
    rows: list[Row]
    assignment: Assignment | None
    sort: str
    descending: bool

    @property
    def late_count(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.late)


def _items(course: Course, assignment: Assignment | None) -> tuple[list[Column], list[Item]]:
    pairs = db.session.execute(
        select(Unit, Item)
        .join(Item, Item.unit_id == Unit.id)
        .where(Unit.course_id == course.id, Unit.archived_at.is_(None), Item.archived_at.is_(None))
        .order_by(Unit.position, Item.position)
    ).all()
    columns: list[Column] = []
    items: list[Item] = []
    for unit, item in pairs:
        if assignment is not None and not assignment.covers(item):
            continue
        if not columns or columns[-1].unit.id != unit.id:
            columns.append(Column(unit, []))
        columns[-1].items.append(item)
        items.append(item)
    return columns, items


def _members(klass: SchoolClass) -> list[tuple[int, str]]:
    return [
        (uid, name)
        for uid, name in db.session.execute(
            select(User.id, User.display_name)
            .join(ClassMember, ClassMember.user_id == User.id)
            .where(ClassMember.class_id == klass.id)
        )
    ]


def gradebook(
    klass: SchoolClass,
    course: Course,
    now: datetime,
    *,
    assignment: Assignment | None = None,
    sort: str = "name",
    descending: bool = False,
) -> Gradebook:
    """Everything the gradebook page and its CSV show (eight queries, whatever the size)."""
    columns, items = _items(course, assignment)
    members = _members(klass)
    assignments = class_assignments(klass, course)
    if assignment is not None:
        keep = pupils_of(assignment, (uid for uid, _ in members), chosen_pupils([assignment]))
        members = [(uid, name) for uid, name in members if uid in keep]
    member_ids = klass.member_ids()
    progress = {
        (r.user_id, r.item_id): r
        for r in db.session.execute(
            select(
                ItemProgress.user_id,
                ItemProgress.item_id,
                ItemProgress.status,
                ItemProgress.best_score,
                ItemProgress.attempts,
                ItemProgress.completed_at,
            ).where(ItemProgress.course_id == course.id, ItemProgress.user_id.in_(member_ids))
        )
    }
    last_attempt = {
        (uid, iid): last
        for uid, iid, last in db.session.execute(
            select(Attempt.user_id, Attempt.item_id, func.max(Attempt.submitted_at))
            .where(Attempt.course_id == course.id, Attempt.user_id.in_(member_ids))
            .group_by(Attempt.user_id, Attempt.item_id)
        )
    }
    overridden = set(
        db.session.execute(
            select(Attempt.user_id, Attempt.item_id)
            .join(GradeOverride, GradeOverride.attempt_id == Attempt.id)
            .where(Attempt.course_id == course.id, Attempt.user_id.in_(member_ids))
            .distinct()
        ).all()
    )
    unit_scores = {
        (uid, unit_id): score
        for uid, unit_id, score in db.session.execute(
            select(UnitProgress.user_id, UnitProgress.unit_id, UnitProgress.score).where(
                UnitProgress.course_id == course.id, UnitProgress.user_id.in_(member_ids)
            )
        )
    }
    due = due_dates(assignments, [uid for uid, _ in members], items)
    rows = []
    facts = [(item.id, item.is_lesson, item.weight) for item in items]
    for uid, name in members:
        row = Row(uid, name)
        graded = []
        for item_id, is_lesson, weight in facts:
            p = progress.get((uid, item_id))
            when_due = due.get((uid, item_id))
            status = p.status.value if p is not None else ItemStatus.NOT_STARTED.value
            done_at = p.completed_at if p is not None else None
            handed_in = last_attempt.get((uid, item_id))
            late = when_due is not None and (
                (done_at is not None and done_at > when_due)
                or (done_at is None and handed_in is not None and handed_in > when_due)
            )
            overdue = when_due is not None and done_at is None and when_due < now and not late
            score = p.best_score if p is not None else None
            if score is not None and not is_lesson:
                graded.append((weight, score))
            row.cells.append(
                Cell(
                    status,
                    score,
                    p.attempts if p is not None else 0,
                    late,
                    overdue,
                    when_due,
                    (uid, item_id) in overridden,
                )
            )
        row.unit_totals = {c.unit.id: unit_scores.get((uid, c.unit.id)) for c in columns}
        row.total = weighted_score(graded)
        rows.append(row)
    rows.sort(key=lambda r: (r.name.casefold(), r.user_id))
    if sort == "total":
        scored = sorted((r for r in rows if r.total is not None), key=lambda r: r.total or 0.0)
        unscored = [r for r in rows if r.total is None]
        rows = (scored[::-1] if descending else scored) + unscored
    elif sort.startswith("unit-") and sort[5:].isdigit():
        unit_id = int(sort[5:])
        scored = sorted(
            (r for r in rows if r.unit_totals.get(unit_id) is not None),
            key=lambda r: r.unit_totals.get(unit_id) or 0.0,
        )
        unscored = [r for r in rows if r.unit_totals.get(unit_id) is None]
        rows = (scored[::-1] if descending else scored) + unscored
    elif descending:
        rows.reverse()
    return Gradebook(course, columns, items, rows, assignment, sort, descending)
