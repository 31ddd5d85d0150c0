"""Classes with their member counts and completion rates, in one grouped query (class list, dashboard)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from lms.classes.models import ClassCourse, ClassMember, SchoolClass
from lms.extensions import db
from lms.geo.models import School
from lms.learning.models import Enrolment
from lms.policy import manages_every_class
from lms.users.models import User


@dataclass
class ClassSummary:
    klass: SchoolClass
    school: School
    teacher: User
    members: int
    courses: int
    #: Member × course enrolments, and how many of them are completed.
    enrolments: int
    completed: int

    @property
    def completion_rate(self) -> int | None:
        return round(100 * self.completed / self.enrolments) if self.enrolments else None


def class_summaries(user: User) -> list[ClassSummary]:
    """The classes ``user`` manages (all of them for an admin), newest school year first."""
    query = (
        select(
            SchoolClass,
            School,
            User,
            func.count(ClassMember.user_id.distinct()),
            func.count(ClassCourse.course_id.distinct()),
            func.count(Enrolment.id.distinct()),
            func.count(Enrolment.completed_at),
        )
        .join(School, SchoolClass.school_id == School.id)
        .join(User, SchoolClass.teacher_id == User.id)
        .outerjoin(ClassMember, ClassMember.class_id == SchoolClass.id)
        .outerjoin(ClassCourse, ClassCourse.class_id == SchoolClass.id)
        .outerjoin(
            Enrolment,
            and_(Enrolment.user_id == ClassMember.user_id, Enrolment.course_id == ClassCourse.course_id),
        )
        .group_by(SchoolClass.id, School.id, User.id)
        .order_by(SchoolClass.school_year.desc(), SchoolClass.name, SchoolClass.id)
    )
    if not manages_every_class(user):
        from lms.teaching.models import taught_class_ids

        query = query.where(SchoolClass.id.in_(taught_class_ids(user.id)))
    return [ClassSummary(*row) for row in db.session.execute(query)]
