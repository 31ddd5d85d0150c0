"""Keep the report rollups exact, in the transaction of the event that changes them.

Writers: ORM hooks on every new :class:`~lms.learning.models.Enrolment` (self-enrolment, classes, any
future path) and on every account created or changed (registered accounts: role, programme, school and
``active`` are watched; bulk inserts outside the ORM call :func:`record_registrations`), and receivers of :mod:`lms.learning.signals` (completions and graded attempts). Everything
runs on the caller's connection, so a rolled-back enrolment or completion rolls its counters back too.

Contract for other areas: whoever changes a person's ``school_id`` or ``role`` calls :func:`reattribute`
in the same transaction; ``flask reports rebuild-rollups --check`` finds anything that did not.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, event, inspect, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from lms.courses.models import Course
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Province, School
from lms.learning import signals
from lms.learning.models import Attempt, AttemptStatus, Enrolment
from lms.reports.models import COUNTED_ROLES, NO_PLACE, ActiveDay, Participant, RollupTotal, RollupWeek
from lms.users.models import Role, User

#: Counters kept per week as well as in total ("reached" is total only: see docs/reports.md).
WEEKLY_COUNTERS = ("enrolled", "completed")


def week_of(moment: datetime | date) -> date:
    """The Monday (UTC) of the week containing ``moment``."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def _place_of(conn: Connection, user_id: int) -> dict | None:
    """Role and geography of a person as rollup columns, or None when their role is not counted."""
    row = conn.execute(
        select(User.role, User.school_id, School.province_id, Province.region_id)
        .select_from(User)
        .outerjoin(School, User.school_id == School.id)
        .outerjoin(Province, School.province_id == Province.id)
        .where(User.id == user_id)
    ).one_or_none()
    if row is None or Role(row.role).value not in COUNTED_ROLES:
        return None
    return {
        "role": Role(row.role).value,
        "school_id": row.school_id or NO_PLACE,
        "province_id": row.province_id or NO_PLACE,
        "region_id": row.region_id or NO_PLACE,
    }


def _bump(conn: Connection, programme_id: int, place: dict, at: datetime, **deltas: int) -> None:
    """Add ``deltas`` (enrolled=…, reached=…, completed=…, registered=…) to the programme's total, and the weekly
    counters among them (enrolled, completed) to the week of ``at``."""
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    for model, key in (
        (RollupTotal, {"programme_id": programme_id}),
        (RollupWeek, {"programme_id": programme_id, "week": week_of(at)}),
    ):
        table = model.__table__
        counted = {name: delta for name, delta in deltas.items() if name in table.c}
        if not counted:
            continue
        zero = {name: 0 for name in WEEKLY_COUNTERS + (("reached",) if "reached" in table.c else ())}
        stmt = insert(table).values({**key, **place, **zero, **counted})
        stmt = stmt.on_conflict_do_update(
            index_elements=[*key, "school_id", "role"],
            set_={name: table.c[name] + stmt.excluded[name] for name in counted},
        )
        conn.execute(stmt)


def day_of(moment: datetime) -> date:
    """The UTC day of ``moment``: the key of :class:`~lms.reports.models.ActiveDay`."""
    return moment.astimezone(UTC).date()


def active_day_rows(programme_id: int, place: dict, day: date, people: int) -> list[dict]:
    """The three :class:`~lms.reports.models.ActiveDay` rows (region, province, school) a person at
    ``place`` counts in, each with ``people`` added."""
    region, province, school = place["region_id"], place["province_id"], place["school_id"]
    base = {"programme_id": programme_id, "role": place["role"], "day": day, "people": people}
    return [
        {**base, "level": "region", "parent_id": NO_PLACE, "place_id": region},
        {**base, "level": "province", "parent_id": region, "place_id": province},
        {**base, "level": "school", "parent_id": province, "place_id": school},
    ]


#: The unique key of :class:`~lms.reports.models.ActiveDay`, in its index order.
ACTIVE_DAY_KEY = ("programme_id", "level", "parent_id", "day", "place_id", "role")


