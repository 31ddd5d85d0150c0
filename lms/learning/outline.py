"""Read models for the learner's pages, built with a fixed number of queries whatever the course size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from lms.courses.models import Course, Item, Unit
from lms.extensions import db
from lms.learning.models import Enrolment, ItemProgress, ItemStatus, UnitProgress
from lms.learning.progress import locked_units
from lms.users.models import User


@dataclass
class ItemState:
    item: Item
    status: ItemStatus
    locked: bool
    best_score: float | None = None
    attempts: int = 0
    #: Added to the course after the learner completed the unit (see the re-sync rule).
    new: bool = False
    #: The learner's progress row, when there is one (the player records visits on it without a query).
    row: ItemProgress | None = None


@dataclass
class UnitState:
    unit: Unit
    items: list[ItemState]
    locked: bool
    completed_at: datetime | None
    score: float | None

    @property
    def status(self) -> str:
        if self.locked:
            return "locked"
        if self.completed_at:
            return "completed"
        if any(s.status is not ItemStatus.NOT_STARTED for s in self.items):
            return "in_progress"
        return "not_started"


@dataclass
class Outline:
    course: Course
    enrolment: Enrolment | None
    units: list[UnitState] = field(default_factory=list)

    @property
    def required(self) -> list[ItemState]:
        return [s for u in self.units for s in u.items if s.item.required]

    @property
    def percent(self) -> int:
        required = self.required
        if not required:
            return 0
        done = sum(1 for s in required if s.status is ItemStatus.COMPLETED)
        return round(100 * done / len(required))

    def next_item(self) -> Item | None:
        """The first unfinished, unlocked item in course order (where "continue" goes)."""
        for unit in self.units:
            for state in unit.items:
                if not state.locked and state.status is not ItemStatus.COMPLETED:
                    return state.item
        return None

    def neighbours(self, item: Item) -> tuple[Item | None, Item | None]:
        flat = [s.item for u in self.units for s in u.items]
        index = next(i for i, it in enumerate(flat) if it.id == item.id)
        return (flat[index - 1] if index else None, flat[index + 1] if index + 1 < len(flat) else None)

    def state_of(self, item: Item) -> ItemState | None:
        return next((s for u in self.units for s in u.items if s.item.id == item.id), None)


def build_outline(user: User, course: Course) -> Outline:
    """Units and items in order with the learner's state: five queries for any course size."""
    enrolment = db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )
    units = db.session.scalars(
        select(Unit).where(Unit.course_id == course.id, Unit.archived_at.is_(None)).order_by(Unit.position)
    ).all()
    items = db.session.scalars(
        select(Item).where(Item.course_id == course.id, Item.archived_at.is_(None)).order_by(Item.position)
    ).all()
    progress = {
        p.item_id: p
        for p in db.session.scalars(
            select(ItemProgress).where(ItemProgress.user_id == user.id, ItemProgress.course_id == course.id)
        )
    }
    unit_rows = {
        u.unit_id: u
        for u in db.session.scalars(
            select(UnitProgress).where(UnitProgress.user_id == user.id, UnitProgress.course_id == course.id)
        )
    }
    locked = locked_units(units, {uid for uid, row in unit_rows.items() if row.completed_at is not None})
    by_unit: dict[int, list[Item]] = {}
    for item in items:
        by_unit.setdefault(item.unit_id, []).append(item)
    outline = Outline(course, enrolment)
    for unit in units:
        unit_row = unit_rows.get(unit.id)
        completed_at = unit_row.completed_at if unit_row else None
        states = []
        for item in by_unit.get(unit.id, []):
            row = progress.get(item.id)
            states.append(
                ItemState(
                    item=item,
                    status=row.status if row else ItemStatus.NOT_STARTED,
                    locked=unit.id in locked,
                    best_score=row.best_score if row else None,
                    attempts=row.attempts if row else 0,
                    new=bool(completed_at and row is None and item.required),
                    row=row,
                )
            )
        outline.units.append(
            UnitState(unit, states, unit.id in locked, completed_at, unit_row.score if unit_row else None)
        )
    return outline


@dataclass
class CourseCard:
    course: Course
    enrolment: Enrolment
    required: int
    completed: int
    next_item: Item | None

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.required) if self.required else 0


def learner_courses(user: User) -> list[CourseCard]:
    """The learner's enrolled courses with progress and next step: five queries for any number of courses."""
    enrolments = db.session.execute(
        select(Enrolment, Course)
        .join(Course, Enrolment.course_id == Course.id)
        # An unpublished course is hidden, not gone: its card (and its "Continue" link) comes back with it.
        .where(Enrolment.user_id == user.id, Course.archived_at.is_(None), Course.published.is_(True))
        .order_by(Enrolment.last_activity_at.desc().nulls_last(), Enrolment.created_at.desc())
    ).all()
    if not enrolments:
        return []
    course_ids = [c.id for _, c in enrolments]
    # Only ids and flags for the counts: every item's JSON (bodies, configs, translations) would be parsed
    # for nothing. The few next items are loaded whole afterwards.
    items = db.session.execute(
        select(Item.id, Item.course_id, Item.required)
        .join(Unit, Item.unit_id == Unit.id)
        .where(Item.course_id.in_(course_ids), Item.archived_at.is_(None), Unit.archived_at.is_(None))
        .order_by(Item.course_id, Unit.position, Item.position)
    ).all()
    done = dict(
        db.session.execute(
            select(ItemProgress.item_id, ItemProgress.status).where(
                ItemProgress.user_id == user.id, ItemProgress.course_id.in_(course_ids)
            )
        ).all()
    )
    counts: dict[int, tuple[int, int, int | None]] = {}
    for _enrolment, course in enrolments:
        own = [row for row in items if row.course_id == course.id]
        required = [row for row in own if row.required]
        completed = sum(1 for row in required if done.get(row.id) is ItemStatus.COMPLETED)
        next_id = next((row.id for row in own if done.get(row.id) is not ItemStatus.COMPLETED), None)
        counts[course.id] = (len(required), completed, next_id)
    next_ids = [next_id for _, _, next_id in counts.values() if next_id is not None]
    next_items = (
        {item.id: item for item in db.session.scalars(select(Item).where(Item.id.in_(next_ids)))}
        if next_ids
        else {}
    )
    cards = []
    for enrolment, course in enrolments:
        required, completed, next_id = counts[course.id]
        cards.append(CourseCard(course, enrolment, required, completed, next_items.get(next_id)))
    return cards


def unit_counts(course_ids: list[int]) -> dict[int, int]:
    """Number of live units per course, in one grouped query (for the catalogue)."""
    if not course_ids:
        return {}
    return dict(
        db.session.execute(
            select(Unit.course_id, func.count(Unit.id))
            .where(Unit.course_id.in_(course_ids), Unit.archived_at.is_(None))
            .group_by(Unit.course_id)
        ).all()
    )
