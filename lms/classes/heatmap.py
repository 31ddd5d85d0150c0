"""The class dashboard's read model: learners × units for one course, in a fixed number of queries.

Every query aggregates (GROUP BY) over the class's members at once; none runs per learner or per unit,
so a class of 40 costs the same number of queries as a class of 5. Sorting, filtering and the median
need every member's summary (one row each); the cells are then fetched for the shown page only.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, bindparam, case, func, select

from lms.classes.models import ClassMember, SchoolClass
from lms.classes.risk import Risk, assess
from lms.courses.models import Course, Item
from lms.extensions import db
from lms.learning.models import Enrolment, ItemProgress, ItemStatus, UnitProgress
from lms.learning.structure import UnitInfo, structure_of
from lms.users.models import User

PAGE_SIZE = 50
SORTS = ("name", "progress", "activity")
STATUSES = ("not_started", "in_progress", "completed", "at_risk")


@dataclass(frozen=True)
class Options:
    """What the teacher asked to see; every field comes validated from :func:`lms.classes.views`."""

    sort: str = "name"
    descending: bool = False
    status: str = ""
    page: int = 1
    inactive_days: int = 14


class Cell(NamedTuple):
    """One learner × unit: a tuple, so that a class's thousand cells cost the garbage collector nothing."""

    status: str
    score: float | None = None

    @property
    def percent(self) -> int | None:
        return None if self.score is None else round(self.score * 100)


@dataclass
class Column:
    unit: UnitInfo
    required: int
    #: Mean unit score over the members who have one, 0..1.
    average: float | None = None
    scored: int = 0
    completed: int = 0


@dataclass
class Learner:
    user_id: int
    name: str
    email: str
    massar_code: str | None
    percent: int
    status: str
    #: Last time the learner did anything in the course (opening a page counts), if ever.
    last_activity: datetime | None
    #: When inactivity starts counting for a learner who never did anything: enrolment or joining.
    since: datetime
    risks: list[Risk] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)


@dataclass
class ClassProgress:
    course: Course
    columns: list[Column]
    #: Every member after filtering and sorting; ``rows`` is the shown page of it.
    learners: list[Learner]
    rows: list[Learner]
    members: int
    completed: int
    median: int | None
    at_risk: list[Learner]
    page: int
    pages: int

    @property
    def completion_rate(self) -> int:
        return round(100 * self.completed / self.members) if self.members else 0


def _ids(name: str, ids: list[int]):
    """A list of ids as one expanding parameter: SQLAlchemy then does not coerce each id in Python."""
    return bindparam(name, ids, expanding=True)


def _columns(klass: SchoolClass, course: Course) -> list[Column]:
    """The course's live units (from the shared structure: no query) with the class's figures (one)."""
    structure = structure_of(course)
    stats = {
        unit_id: (average, scored, completed)
        for unit_id, average, scored, completed in db.session.execute(
            select(
                UnitProgress.unit_id,
                func.avg(UnitProgress.score),
                func.count(UnitProgress.score),
                func.count(UnitProgress.completed_at),
            )
            .where(UnitProgress.course_id == course.id, UnitProgress.user_id.in_(klass.member_ids()))
            .group_by(UnitProgress.unit_id)
        )
    }
    return [
        Column(
            unit,
            sum(1 for item in structure.items_of.get(unit.id, ()) if item.required),
            *stats.get(unit.id, (None, 0, 0)),
        )
        for unit in structure.units
    ]