def _add_active(conn: Connection, rows: list[dict]) -> None:
    """Add each row's ``people`` to its day, in one statement (rows with the same key are merged first:
    PostgreSQL refuses to update one row twice in a statement; a row at zero stays, unread once old)."""
    merged: Counter = Counter()
    for row in rows:
        merged[tuple(row[name] for name in ACTIVE_DAY_KEY)] += row["people"]
    # In key order: two statements lock the rows they share in the same order.
    values = [
        {**dict(zip(ACTIVE_DAY_KEY, key, strict=True)), "people": n} for key, n in sorted(merged.items()) if n
    ]
    if not values:
        return
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    table = ActiveDay.__table__
    stmt = insert(table).values(values)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=list(ACTIVE_DAY_KEY), set_={"people": table.c.people + stmt.excluded.people}
        )
    )


def _move_active(
    conn: Connection,
    programme_id: int,
    before: tuple[dict, datetime] | None,
    after: tuple[dict, datetime] | None,
) -> None:
    """Move a person's latest active day from ``before`` to ``after``, each (place, moment) or None."""
    rows = []
    if before is not None:
        rows += active_day_rows(programme_id, before[0], day_of(before[1]), -1)
    if after is not None:
        rows += active_day_rows(programme_id, after[0], day_of(after[1]), 1)
    _add_active(conn, rows)


def _school_place(conn: Connection, school_id: int | None) -> dict:
    if school_id is None:
        return {"school_id": NO_PLACE, "province_id": NO_PLACE, "region_id": NO_PLACE}
    row = conn.execute(
        select(School.province_id, Province.region_id)
        .join(Province, School.province_id == Province.id)
        .where(School.id == school_id)
    ).one()
    return {"school_id": school_id, "province_id": row.province_id, "region_id": row.region_id}


def _registration(conn: Connection, role, programme_id, school_id, active) -> tuple[int, dict] | None:
    """(programme, place) an account is counted under as "registered", or None when it is not counted."""
    if not active or programme_id is None or role is None or Role(role).value not in COUNTED_ROLES:
        return None
    return programme_id, {"role": Role(role).value, **_school_place(conn, school_id)}


def record_registrations(conn: Connection, accounts: list[dict]) -> None:
    """Count accounts inserted outside the ORM (``role``, ``programme_id``, ``school_id``, ``active``)."""
    counted: Counter = Counter()
    places: dict[tuple, tuple[int, dict]] = {}
    for account in accounts:
        key = (account.get("role"), account.get("programme_id"), account.get("school_id"))
        if key not in places:
            found = _registration(conn, *key, account.get("active", True))
            if found is None:
                continue
            places[key] = found
        counted[key] += 1
    now = utcnow()
    for key, n in counted.items():
        programme_id, place = places[key]
        _bump(conn, programme_id, place, now, registered=n)


def _on_user_inserted(_mapper, connection: Connection, target: User) -> None:
    active = True if target.active is None else target.active
    found = _registration(connection, target.role, target.programme_id, target.school_id, active)
    if found is not None:
        _bump(connection, found[0], found[1], utcnow(), registered=1)


_WATCHED = ("role", "programme_id", "school_id", "active")


def _on_user_updated(_mapper, connection: Connection, target: User) -> None:
    state = inspect(target)
    before = {}
    for name in _WATCHED:
        history = state.attrs[name].history
        before[name] = history.deleted[0] if history.deleted else getattr(target, name)
    after = {name: getattr(target, name) for name in _WATCHED}
    if before == after:
        return
    old = _registration(connection, *(before[name] for name in _WATCHED))
    new = _registration(connection, *(after[name] for name in _WATCHED))
    if old == new:
        return
    now = utcnow()
    if old is not None:
        _bump(connection, old[0], old[1], now, registered=-1)
    if new is not None:
        _bump(connection, new[0], new[1], now, registered=1)


def _programme_of(conn: Connection, course_id: int) -> int:
    return conn.execute(select(Course.programme_id).where(Course.id == course_id)).scalar_one()


