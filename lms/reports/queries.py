"""Programme report read model: the figures of :mod:`lms.reports.vocabulary`, per place and role.

Registered, enrolled, reached and completed come from :class:`~lms.reports.models.RollupTotal` (a few
rows per school, whatever the number of learners); "active in the last 30 days" from the day buckets of
:class:`~lms.reports.models.ActiveDay` (a row per place, role and day); certified from the certificates
themselves (one grouped, indexed query). A report
always concerns one programme: people are counted once per programme, so programmes are never summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, case, func, select

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.programmes.models import Programme
from lms.reports.models import NO_PLACE, ActiveDay, RollupTotal, RollupWeek
from lms.reports.rollups import week_of
from lms.reports.vocabulary import ACTIVE_DAYS, MEASURES, ROLES
from lms.users.models import Role, User

TREND_WEEKS = 12
#: Column keys, role_measure, in the order of the tables.
METRICS = tuple(f"{role}_{measure}" for role in ROLES for measure in MEASURES)


@dataclass(frozen=True)
class Scope:
    """What one report shows: a programme, nationally or in a region, or a province of it."""

    programme: Programme
    region: Region | None = None
    province: Province | None = None

    @property
    def level(self) -> str:
        """The kind of place each row is: ``region``, ``province`` or ``school``."""
        return "school" if self.province else "province" if self.region else "region"

    def where(self, model) -> list:
        """Conditions in the order of the place index: programme, then region, then province."""
        conditions = [model.programme_id == self.programme.id]
        if self.region is not None:
            conditions.append(model.region_id == self.region.id)
        if self.province is not None:
            conditions.append(model.province_id == self.province.id)
        return conditions

    def group_column(self, model):
        return {"region": model.region_id, "province": model.province_id, "school": model.school_id}[
            self.level
        ]


def totals_query(scope: Scope) -> Select:
    """Accounts registered, and people enrolled, reached and completed, per place and role: a range of
    the rollup's unique index."""
    place = scope.group_column(RollupTotal)
    return (
        select(
            place,
            RollupTotal.role,
            func.sum(RollupTotal.enrolled),
            func.sum(RollupTotal.reached),
            func.sum(RollupTotal.completed),
            func.sum(RollupTotal.registered),
        )
        .where(*scope.where(RollupTotal))
        .group_by(place, RollupTotal.role)
    )


def _place_columns(scope: Scope):
    """The person's place as (region, province, school) columns, NO_PLACE without a school."""
    return (
        func.coalesce(Province.region_id, NO_PLACE),
        func.coalesce(School.province_id, NO_PLACE),
        func.coalesce(User.school_id, NO_PLACE),
    )


def _people_query(scope: Scope, count, base: Select) -> Select:
    """Group ``base`` (which selects from users) by the scope's places and role, within the scope."""
    region, province, school = _place_columns(scope)
    place = {"region": region, "province": province, "school": school}[scope.level]
    query = (
        base.add_columns(place, User.role, count)
        .outerjoin(School, User.school_id == School.id)
        .outerjoin(Province, School.province_id == Province.id)
        .where(User.role.in_([Role(r) for r in ROLES]))
        .group_by(place, User.role)
    )
    if scope.region is not None:
        query = query.where(Province.region_id == scope.region.id)
    if scope.province is not None:
        query = query.where(School.province_id == scope.province.id)
    return query


def certified_query(scope: Scope) -> Select:
    """People holding at least one valid (unrevoked) certificate of the programme, per place and role."""
    base = (
        select()
        .select_from(Certificate)
        .join(User, Certificate.user_id == User.id)
        .where(Certificate.programme_id == scope.programme.id, Certificate.revoked_at.is_(None))
    )
    return _people_query(scope, func.count(func.distinct(Certificate.user_id)), base)


def certificates_issued(scope: Scope) -> int:
    """Valid certificates of the programme in the scope (a person may hold several)."""
    query = (
        select(func.count(Certificate.id))
        .select_from(Certificate)
        .join(User, Certificate.user_id == User.id)
        .outerjoin(School, User.school_id == School.id)
        .outerjoin(Province, School.province_id == Province.id)
        .where(Certificate.programme_id == scope.programme.id, Certificate.revoked_at.is_(None))
    )
    if scope.region is not None:
        query = query.where(Province.region_id == scope.region.id)
    if scope.province is not None:
        query = query.where(School.province_id == scope.province.id)
    return int(db.session.scalar(query) or 0)


def first_active_day(now: datetime) -> date:
    """The first day of the window "active in the last 30 days": today (UTC) and the 29 days before."""
    return now.astimezone(UTC).date() - timedelta(days=ACTIVE_DAYS - 1)


def active_query(scope: Scope, now: datetime) -> Select:
    """Teachers and pupils active in the last 30 days per place: the last 30 days of the day buckets at
    the scope's level, a range of their unique index (at most 30 × places × 2 rows, whatever the number
    of people: a national report reads the 12 regions' rows)."""
    level = scope.level
    parent = scope.province if scope.province else scope.region
    return (
        select(
            ActiveDay.place_id,
            *(func.sum(case((ActiveDay.role == role, ActiveDay.people), else_=0)) for role in ROLES),
        )
        .where(
            ActiveDay.programme_id == scope.programme.id,
            ActiveDay.level == level,
            ActiveDay.parent_id == (NO_PLACE if parent is None else parent.id),
            ActiveDay.day >= first_active_day(now),
        )
        .group_by(ActiveDay.place_id)
    )


