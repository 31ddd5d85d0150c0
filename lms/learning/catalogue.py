"""Which courses a person may see: the one rule used by the catalogue, the outline and the player.

Decision: the audience is a hard rule (a pupil never sees a teachers-only course); the programme is a
filter the learner chooses, because teachers often follow both SIC and DigiSchool. Admins see every
published course. Unpublished and archived courses are invisible to learners.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from lms.courses.models import Course
from lms.users.models import Role, User


def visible_courses_query(user: User) -> Select:
    """Published, live courses whose audience includes the user's role (all of them for admins)."""
    query = select(Course).where(Course.published.is_(True), Course.archived_at.is_(None))
    if user.role is Role.TEACHER:
        query = query.where(Course.for_teachers.is_(True))
    elif user.role is Role.STUDENT:
        query = query.where(Course.for_students.is_(True))
    elif user.role is not Role.ADMIN:
        query = query.where(False)
    return query