def record_enrolment(conn: Connection, user_id: int, course_id: int, at: datetime) -> None:
    """Count the person in the course's programme unless they already are (first enrolment wins).

    Being enrolled is not activity: a teacher may enrol a whole class that never opens anything.
    """
    place = _place_of(conn, user_id)
    if place is None:
        return
    programme_id = _programme_of(conn, course_id)
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    created = conn.execute(
        insert(Participant.__table__)
        .values(programme_id=programme_id, user_id=user_id, enrolled_at=at, last_active_at=None, **place)
        .on_conflict_do_nothing(index_elements=["programme_id", "user_id"])
        # RETURNING, not rowcount: inside a flush on PostgreSQL, rowcount of this insert is -1.
        .returning(Participant.user_id)
    ).first()
    if created is not None:
        _bump(conn, programme_id, place, at, enrolled=1)


def record_enrolments(conn: Connection, user_ids: list[int], course_id: int, at: datetime) -> None:
    """:func:`record_enrolment` for many new enrolments at once (a roster import): a few statements in all.

    For enrolments inserted without the ORM (the per-row hook does not run for them). As for one
    enrolment, being put in a course is not an action of the learner's own: neither reached nor active.
    """
    if not user_ids:
        return
    programme_id = _programme_of(conn, course_id)
    places = conn.execute(
        select(User.id, User.role, User.school_id, School.province_id, Province.region_id)
        .select_from(User)
        .outerjoin(School, User.school_id == School.id)
        .outerjoin(Province, School.province_id == Province.id)
        .where(User.id.in_(user_ids))
    ).all()
    counted = {
        row.id: {
            "role": Role(row.role).value,
            "school_id": row.school_id or NO_PLACE,
            "province_id": row.province_id or NO_PLACE,
            "region_id": row.region_id or NO_PLACE,
        }
        for row in places
        if Role(row.role).value in COUNTED_ROLES
    }
    if not counted:
        return
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    created = set(
        conn.execute(
            insert(Participant.__table__)
            .values(
                [
                    {
                        "programme_id": programme_id,
                        "user_id": uid,
                        "enrolled_at": at,
                        "last_active_at": None,
                        **place,
                    }
                    for uid, place in counted.items()
                ]
            )
            .on_conflict_do_nothing(index_elements=["programme_id", "user_id"])
            .returning(Participant.user_id)
        ).scalars()
    )
    groups: dict[tuple, int] = {}
    for uid in created:
        key = tuple(sorted(counted[uid].items()))
        groups[key] = groups.get(key, 0) + 1
    for key, count in groups.items():
        _bump(conn, programme_id, dict(key), at, enrolled=count)


def record_completion(conn: Connection, user_id: int, course_id: int, at: datetime) -> None:
    """Count the person as having completed a course of the programme, once."""
    programme_id = _programme_of(conn, course_id)
    _note_activity(conn, programme_id, user_id, at)  # first: the lock order of _note_activity
    claimed = conn.execute(
        update(Participant)
        .where(
            Participant.programme_id == programme_id,
            Participant.user_id == user_id,
            Participant.completed_at.is_(None),
        )
        .values(completed_at=at)
        .returning(Participant.role, Participant.school_id, Participant.province_id, Participant.region_id)
    ).one_or_none()
    if claimed is not None:
        _bump(conn, programme_id, dict(claimed._mapping), at, completed=1)


