"""The programme by course and period: enrolments, completions, certificates issued and revoked.

A period is a date range in Morocco's time (a school year by default). Everything is counted from the
primary rows of the scope's people (one grouped query per measure, whatever the number of courses);
the median time to complete is computed from the completions of the period.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select

from lms.certificates.models import Certificate
from lms.courses.models import Course
from lms.extensions import db
from lms.geo.models import Province, School
from lms.learning.models import Enrolment
from lms.reports.queries import Scope
from lms.reports.targets import SCHOOL_YEAR_FIRST_MONTH
from lms.users.models import Role, User
from lms.zones import MOROCCO as MOROCCO_ZONE
from lms.zones import zone

MOROCCO = zone(MOROCCO_ZONE)


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included, in Morocco's time."""

    start: date
    end: date

    @classmethod
    def school_year(cls, first_year: int) -> Period:
        return cls(
            date(first_year, SCHOOL_YEAR_FIRST_MONTH, 1),
            date(first_year + 1, SCHOOL_YEAR_FIRST_MONTH, 1) - timedelta(days=1),
        )

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as an aware [from, to) interval."""
        return (
            datetime.combine(self.start, time(0), MOROCCO),
            datetime.combine(self.end + timedelta(days=1), time(0), MOROCCO),
        )


@dataclass
class CourseFigures:
    course: Course
    enrolled: int = 0
    #: Of the period's enrolments, how many are completed today.
    enrolled_then_completed: int = 0
    #: Completions that happened in the period (whenever the enrolment).
    completed: int = 0
    certificates: int = 0
    revoked: int = 0
    #: Whole days (rounded half up): a spreadsheet and the page read the same number.
    median_days: int | None = None

    @property
    def completion_rate(self) -> int | None:
        """Whole percent of the period's enrolments completed by now (None without enrolments)."""
        return round(100 * self.enrolled_then_completed / self.enrolled) if self.enrolled else None


def _in_scope(query: Select, model, scope: Scope, role: str | None) -> Select:
    """Restrict ``query`` (over ``model``, which has a ``user_id``) to the scope's people of ``role``."""
    query = query.join(User, User.id == model.user_id).outerjoin(School, User.school_id == School.id)
    query = query.outerjoin(Province, School.province_id == Province.id)
    if role is not None:
        query = query.where(User.role == Role(role))
    else:
        query = query.where(User.role.in_([Role.TEACHER, Role.STUDENT]))
    if scope.region is not None:
        query = query.where(Province.region_id == scope.region.id)
    if scope.province is not None:
        query = query.where(School.province_id == scope.province.id)
    return query


def course_figures(scope: Scope, period: Period, role: str | None = None) -> list[CourseFigures]:
    """Each course of the programme (archived ones too if they have figures), for the period."""
    start, end = period.bounds()
    courses = db.session.scalars(
        select(Course).where(Course.programme_id == scope.programme.id).order_by(Course.title)
    ).all()
    figures = {course.id: CourseFigures(course) for course in courses}
    ids = list(figures)
    for course_id, n in db.session.execute(
        _in_scope(select(Enrolment.course_id, func.count()).select_from(Enrolment), Enrolment, scope, role)
        .where(Enrolment.course_id.in_(ids), Enrolment.created_at >= start, Enrolment.created_at < end)
        .group_by(Enrolment.course_id)
    ):
        figures[course_id].enrolled = n
    for course_id, n in db.session.execute(
        _in_scope(select(Enrolment.course_id, func.count()).select_from(Enrolment), Enrolment, scope, role)
        .where(
            Enrolment.course_id.in_(ids),
            Enrolment.created_at >= start,
            Enrolment.created_at < end,
            Enrolment.completed_at.is_not(None),
        )
        .group_by(Enrolment.course_id)
    ):
        figures[course_id].enrolled_then_completed = n
    durations: dict[int, list[float]] = {}
    for course_id, created, completed in db.session.execute(
        _in_scope(
            select(Enrolment.course_id, Enrolment.created_at, Enrolment.completed_at).select_from(Enrolment),
            Enrolment,
            scope,
            role,
        ).where(Enrolment.course_id.in_(ids), Enrolment.completed_at >= start, Enrolment.completed_at < end)
    ):
        durations.setdefault(course_id, []).append((completed - created).total_seconds() / 86400)
    for course_id, days in durations.items():
        figures[course_id].completed = len(days)
        figures[course_id].median_days = int(statistics.median(days) + 0.5)
    for course_id, n in db.session.execute(
        _in_scope(
            select(Certificate.course_id, func.count()).select_from(Certificate), Certificate, scope, role
        )
        .where(Certificate.course_id.in_(ids), Certificate.issued_at >= start, Certificate.issued_at < end)
        .group_by(Certificate.course_id)
    ):
        figures[course_id].certificates = n
    for course_id, n in db.session.execute(
        _in_scope(
            select(Certificate.course_id, func.count()).select_from(Certificate), Certificate, scope, role
        )
        .where(Certificate.course_id.in_(ids), Certificate.revoked_at >= start, Certificate.revoked_at < end)
        .group_by(Certificate.course_id)
    ):
        figures[course_id].revoked = n
    return [
        f
        for f in figures.values()
        if f.course.archived_at is None or f.enrolled or f.completed or f.certificates or f.revoked
    ]
