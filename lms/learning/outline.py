"""Read models for the learner's pages, built with a fixed number of queries whatever the course size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from lms.courses.models import Course, Item, Unit
from lms.extensions import db
from lms.learning.models import Enrolment, ItemProgress, ItemStatus, UnitProgress
from lms.learning.progress import locked_units
from lms.learning.structure import ItemInfo, UnitInfo, structure_of
from lms.users.models import User


@dataclass
class ItemState:
    #: The item as the shared structure has it (titles, kind, flags), or the full row for a teacher's view.
    item: ItemInfo | Item
    status: ItemStatus
    locked: bool
    best_score: float | None = None
    attempts: int = 0
    #: Added to the course after the learner completed the unit (see the re-sync rule).
    new: bool = False
    #: The learner's progress as plain columns (status, last_activity_at…), when there is a row; the
    #: player decides from it whether a visit is news without another query.
    row: Any = None


@dataclass
class UnitState:
    unit: UnitInfo
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
    #: The version of the shared structure the outline was built from (a key of the rendered fragments).
    structure_stamp: tuple = ()

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

    def next_item(self) -> ItemInfo | Item | None:
        """The first unfinished, unlocked item in course order (where "continue" goes)."""
        for unit in self.units:
            for state in unit.items:
                if not state.locked and state.status is not ItemStatus.COMPLETED:
                    return state.item
        return None

    def neighbours(self, item: Item | ItemInfo) -> tuple[ItemInfo | Item | None, ItemInfo | Item | None]:
        flat = [s.item for u in self.units for s in u.items]
        index = next(i for i, it in enumerate(flat) if it.id == item.id)
        return (flat[index - 1] if index else None, flat[index + 1] if index + 1 < len(flat) else None)

    def state_of(self, item: Item | ItemInfo) -> ItemState | None:
        return next((s for u in self.units for s in u.items if s.item.id == item.id), None)


def build_outline(user: User, course: Course, full_items: bool = False) -> Outline:
    """Units and items in order with the learner's state.

    The structure comes from the per-process cache (no query once read for this version); the learner's
    own rows are three indexed queries of plain columns. ``full_items`` puts the whole item rows in the
    states (one more query), for a teacher's view that shows answers against each item's configuration.
    """
    structure = structure_of(course)
    enrolment = db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )
    progress = {
        row.item_id: row
        for row in db.session.execute(
            select(
                ItemProgress.item_id,
                ItemProgress.status,
                ItemProgress.best_score,
                ItemProgress.attempts,
                ItemProgress.last_activity_at,
                ItemProgress.time_spent_seconds,
            ).where(ItemProgress.user_id == user.id, ItemProgress.course_id == course.id)
        )
    }
    unit_rows = {
        row.unit_id: row
        for row in db.session.execute(
            select(UnitProgress.unit_id, UnitProgress.completed_at, UnitProgress.score).where(
                UnitProgress.user_id == user.id, UnitProgress.course_id == course.id
            )
        )
    }
    whole: dict[int, Item] = {}
    if full_items:
        whole = {
            item.id: item
            for item in db.session.scalars(
                select(Item).where(Item.course_id == course.id, Item.archived_at.is_(None))
            )
        }
    locked = locked_units(
        list(structure.units), {uid for uid, row in unit_rows.items() if row.completed_at is not None}
    )
    outline = Outline(course, enrolment, structure_stamp=structure.stamp)
    for unit in structure.units:
        unit_row = unit_rows.get(unit.id)
        completed_at = unit_row.completed_at if unit_row else None
        is_locked = unit.id in locked
        states = []
        for item in structure.items_of.get(unit.id, ()):
            row = progress.get(item.id)
            states.append(
                ItemState(
                    item=whole.get(item.id, item),
                    status=row.status if row else ItemStatus.NOT_STARTED,
                    locked=is_locked,
                    best_score=row.best_score if row else None,
                    attempts=row.attempts if row else 0,
                    new=bool(completed_at and row is None and item.required),
                    row=row,
                )
            )
        outline.units.append(
            UnitState(unit, states, is_locked, completed_at, unit_row.score if unit_row else None)
        )
    return outline


@dataclass
class CourseCard:
    course: Course
    enrolment: Enrolment
    required: int
    completed: int
    next_item: ItemInfo | None

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.required) if self.required else 0


def learner_courses(user: User) -> list[CourseCard]:
    """The learner's enrolled courses with progress and next step: two queries for any number of courses.

    Titles and the order of items come from the shared structure of each course; only the learner's
    enrolments and progress statuses are read.
    """
    enrolments = db.session.execute(
        select(Enrolment, Course)
        .join(Course, Enrolment.course_id == Course.id)
        .options(joinedload(Course.programme))
        # An unpublished course is hidden, not gone: its card (and its "Continue" link) comes back with it.
        .where(Enrolment.user_id == user.id, Course.archived_at.is_(None), Course.published.is_(True))
        .order_by(Enrolment.last_activity_at.desc().nulls_last(), Enrolment.created_at.desc())
    ).all()
    if not enrolments:
        return []
    course_ids = [c.id for _, c in enrolments]
    done = dict(
        db.session.execute(
            select(ItemProgress.item_id, ItemProgress.status).where(
                ItemProgress.user_id == user.id, ItemProgress.course_id.in_(course_ids)
            )
        ).all()
    )
    cards = []
    for enrolment, course in enrolments:
        own = structure_of(course).items
        required = [item for item in own if item.required]
        completed = sum(1 for item in required if done.get(item.id) is ItemStatus.COMPLETED)
        following = next((item for item in own if done.get(item.id) is not ItemStatus.COMPLETED), None)
        cards.append(CourseCard(course, enrolment, len(required), completed, following))
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