def _note_activity(conn: Connection, programme_id: int, user_id: int, at: datetime) -> None:
    """Record a learning action of the person's own: the first one counts them as reached, and each one
    on a later day moves them to that day in :class:`~lms.reports.models.ActiveDay`.

    The row is read locked (PostgreSQL; SQLite's writer already holds the database), so two actions of
    one person in concurrent transactions move them from the day the other one left, never twice from
    the same day.
    """
    row = conn.execute(
        select(
            Participant.id,
            Participant.last_active_at,
            Participant.role,
            Participant.school_id,
            Participant.province_id,
            Participant.region_id,
        )
        .where(Participant.programme_id == programme_id, Participant.user_id == user_id)
        .with_for_update()
    ).one_or_none()
    if row is None or (row.last_active_at is not None and row.last_active_at >= at):
        return
    conn.execute(update(Participant).where(Participant.id == row.id).values(last_active_at=at))
    place = {
        "role": row.role,
        "school_id": row.school_id,
        "province_id": row.province_id,
        "region_id": row.region_id,
    }
    # Buckets first, then totals, as a completion does (activity, then its counter): concurrent
    # transactions take the shared rows' locks in one order and never wait on each other in a cycle.
    if row.last_active_at is None:
        _move_active(conn, programme_id, None, (place, at))
        _bump(conn, programme_id, place, at, reached=1)
    elif day_of(row.last_active_at) != day_of(at):
        _move_active(conn, programme_id, (place, row.last_active_at), (place, at))


def record_activity(conn: Connection, user_id: int, course_id: int, at: datetime) -> None:
    _note_activity(conn, _programme_of(conn, course_id), user_id, at)


def reattribute(user: User) -> None:
    """Move the person's counts to their current school and role (call after changing either)."""
    conn = db.session.connection()
    db.session.flush()
    place = _place_of(conn, user.id)
    rows = conn.execute(select(Participant).where(Participant.user_id == user.id)).all()
    for row in rows:
        old = {"role": row.role, "school_id": row.school_id, "province_id": row.province_id}
        old["region_id"] = row.region_id
        if place == old:
            continue
        _bump(conn, row.programme_id, old, row.enrolled_at, enrolled=-1)
        if row.last_active_at is not None:
            _bump(conn, row.programme_id, old, row.last_active_at, reached=-1)
            moved = None if place is None else (place, row.last_active_at)
            _move_active(conn, row.programme_id, (old, row.last_active_at), moved)
        if row.completed_at is not None:
            _bump(conn, row.programme_id, old, row.completed_at, completed=-1)
        if place is None:
            conn.execute(Participant.__table__.delete().where(Participant.id == row.id))
            continue
        _bump(conn, row.programme_id, place, row.enrolled_at, enrolled=1)
        if row.last_active_at is not None:
            _bump(conn, row.programme_id, place, row.last_active_at, reached=1)
        if row.completed_at is not None:
            _bump(conn, row.programme_id, place, row.completed_at, completed=1)
        conn.execute(update(Participant).where(Participant.id == row.id).values(**place))


# Receivers and the hook. Connected by :func:`connect` when the reports blueprint is registered.


def _on_enrolment_inserted(_mapper, connection: Connection, target: Enrolment) -> None:
    record_enrolment(connection, target.user_id, target.course_id, target.created_at)


def _on_course_completed(sender: User, course: Course, at: datetime, **_kwargs) -> None:
    record_completion(db.session.connection(), sender.id, course.id, at)


def _on_item_completed(sender: User, item, at: datetime, **_kwargs) -> None:
    record_activity(db.session.connection(), sender.id, item.course_id, at)


def _on_item_opened(sender: User, item, at: datetime, **_kwargs) -> None:
    record_activity(db.session.connection(), sender.id, item.course_id, at)


def _on_attempt_recorded(sender: User, attempt: Attempt, **_kwargs) -> None:
    if attempt.status == AttemptStatus.GRADED:
        record_activity(db.session.connection(), sender.id, attempt.course_id, attempt.submitted_at)


def connect() -> None:
    """Start maintaining the rollups (idempotent: blinker and the ORM ignore a second connection)."""
    if not event.contains(Enrolment, "after_insert", _on_enrolment_inserted):
        event.listen(Enrolment, "after_insert", _on_enrolment_inserted)
    if not event.contains(User, "after_insert", _on_user_inserted):
        event.listen(User, "after_insert", _on_user_inserted)
        event.listen(User, "after_update", _on_user_updated)
    signals.course_completed.connect(_on_course_completed)
    signals.item_completed.connect(_on_item_completed)
    signals.attempt_recorded.connect(_on_attempt_recorded)
    signals.item_opened.connect(_on_item_opened)
