"""Completion rules, applied immediately in the transaction of the event that triggers them.

- An **item** is completed explicitly: a lesson by "mark as done", an exercise by a passing attempt
  (at or above its pass mark). Opening a page never completes anything.
- A **unit** is completed when every required, non-archived item in it is completed. Its score is the
  weighted mean of the best scores of its graded items.
- A **course** is completed when every non-archived unit that has required items is completed.
- A **unit is locked** while one of its prerequisite units is not completed; locked items refuse work.
- **Re-sync rule**: completion is never taken back. A unit or course completed before a new version added
  required items stays completed; the new items show as "new" (not started) in the outline, and the
  progress percentage counts them, so a learner sees what changed without losing a certificate.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from lms.courses.models import Course, Item, Unit
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning import signals
from lms.learning.models import Attempt, AttemptStatus, Enrolment, ItemProgress, ItemStatus, UnitProgress
from lms.users.models import User

if TYPE_CHECKING:
    from lms.learning.structure import ItemInfo, UnitInfo


def _get_or_create(model, key: dict, **extra):
    """Return the row with ``key``, creating it race-safely: a concurrent insert wins and is reused."""
    query = select(model).filter_by(**key)
    row = db.session.scalar(query)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = model(**key, **extra)
            db.session.add(row)
    except IntegrityError:
        # Another request created it between our SELECT and INSERT: use theirs.
        row = db.session.scalar(query)
    return row


def item_progress(user: User, item: Item | ItemInfo) -> ItemProgress:
    """Return the learner's row for the item, creating it (race-safe) on first activity."""
    return _get_or_create(ItemProgress, {"user_id": user.id, "item_id": item.id}, course_id=item.course_id)


#: Re-reading a page within this time is not new activity worth a database write.
VISIT_RESOLUTION = timedelta(minutes=5)


def visit_is_news(row: ItemProgress | None) -> bool:
    """Whether a visit changes what a teacher sees (first visit, or older activity than the resolution)."""
    return (
        row is None
        or row.status is ItemStatus.NOT_STARTED
        or row.last_activity_at is None
        or row.last_activity_at <= utcnow() - VISIT_RESOLUTION
    )


def record_visit(user: User, item: Item, row: ItemProgress | None = None) -> ItemProgress:
    """Note activity on an item (it becomes "in progress"), without completing it.

    Writes only when something a teacher would see changes: the status, or activity older than
    :data:`VISIT_RESOLUTION` (reloading a lesson should not cost a write on a busy server).
    """
    row = row or item_progress(user, item)
    if not visit_is_news(row):
        return row
    now = utcnow()
    row.last_activity_at = now
    if row.status is ItemStatus.NOT_STARTED:
        row.status = ItemStatus.IN_PROGRESS
    _touch_enrolment(user, item.course_id, now)
    signals.item_opened.send(user, item=item, at=now)
    return row


def claim_attempt(row: ItemProgress, max_attempts: int) -> int | None:
    """Take the next attempt number, or None when the policy's limit is reached.

    One conditional UPDATE: two tabs (or two web nodes) submitting at once cannot both take the last one.
    """
    stmt = update(ItemProgress).where(ItemProgress.id == row.id)
    if max_attempts:
        stmt = stmt.where(ItemProgress.attempts < max_attempts)
    number = db.session.execute(
        stmt.values(attempts=ItemProgress.attempts + 1).returning(ItemProgress.attempts),
        execution_options={"synchronize_session": False},
    ).scalar()
    if number is not None:  # the row now holds what RETURNING said: no second read
        set_committed_value(row, "attempts", number)
    return number


def record_score(user: User, item: Item, row: ItemProgress, score: float, passed: bool) -> bool:
    """Keep the best score; a pass completes the item. Return whether this completed it."""
    now = utcnow()
    row.last_activity_at = now
    if row.best_score is None or score > row.best_score:
        row.best_score = score
    _touch_enrolment(user, item.course_id, now)
    if passed:
        return complete_item(user, item, row)
    if row.status is ItemStatus.NOT_STARTED:
        row.status = ItemStatus.IN_PROGRESS
    db.session.flush()
    _update_unit(user, item.unit, now)
    return False


def weighted_score(graded: Iterable[tuple[float, float]]) -> float | None:
    """The score of a group of items: the weighted mean of (weight, best score) pairs, None if none."""
    pairs = list(graded)
    weights = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / weights if weights else None


def regrade(user: User, item: Item, row: ItemProgress, passed: bool) -> bool:
    """Apply a changed grade (a teacher's override or review) through the same rules as grading.

    The best score is taken again from every graded attempt (an override may lower it), then
    :func:`record_score` keeps it and completes the item on a pass. As everywhere, completion is never
    taken back. Return whether this completed the item.
    """
    best = db.session.scalar(
        select(func.max(Attempt.score)).where(
            Attempt.user_id == user.id, Attempt.item_id == item.id, Attempt.status == AttemptStatus.GRADED
        )
    )
    row.best_score = None
    return record_score(user, item, row, best if best is not None else 0.0, passed)


def complete_item(user: User, item: Item, row: ItemProgress | None = None) -> bool:
    """Mark the item completed (once) and propagate to its unit and course."""
    row = row or item_progress(user, item)
    now = utcnow()
    row.last_activity_at = now
    if row.status is ItemStatus.COMPLETED:
        db.session.flush()
        _update_unit(user, item.unit, now)
        return False
    row.status = ItemStatus.COMPLETED
    row.completed_at = now
    db.session.flush()
    signals.item_completed.send(user, item=item, at=now)
    _update_unit(user, item.unit, now)
    return True


