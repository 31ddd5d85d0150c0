"""Recompute the rollups from enrolments, progress and attempts: the proof that the increments are right.

:func:`expected_rollups` reads only primary data (a handful of grouped queries, whatever the scale);
:func:`compare` lists where the stored rollups differ; :func:`rebuild` replaces them. Run it after
restoring a backup, after upgrading a database that had enrolments before the rollups existed, or
when ``--check`` reports a difference. Run it when nobody is learning: an event recorded while the
tables are rewritten could be lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Date, cast, delete, func, insert, select

from lms.courses.models import Course
from lms.extensions import db
from lms.geo.models import Province, School
from lms.learning.models import Attempt, AttemptStatus, Enrolment, ItemProgress
from lms.reports.models import NO_PLACE, ActiveDay, Participant, RollupTotal, RollupWeek
from lms.reports.rollups import ACTIVE_DAY_KEY, COUNTED_ROLES, active_day_rows, week_of
from lms.users.models import Role, User


class Place(NamedTuple):
    role: str
    school_id: int
    province_id: int
    region_id: int


class Facts(NamedTuple):
    place: Place
    enrolled_at: datetime
    completed_at: datetime | None
    #: Whether the person did something themselves. Compared instead of the moment of their latest
    #: action, which the increments take from the event (a grade arrives after its submission).
    reached: bool


@dataclass
class Rollups:
    #: (programme_id, user_id) → facts
    participants: dict[tuple[int, int], Facts] = field(default_factory=dict)
    #: (programme_id, user_id) → the person's latest own learning action (for :func:`rebuild`)
    last_active: dict[tuple[int, int], datetime | None] = field(default_factory=dict)
    #: (programme_id, place) → Counter(enrolled=…, reached=…, completed=…, registered=…); weeks add the Monday to
    #: the key and count enrolled and completed only.
    totals: dict[tuple, Counter] = field(default_factory=dict)
    weeks: dict[tuple, Counter] = field(default_factory=dict)

    def count(self, table: dict, key: tuple, name: str, delta: int = 1) -> None:
        table.setdefault(key, Counter())[name] += delta


def _latest(*moments: datetime | None) -> datetime | None:
    return max((m for m in moments if m is not None), default=None)


def expected_rollups(users: tuple[int, int] | None = None, accounts: bool = True) -> Rollups:
    """The rollups as they should be, computed from scratch.

    ``users`` limits the people counted to a range of ids ``[first, end)`` and ``accounts=False`` leaves
    out the registered accounts, so that :func:`rebuild_in_batches` can hold one slice in memory at a time.
    """
    programme = Course.programme_id.label("programme_id")

    def only(column):
        return [] if users is None else [column >= users[0], column < users[1]]

    enrolments = db.session.execute(
        select(
            programme,
            Enrolment.user_id,
            User.role,
            User.school_id,
            School.province_id,
            Province.region_id,
            func.min(Enrolment.created_at),
            func.min(Enrolment.completed_at),
        )
        .join(Course, Enrolment.course_id == Course.id)
        .join(User, Enrolment.user_id == User.id)
        .outerjoin(School, User.school_id == School.id)
        .outerjoin(Province, School.province_id == Province.id)
        .where(User.role.in_([Role(r) for r in COUNTED_ROLES]), *only(Enrolment.user_id))
        .group_by(
            programme, Enrolment.user_id, User.role, User.school_id, School.province_id, Province.region_id
        )
    ).all()
    items = dict(
        ((p, u), at)
        for p, u, at in db.session.execute(
            select(programme, ItemProgress.user_id, func.max(ItemProgress.last_activity_at))
            .join(Course, ItemProgress.course_id == Course.id)
            .where(ItemProgress.last_activity_at.is_not(None), *only(ItemProgress.user_id))
            .group_by(programme, ItemProgress.user_id)
        )
    )
    attempts = dict(
        ((p, u), at)
        for p, u, at in db.session.execute(
            select(programme, Attempt.user_id, func.max(Attempt.submitted_at))
            .join(Course, Attempt.course_id == Course.id)
            .where(Attempt.status == AttemptStatus.GRADED, *only(Attempt.user_id))
            .group_by(programme, Attempt.user_id)
        )
    )
    result = Rollups()
    for programme_id, user_id, role, school, province, region, first, completed in enrolments:
        key = (programme_id, user_id)
        place = Place(Role(role).value, school or NO_PLACE, province or NO_PLACE, region or NO_PLACE)
        active = _latest(items.get(key), attempts.get(key))
        result.participants[key] = Facts(place, first, completed, active is not None)
        result.last_active[key] = active
        result.count(result.totals, (programme_id, place), "enrolled")
        if active is not None:
            result.count(result.totals, (programme_id, place), "reached")
        result.count(result.weeks, (programme_id, week_of(first), place), "enrolled")
        if completed is not None:
            result.count(result.totals, (programme_id, place), "completed")
            result.count(result.weeks, (programme_id, week_of(completed), place), "completed")
    if accounts:
        _count_accounts(result)
    return result


def _count_accounts(result: Rollups) -> None:
    """Add the registered accounts per place (one grouped query: a row per place, not per person)."""
    accounts = db.session.execute(
        select(
            User.programme_id, User.role, User.school_id, School.province_id, Province.region_id, func.count()
        )
        .outerjoin(School, User.school_id == School.id)
        .outerjoin(Province, School.province_id == Province.id)
        .where(
            User.programme_id.is_not(None),
            User.active.is_(True),
            User.role.in_([Role(r) for r in COUNTED_ROLES]),
        )
        .group_by(User.programme_id, User.role, User.school_id, School.province_id, Province.region_id)
    )
    for programme_id, role, school, province, region, n in accounts:
        place = Place(Role(role).value, school or NO_PLACE, province or NO_PLACE, region or NO_PLACE)
        result.count(result.totals, (programme_id, place), "registered", n)


def stored_rollups() -> Rollups:
    """The rollups as the increments left them (rows whose counters are all zero are ignored)."""
    result = Rollups()
    for row in db.session.scalars(select(Participant)):
        place = Place(row.role, row.school_id, row.province_id, row.region_id)
        facts = Facts(place, row.enrolled_at, row.completed_at, row.last_active_at is not None)
        result.participants[(row.programme_id, row.user_id)] = facts
        result.last_active[(row.programme_id, row.user_id)] = row.last_active_at
    for model, table in ((RollupTotal, result.totals), (RollupWeek, result.weeks)):
        for row in db.session.scalars(select(model)):
            place = Place(row.role, row.school_id, row.province_id, row.region_id)
            key = (row.programme_id, row.week, place) if model is RollupWeek else (row.programme_id, place)
            for name in ("enrolled", "reached", "completed", "registered"):
                if getattr(row, name, 0):
                    result.count(table, key, name, getattr(row, name))
    return result


def compare(expected: Rollups, stored: Rollups, limit: int = 20) -> list[str]:
    """Describe up to ``limit`` differences between two sets of rollups (empty when they agree)."""
    problems: list[str] = []
    for label in ("participants", "totals", "weeks"):
        want, have = getattr(expected, label), getattr(stored, label)
        for key in sorted(want.keys() | have.keys(), key=repr):
            if want.get(key) != have.get(key):
                problems.append(f"{label} {key}: expected {want.get(key)}, stored {have.get(key)}")
    return problems[:limit] + ([f"… {len(problems) - limit} more"] if len(problems) > limit else [])


def _participant_rows(rollups: Rollups) -> list[dict]:
    return [
        {
            "programme_id": programme_id,
            "user_id": user_id,
            **facts.place._asdict(),
            "enrolled_at": facts.enrolled_at,
            "completed_at": facts.completed_at,
            "last_active_at": rollups.last_active.get((programme_id, user_id)),
        }
        for (programme_id, user_id), facts in rollups.participants.items()
    ]


def _counter_rows(rollups: Rollups) -> tuple[list[dict], list[dict]]:
    totals = [
        {
            "programme_id": p,
            **place._asdict(),
            "enrolled": c["enrolled"],
            "reached": c["reached"],
            "completed": c["completed"],
            "registered": c["registered"],
        }
        for (p, place), c in rollups.totals.items()
    ]
    weeks = [
        {
            "programme_id": p,
            "week": w,
            **place._asdict(),
            "enrolled": c["enrolled"],
            "completed": c["completed"],
        }
        for (p, w, place), c in rollups.weeks.items()
    ]
    return totals, weeks


def _insert(model, rows: list[dict], chunk: int) -> None:
    for start in range(0, len(rows), chunk):
        db.session.execute(insert(model), rows[start : start + chunk])


def _utc_day(column):
    """The UTC day of a stored moment, in SQL (SQLite keeps naive UTC text, PostgreSQL timestamptz)."""
    if db.engine.dialect.name == "postgresql":
        return cast(func.timezone("UTC", column), Date)
    return func.date(column)


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def implied_active_days() -> Counter:
    """Each :class:`ActiveDay` key → people, as the stored participants' latest actions imply: one
    grouped query (a row per place, role and day, not per person)."""
    place = (
        Participant.programme_id,
        Participant.role,
        Participant.school_id,
        Participant.province_id,
        Participant.region_id,
        _utc_day(Participant.last_active_at),
    )
    rows = db.session.execute(
        select(*place, func.count()).where(Participant.last_active_at.is_not(None)).group_by(*place)
    )
    days: Counter = Counter()
    for programme_id, role, school, province, region, when, n in rows:
        place = {"role": role, "school_id": school, "province_id": province, "region_id": region}
        for row in active_day_rows(programme_id, place, _day(when), n):
            days[tuple(row[name] for name in ACTIVE_DAY_KEY)] += n
    return days


def stored_active_days() -> Counter:
    """Each :class:`ActiveDay` key → people, as stored (days at zero left out)."""
    columns = [getattr(ActiveDay, name) for name in ACTIVE_DAY_KEY]
    return Counter({tuple(key): n for *key, n in db.session.execute(select(*columns, ActiveDay.people)) if n})


def active_day_problems(limit: int = 20) -> list[str]:
    """Where the day buckets differ from the stored participants' latest actions (empty when they agree)."""
    want, have = implied_active_days(), stored_active_days()
    problems = [
        f"active days {key}: expected {want.get(key, 0)}, stored {have.get(key, 0)}"
        for key in sorted(want.keys() | have.keys(), key=repr)
        if want.get(key, 0) != have.get(key, 0)
    ]
    return problems[:limit] + ([f"… {len(problems) - limit} more"] if len(problems) > limit else [])