def counts_by_place(scope: Scope, now: datetime) -> dict[int, dict[str, int]]:
    """Place id → metric → number, for the places one level under the scope (two grouped queries)."""
    counts: dict[int, dict[str, int]] = {}
    for place_id, role, enrolled, reached, completed, registered in db.session.execute(totals_query(scope)):
        row = counts.setdefault(place_id, {})
        row[f"{role}_registered"] = int(registered or 0)
        row[f"{role}_enrolled"] = int(enrolled or 0)
        row[f"{role}_reached"] = int(reached or 0)
        row[f"{role}_completed"] = int(completed or 0)
    for place_id, *active in db.session.execute(active_query(scope, now)):
        counts.setdefault(place_id, {}).update(
            {f"{role}_active": int(n or 0) for role, n in zip(ROLES, active, strict=True)}
        )
    for place_id, role, n in db.session.execute(certified_query(scope)):
        counts.setdefault(place_id, {})[f"{Role(role).value}_certified"] = int(n or 0)
    return counts


def places(scope: Scope, language: str) -> list[tuple[int, str, str]]:
    """(id, code, name) of every place one level under the scope, in reading order."""
    if scope.level == "region":
        rows = db.session.scalars(select(Region).order_by(Region.code)).all()
        return [(r.id, r.code, r.name_for(language)) for r in rows]
    model, parent = (
        (School, School.province_id) if scope.level == "school" else (Province, Province.region_id)
    )
    parent_id = scope.province.id if scope.level == "school" else scope.region.id
    rows = db.session.scalars(select(model).where(parent == parent_id)).all()
    return sorted(((r.id, r.code, r.name_for(language)) for r in rows), key=lambda p: (p[2].casefold(), p[1]))


def counts_by_programme(programmes: list[Programme], now: datetime) -> dict[int, dict[str, int]]:
    """Programme id → the published figures, nationally, for several programmes in three grouped
    queries (the same definitions as :func:`headline`; ``now`` is unused and kept for symmetry)."""
    ids = [p.id for p in programmes]
    counts: dict[int, dict[str, int]] = {
        i: dict.fromkeys(("teachers_trained", "learners_reached", "certificates"), 0) for i in ids
    }
    for programme_id, reached in db.session.execute(
        select(RollupTotal.programme_id, func.sum(RollupTotal.reached))
        .where(RollupTotal.programme_id.in_(ids), RollupTotal.role == "student")
        .group_by(RollupTotal.programme_id)
    ):
        counts[programme_id]["learners_reached"] = int(reached or 0)
    valid = (Certificate.programme_id.in_(ids), Certificate.revoked_at.is_(None))
    for programme_id, trained in db.session.execute(
        select(Certificate.programme_id, func.count(func.distinct(Certificate.user_id)))
        .join(User, Certificate.user_id == User.id)
        .where(*valid, User.role == Role.TEACHER)
        .group_by(Certificate.programme_id)
    ):
        counts[programme_id]["teachers_trained"] = int(trained or 0)
    for programme_id, issued in db.session.execute(
        select(Certificate.programme_id, func.count(Certificate.id))
        .where(*valid)
        .group_by(Certificate.programme_id)
    ):
        counts[programme_id]["certificates"] = int(issued or 0)
    return counts


@dataclass(frozen=True)
class Week:
    start: date
    enrolled: int
    completed: int


def trend(scope: Scope, now: datetime) -> list[Week]:
    """New people and first completions per week, over the last 12 weeks (the current one included)."""
    first = week_of(now) - timedelta(weeks=TREND_WEEKS - 1)
    found = {
        week: (int(enrolled or 0), int(completed or 0))
        for week, enrolled, completed in db.session.execute(
            select(RollupWeek.week, func.sum(RollupWeek.enrolled), func.sum(RollupWeek.completed))
            .where(*scope.where(RollupWeek), RollupWeek.week >= first)
            .group_by(RollupWeek.week)
        )
    }
    weeks = [first + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    return [Week(w, *found.get(w, (0, 0))) for w in weeks]


def headline(scope: Scope, now: datetime, counts: dict[int, dict[str, int]] | None = None) -> dict[str, int]:
    """The scope's totals, metric → number, and the published figures (teachers trained, learners
    reached, certificates issued): what the landing page, the report and the summary all show."""
    counts = counts_by_place(scope, now) if counts is None else counts
    totals: dict[str, int] = dict.fromkeys(METRICS, 0)
    for values in counts.values():
        for key, value in values.items():
            totals[key] += value
    totals["teachers_trained"] = totals["teacher_certified"]
    totals["learners_reached"] = totals["student_reached"]
    totals["certificates"] = certificates_issued(scope)
    return totals
