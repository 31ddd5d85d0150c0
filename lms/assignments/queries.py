"""Read side of assignments: a class's list, who must do what by when, and a pupil's "to do"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from lms.assignments.models import Assignment, AssignmentPupil
from lms.classes.models import ClassMember, SchoolClass
from lms.core.converters import MAX_ID
from lms.courses.models import Course, Item
from lms.extensions import db
from lms.learning.models import Enrolment, ItemProgress, ItemStatus, UnitProgress
from lms.users.models import User


def class_assignments(klass: SchoolClass, course: Course | None = None) -> list[Assignment]:
    """The class's assignments (optionally of one course), next due first, undated last (two queries)."""
    query = (
        select(Assignment)
        .where(Assignment.class_id == klass.id)
        .options(
            selectinload(Assignment.course), selectinload(Assignment.unit), selectinload(Assignment.item)
        )
        .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
    )
    if course is not None:
        query = query.where(Assignment.course_id == course.id)
    return list(db.session.scalars(query))


def chosen_pupils(assignments: Iterable[Assignment]) -> dict[int, set[int]]:
    """Assignment id → ids of its chosen pupils, for the assignments not given to the whole class."""
    ids = [a.id for a in assignments if not a.whole_class]
    found: dict[int, set[int]] = {i: set() for i in ids}
    if ids:
        for assignment_id, user_id in db.session.execute(
            select(AssignmentPupil.assignment_id, AssignmentPupil.user_id).where(
                AssignmentPupil.assignment_id.in_(ids)
            )
        ):
            found[assignment_id].add(user_id)
    return found


def pupils_of(assignment: Assignment, member_ids: Iterable[int], chosen: dict[int, set[int]]) -> set[int]:
    members = set(member_ids)
    return members if assignment.whole_class else members & chosen.get(assignment.id, set())


def due_dates(
    assignments: list[Assignment], member_ids: list[int], items: list[Item]
) -> dict[tuple[int, int], datetime]:
    """(pupil id, item id) → the earliest due date of the assignments that give the pupil that item."""
    chosen = chosen_pupils(assignments)
    due: dict[tuple[int, int], datetime] = {}
    for assignment in assignments:
        if assignment.due_at is None:
            continue
        covered = [i.id for i in items if assignment.covers(i)]
        for user_id in pupils_of(assignment, member_ids, chosen):
            for item_id in covered:
                key = (user_id, item_id)
                if key not in due or assignment.due_at < due[key]:
                    due[key] = assignment.due_at
    return due


@dataclass
class Todo:
    assignment: Assignment
    klass: SchoolClass
    done: bool
    overdue: bool

    @property
    def link_args(self) -> dict:
        """Where the pupil starts the work (the learning area's endpoints)."""
        a = self.assignment
        if a.item is not None:
            return {"endpoint": "learning.item", "slug": a.course.slug, "item_slug": a.item.slug}
        return {"endpoint": "learning.course", "slug": a.course.slug}


def pupil_assignments(user: User) -> list[tuple[Assignment, SchoolClass]]:
    """Every assignment given to the pupil in a live class, on a course they can still open (one query)."""
    member_of = select(ClassMember.class_id).where(ClassMember.user_id == user.id)
    chosen = select(AssignmentPupil.assignment_id).where(AssignmentPupil.user_id == user.id)
    rows = db.session.execute(
        select(Assignment, SchoolClass)
        .join(SchoolClass, Assignment.class_id == SchoolClass.id)
        .join(Course, Assignment.course_id == Course.id)
        .where(
            Assignment.class_id.in_(member_of),
            SchoolClass.archived_at.is_(None),
            Course.published.is_(True),
            Course.archived_at.is_(None),
            or_(Assignment.whole_class.is_(True), Assignment.id.in_(chosen)),
        )
        .options(
            selectinload(Assignment.course), selectinload(Assignment.unit), selectinload(Assignment.item)
        )
        .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
    ).all()
    return [(a, k) for a, k in rows if (a.item is None or a.item.archived_at is None)]


def pupil_todo(user: User, now: datetime, *, include_done: bool = False) -> list[Todo]:
    """The pupil's assigned work, next due first, with whether each is done (four queries at most)."""
    pairs = pupil_assignments(user)
    if not pairs:
        return []
    item_ids = {a.item_id for a, _ in pairs if a.item_id}
    unit_ids = {a.unit_id for a, _ in pairs if a.unit_id and not a.item_id}
    course_ids = {a.course_id for a, _ in pairs if not a.unit_id}
    items_done = (
        set(
            db.session.scalars(
                select(ItemProgress.item_id).where(
                    ItemProgress.user_id == user.id,
                    ItemProgress.item_id.in_(item_ids),
                    ItemProgress.status == ItemStatus.COMPLETED,
                )
            )
        )
        if item_ids
        else set()
    )
    units_done = (
        set(
            db.session.scalars(
                select(UnitProgress.unit_id).where(
                    UnitProgress.user_id == user.id,
                    UnitProgress.unit_id.in_(unit_ids),
                    UnitProgress.completed_at.is_not(None),
                )
            )
        )
        if unit_ids
        else set()
    )
    courses_done = (
        set(
            db.session.scalars(
                select(Enrolment.course_id).where(
                    and_(
                        Enrolment.user_id == user.id,
                        Enrolment.course_id.in_(course_ids),
                        Enrolment.completed_at.is_not(None),
                    )
                )
            )
        )
        if course_ids
        else set()
    )
    todo = []
    for assignment, klass in pairs:
        if assignment.item_id:
            done = assignment.item_id in items_done
        elif assignment.unit_id:
            done = assignment.unit_id in units_done
        else:
            done = assignment.course_id in courses_done
        if done and not include_done:
            continue
        overdue = not done and assignment.due_at is not None and assignment.due_at < now
        todo.append(Todo(assignment, klass, done, overdue))
    return todo


def assignment_filter(
    klass: SchoolClass, course: Course, assignment_id: int | None
) -> tuple[Assignment | None, set[int] | None, set[int] | None]:
    """For the class dashboard: the chosen assignment of this course, its pupils and its units.

    ``(None, None, None)`` without a choice; raises LookupError for an id that is not the class's.
    """
    if not assignment_id:
        return None, None, None
    if not 0 < assignment_id <= MAX_ID:  # not an id the database can hold: nobody's (and no 500)
        raise LookupError(assignment_id)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.class_id != klass.id or assignment.course_id != course.id:
        raise LookupError(assignment_id)
    members = db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == klass.id)).all()
    pupils = pupils_of(assignment, members, chosen_pupils([assignment]))
    if assignment.item_id is not None:
        units = {assignment.item.unit_id}
    elif assignment.unit_id is not None:
        units = {assignment.unit_id}
    else:
        units = None
    return assignment, pupils, units