def rebuild_active_days(chunk: int = 5000) -> int:
    """Replace the day buckets with what the stored participants imply; returns the rows written."""
    db.session.execute(delete(ActiveDay))
    rows = [
        {**dict(zip(ACTIVE_DAY_KEY, key, strict=True)), "people": n}
        for key, n in implied_active_days().items()
    ]
    _insert(ActiveDay, rows, chunk)
    return len(rows)


def rebuild(expected: Rollups | None = None, chunk: int = 5000) -> Rollups:
    """Replace the stored rollups with ``expected`` (computed now by default); the caller commits."""
    expected = expected or expected_rollups()
    for model in (Participant, RollupTotal, RollupWeek):
        db.session.execute(delete(model))
    totals, weeks = _counter_rows(expected)
    for model, rows in (
        (Participant, _participant_rows(expected)),
        (RollupTotal, totals),
        (RollupWeek, weeks),
    ):
        _insert(model, rows, chunk)
    rebuild_active_days(chunk)
    return expected


@dataclass
class Rebuilt:
    """What :func:`rebuild_in_batches` wrote (it keeps no participant in memory)."""

    participants: int
    totals: int
    weeks: int
    active_days: int


def rebuild_in_batches(users_per_batch: int = 20_000, chunk: int = 5000) -> Rebuilt:
    """:func:`rebuild` in bounded memory, for a national database: participants are computed and written a
    range of user ids at a time, while the totals and weeks (a row per place, not per person) accumulate.
    The caller commits, as for :func:`rebuild`."""
    for model in (Participant, RollupTotal, RollupWeek):
        db.session.execute(delete(model))
    low, high = db.session.execute(select(func.min(Enrolment.user_id), func.max(Enrolment.user_id))).one()
    counters = Rollups()
    written = 0
    for first in range(low or 0, (high or -1) + 1, users_per_batch):
        part = expected_rollups(users=(first, first + users_per_batch), accounts=False)
        _insert(Participant, _participant_rows(part), chunk)
        written += len(part.participants)
        for table, mine in ((part.totals, counters.totals), (part.weeks, counters.weeks)):
            for key, counts in table.items():
                mine.setdefault(key, Counter()).update(counts)
        db.session.expunge_all()
    _count_accounts(counters)
    totals, weeks = _counter_rows(counters)
    _insert(RollupTotal, totals, chunk)
    _insert(RollupWeek, weeks, chunk)
    days = rebuild_active_days(chunk)
    return Rebuilt(written, len(totals), len(weeks), days)
