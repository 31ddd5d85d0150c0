"""Write-side verbs of assignments: give work (and notify), move its due date, take it back. The caller commits."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from lms.assignments.models import Assignment, AssignmentPupil
from lms.classes.models import ClassCourse, ClassMember, SchoolClass
from lms.courses.models import Course, Item, Unit
from lms.extensions import db
from lms.learning.operations import enrol
from lms.notifications.models import Notification
from lms.notifications.operations import notify, titles_of
from lms.users.models import User


class AssignmentError(Exception):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def assign(
    klass: SchoolClass,
    course: Course,
    actor: User,
    *,
    unit: Unit | None = None,
    item: Item | None = None,
    due_at: datetime | None = None,
    pupils: list[int] | None = None,
) -> tuple[Assignment, list[Notification]]:
    """Give a course, a unit or an item to the class (``pupils`` None) or to chosen members.

    The course must be one of the class's courses (every member is enrolled in those); chosen pupils
    must be members. Each pupil concerned is notified.
    """
    if (
        db.session.scalar(
            select(ClassCourse.id).where(ClassCourse.class_id == klass.id, ClassCourse.course_id == course.id)
        )
        is None
    ):
        raise AssignmentError(_l("Assign the course to the class first."))
    if not course.published or course.archived_at is not None:
        raise AssignmentError(_l("This course is not available to pupils."))
    if item is not None:
        if item.course_id != course.id or item.archived_at is not None:
            raise AssignmentError(_l("This item is not part of the course."))
        unit = item.unit
    if unit is not None and (unit.course_id != course.id or unit.archived_at is not None):
        raise AssignmentError(_l("This unit is not part of the course."))
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == klass.id)))
    if pupils is not None:
        chosen = set(pupils)
        if not chosen:
            raise AssignmentError(_l("Choose at least one pupil, or give the work to the whole class."))
        if not chosen <= members:
            raise AssignmentError(_l("Only members of the class can be given work."))
    assignment = Assignment(
        class_id=klass.id,
        course_id=course.id,
        unit_id=unit.id if unit is not None else None,
        item_id=item.id if item is not None else None,
        whole_class=pupils is None,
        due_at=due_at,
        created_by_id=actor.id,
    )
    db.session.add(assignment)
    db.session.flush()
    targets = members if pupils is None else set(pupils)
    if pupils is not None:
        db.session.add_all(
            AssignmentPupil(assignment_id=assignment.id, user_id=uid) for uid in sorted(targets)
        )
    for pupil in db.session.scalars(select(User).where(User.id.in_(targets))):
        enrol(pupil, course, source="class")  # a member who joined before the course was assigned
    made = notify(
        targets,
        "assignment",
        {
            "course": course.slug,
            "title": titles_of(item or unit or course),
            "due": due_at.isoformat() if due_at else None,
        },
        "/dashboard/learner",
    )
    return assignment, made


def change_due(assignment: Assignment, due_at: datetime | None) -> list[Notification]:
    """Move (or remove) the due date; the assignment's pupils are told, and reminded again before it.

    The "due tomorrow" reminder is made once per assignment (its key); a new date frees the key, so
    the reminder comes again before the new date. Nothing is notified when the date does not change.
    """
    from lms.assignments.queries import chosen_pupils, pupils_of

    if assignment.due_at == due_at:
        return []
    assignment.due_at = due_at
    members = db.session.scalars(
        select(ClassMember.user_id).where(ClassMember.class_id == assignment.class_id)
    )
    targets = sorted(pupils_of(assignment, members, chosen_pupils([assignment])))
    key = f"due:{assignment.id}"
    if targets:
        db.session.execute(
            update(Notification)
            .where(Notification.user_id.in_(targets), Notification.key == key)
            .values(key=None)
            .execution_options(synchronize_session=False)
        )
    return notify(
        targets,
        "due_changed",
        {
            "course": assignment.course.slug,
            "title": titles_of(assignment.item or assignment.unit or assignment.course),
            "due": due_at.isoformat() if due_at else None,
        },
        "/dashboard/learner",
    )


def unassign(assignment: Assignment) -> None:
    """Take the work back; pupils keep what they did, only the to-do and the due date go."""
    db.session.execute(delete(AssignmentPupil).where(AssignmentPupil.assignment_id == assignment.id))
    db.session.delete(assignment)
    db.session.flush()