def _touch_enrolment(user: User, course_id: int, now) -> None:
    db.session.execute(
        update(Enrolment)
        .where(Enrolment.user_id == user.id, Enrolment.course_id == course_id)
        .values(last_activity_at=now)
    )


def _unit_row(user: User, unit: Unit) -> UnitProgress:
    return _get_or_create(UnitProgress, {"user_id": user.id, "unit_id": unit.id}, course_id=unit.course_id)


def _update_unit(user: User, unit: Unit, now) -> None:
    # Only the columns the unit's score needs: whole items would decode every body and configuration
    # of the unit (JSON in every language) on each graded attempt.
    items = db.session.execute(
        select(Item.id, Item.weight, Item.required).where(Item.unit_id == unit.id, Item.archived_at.is_(None))
    ).all()
    progress = {
        p.item_id: p
        for p in db.session.execute(
            select(ItemProgress.item_id, ItemProgress.best_score, ItemProgress.status).where(
                ItemProgress.user_id == user.id, ItemProgress.item_id.in_([i.id for i in items])
            )
        )
    }
    row = _unit_row(user, unit)
    row.score = weighted_score(
        (i.weight, progress[i.id].best_score)
        for i in items
        if i.id in progress and progress[i.id].best_score is not None
    )
    required = [i for i in items if i.required]
    done = all(i.id in progress and progress[i.id].status is ItemStatus.COMPLETED for i in required)
    db.session.flush()
    if done and required and row.completed_at is None:
        claimed = db.session.execute(
            update(UnitProgress)
            .where(UnitProgress.id == row.id, UnitProgress.completed_at.is_(None))
            .values(completed_at=now)
        ).rowcount
        db.session.refresh(row, ["completed_at"])
        if claimed:
            signals.unit_completed.send(user, unit=unit, at=now)
            _update_course(user, unit.course, now)


def _update_course(user: User, course: Course, now) -> None:
    units_with_work = select(Item.unit_id).where(
        Item.course_id == course.id, Item.archived_at.is_(None), Item.required.is_(True)
    )
    pending = db.session.scalar(
        select(func.count(Unit.id)).where(
            Unit.course_id == course.id,
            Unit.archived_at.is_(None),
            Unit.id.in_(units_with_work),
            ~Unit.id.in_(
                select(UnitProgress.unit_id).where(
                    UnitProgress.user_id == user.id, UnitProgress.completed_at.is_not(None)
                )
            ),
        )
    )
    if pending:
        return
    enrolment = db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )
    if enrolment is None:
        return
    claimed = db.session.execute(
        update(Enrolment)
        .where(Enrolment.id == enrolment.id, Enrolment.completed_at.is_(None))
        .values(completed_at=now)
    ).rowcount
    db.session.refresh(enrolment, ["completed_at"])
    if claimed:
        signals.course_completed.send(user, course=course, enrolment=enrolment, at=now)


def locked_units(units: list[Unit], completed_unit_ids: set[int]) -> set[int]:
    """Ids of the live units whose prerequisites are not all in ``completed_unit_ids``."""
    by_slug = {u.slug: u.id for u in units if u.archived_at is None}
    return {
        u.id
        for u in units
        if any(by_slug.get(p) is not None and by_slug[p] not in completed_unit_ids for p in u.prerequisites)
    }


def unit_is_locked(user: User, unit: Unit | UnitInfo) -> bool:
    """Whether the learner must still complete one of the unit's prerequisites (one query)."""
    if not unit.prerequisites:
        return False
    pending = db.session.scalar(
        select(func.count(Unit.id)).where(
            Unit.course_id == unit.course_id,
            Unit.archived_at.is_(None),
            Unit.slug.in_(unit.prerequisites),
            ~Unit.id.in_(
                select(UnitProgress.unit_id).where(
                    UnitProgress.user_id == user.id, UnitProgress.completed_at.is_not(None)
                )
            ),
        )
    )
    return bool(pending)


def remember_last_item(enrolment: Enrolment | None, item: Item) -> None:
    """Note the item as the one the learner opened last (where "Continue" goes); a write only on change."""
    if enrolment is not None and enrolment.last_item_id != item.id:
        enrolment.last_item_id = item.id


#: The most one report of time spent may add: a page reports at least this often while in view.
TIME_REPORT_LIMIT = 600


def add_time_spent(user: User, item: Item | ItemInfo, seconds: int) -> None:
    """Add time the learner spent on the item's page (reported by the page), capped per report.

    Pages report every minute they are in view, the most frequent request of a class at work: the
    common case is one UPDATE of the learner's row; the row is created only on a first report.
    """
    seconds = max(0, min(int(seconds), TIME_REPORT_LIMIT))
    if not seconds:
        return
    add = update(ItemProgress).values(time_spent_seconds=ItemProgress.time_spent_seconds + seconds)
    mine = (ItemProgress.user_id == user.id, ItemProgress.item_id == item.id)
    if db.session.execute(add.where(*mine), execution_options={"synchronize_session": False}).rowcount:
        return
    row = item_progress(user, item)
    db.session.execute(add.where(ItemProgress.id == row.id))
