"""Finding a class for a teacher's page: the same rule as the classes area (:func:`lms.policy.can_manage_class`,
which asks :func:`lms.policy.teaches_class`), and an archived class is read-only.
"""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from lms.classes.models import ClassCourse, ClassMember, SchoolClass
from lms.courses.models import Course
from lms.extensions import db
from lms.policy import can_manage_class
from lms.users.models import User


def taught_class(class_id: int, *, write: bool = False) -> SchoolClass:
    """The class, or 404 for one the reader does not teach; 403 for a change to an archived class."""
    klass = db.session.get(SchoolClass, class_id)
    if klass is None or not can_manage_class(current_user, klass):
        abort(404)
    if write and klass.archived:
        abort(403)
    return klass


def class_courses(klass: SchoolClass) -> list[Course]:
    return list(
        db.session.scalars(
            select(Course)
            .join(ClassCourse, ClassCourse.course_id == Course.id)
            .where(ClassCourse.class_id == klass.id)
            .order_by(ClassCourse.assigned_at, Course.id)
        )
    )


def chosen_course(courses: list[Course]) -> Course | None:
    """The course named by ``?course=`` among the class's courses (the first by default), or 404."""
    slug = request.args.get("course")
    if not slug:
        return courses[0] if courses else None
    course = next((c for c in courses if c.slug == slug), None)
    if course is None:
        abort(404)
    return course


def class_member(klass: SchoolClass, user_id: int) -> User:
    """A member of the class, or 404 (a pupil elsewhere is not the teacher's to see)."""
    member = db.session.scalar(
        select(User)
        .join(ClassMember, ClassMember.user_id == User.id)
        .where(ClassMember.class_id == klass.id, User.id == user_id)
    )
    if member is None:
        abort(404)
    return member