def _learners(klass: SchoolClass, course: Course, required: int) -> list[Learner]:
    # What counts toward progress: completed, required, live items, known from the shared structure,
    # so the progress rows are counted without joining items and units.
    required_ids = [item.id for item in structure_of(course).items if item.required]
    counts_toward = and_(
        ItemProgress.status == ItemStatus.COMPLETED,
        ItemProgress.item_id.in_(_ids("required_ids", required_ids)),
    )
    activity = (
        select(
            ItemProgress.user_id,
            func.count(ItemProgress.id).label("started"),
            func.sum(case((counts_toward, 1), else_=0)).label("done"),
        )
        .where(ItemProgress.course_id == course.id, ItemProgress.user_id.in_(klass.member_ids()))
        .group_by(ItemProgress.user_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            User.id,
            User.display_name,
            User.email,
            User.massar_code,
            ClassMember.joined_at,
            Enrolment.created_at,
            Enrolment.last_activity_at,
            Enrolment.completed_at,
            activity.c.started,
            activity.c.done,
        )
        .join(ClassMember, ClassMember.user_id == User.id)
        .outerjoin(Enrolment, and_(Enrolment.user_id == User.id, Enrolment.course_id == course.id))
        .outerjoin(activity, activity.c.user_id == User.id)
        .where(ClassMember.class_id == klass.id)
    ).all()
    learners = []
    for uid, name, email, massar, joined, enrolled, last, completed, started, done in rows:
        percent = round(100 * (done or 0) / required) if required else 0
        status = "completed" if completed else "in_progress" if started else "not_started"
        since = max(d for d in (joined, enrolled) if d is not None)
        learners.append(Learner(uid, name, email, massar, percent, status, last, since))
    return learners


def _fill_cells(rows: list[Learner], course: Course, columns: list[Column]) -> None:
    if not rows:
        return
    ids = [r.user_id for r in rows]
    units = {
        (uid, unit_id): (score, completed)
        for uid, unit_id, score, completed in db.session.execute(
            select(
                UnitProgress.user_id, UnitProgress.unit_id, UnitProgress.score, UnitProgress.completed_at
            ).where(UnitProgress.course_id == course.id, UnitProgress.user_id.in_(_ids("shown_ids", ids)))
        )
    }
    started = {
        (uid, unit_id)
        for uid, unit_id in db.session.execute(
            select(ItemProgress.user_id, Item.unit_id)
            .join(Item, ItemProgress.item_id == Item.id)
            .where(ItemProgress.course_id == course.id, ItemProgress.user_id.in_(_ids("shown_ids", ids)))
            .group_by(ItemProgress.user_id, Item.unit_id)
        )
    }
    for row in rows:
        for column in columns:
            key = (row.user_id, column.unit.id)
            score, completed = units.get(key, (None, None))
            status = "completed" if completed else "in_progress" if key in started else "not_started"
            row.cells.append(Cell(status, score))


def _sorted(learners: list[Learner], options: Options) -> list[Learner]:
    by_name = sorted(learners, key=lambda r: (r.name.casefold(), r.user_id))
    if options.sort == "progress":
        return sorted(by_name, key=lambda r: r.percent, reverse=options.descending)
    if options.sort == "activity":
        never = [r for r in by_name if r.last_activity is None]
        seen = sorted((r for r in by_name if r.last_activity), key=lambda r: r.last_activity)
        return (seen[::-1] + never) if options.descending else (never + seen)
    return by_name[::-1] if options.descending else by_name


def class_progress(
    klass: SchoolClass,
    course: Course,
    options: Options,
    now: datetime,
    *,
    whole: bool = False,
    pupil_ids: set[int] | None = None,
    unit_ids: set[int] | None = None,
) -> ClassProgress:
    """Everything the class dashboard shows for one assigned course (seven queries).

    ``whole`` fills every filtered learner instead of one page (the CSV export). ``pupil_ids`` and
    ``unit_ids`` narrow it to an assignment's pupils and units (lms.assignments).
    """
    columns = _columns(klass, course)
    learners = _learners(klass, course, sum(c.required for c in columns))
    if unit_ids is not None:
        columns = [c for c in columns if c.unit.id in unit_ids]
    if pupil_ids is not None:
        learners = [r for r in learners if r.user_id in pupil_ids]
    median = round(statistics.median(r.percent for r in learners)) if learners else None
    assess(learners, klass, course, now, options.inactive_days, median)
    shown = _sorted(learners, options)
    if options.status == "at_risk":
        shown = [r for r in shown if r.risks]
    elif options.status:
        shown = [r for r in shown if r.status == options.status]
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(1, options.page), pages)
    rows = shown if whole else shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    _fill_cells(rows, course, columns)
    return ClassProgress(
        course=course,
        columns=columns,
        learners=shown,
        rows=rows,
        members=len(learners),
        completed=sum(1 for r in learners if r.status == "completed"),
        median=median,
        at_risk=[r for r in _sorted(learners, Options()) if r.risks],
        page=page,
        pages=pages,
    )
