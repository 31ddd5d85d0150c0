""" "Active in the last 30 days" from day buckets: a person counts once, on the day of their latest own
action, at every level; the buckets always equal what the participants imply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning import operations as learning
from lms.reports.models import ActiveDay, Participant
from lms.reports.queries import Scope, counts_by_place, first_active_day
from lms.reports.rebuild import active_day_problems, rebuild_active_days
from lms.reports.rollups import day_of, reattribute, record_activity
from lms.users.models import Role


def act(user, course, at: datetime) -> None:
    record_activity(db.session.connection(), user.id, course.id, at)
    db.session.commit()


def active(scope: Scope, now: datetime, place_id: int, role: str = "student") -> int:
    return counts_by_place(scope, now).get(place_id, {}).get(f"{role}_active", 0)


def scopes(course, school):
    from lms.programmes.models import Programme

    programme = db.session.get(Programme, course.programme_id)
    province = school.province
    return (
        (Scope(programme), province.region_id),
        (Scope(programme, province.region), province.id),
        (Scope(programme, province.region, province), school.id),
    )


def test_a_person_moves_to_the_day_of_their_latest_action_at_every_level(make_user, course, school):
    pupil = make_user(school_id=school.id)
    learning.enrol(pupil, course)
    db.session.commit()
    now = utcnow()
    assert db.session.scalar(select(ActiveDay.id)) is None  # enrolled is not active
    act(pupil, course, now - timedelta(days=40))
    act(pupil, course, now - timedelta(days=40, hours=-1))  # same day or the next: one bucket either way
    act(pupil, course, now - timedelta(days=2))
    act(pupil, course, now - timedelta(days=10))  # an older moment arriving late changes nothing
    days = db.session.execute(select(ActiveDay.level, ActiveDay.day, ActiveDay.people)).all()
    assert {(level, day) for level, day, n in days if n} == {
        (level, day_of(now - timedelta(days=2))) for level in ("region", "province", "school")
    }
    assert all(n in (0, 1) for *_, n in days)
    assert active_day_problems() == []
    for scope, place in scopes(course, school):
        assert active(scope, now, place) == 1


def test_the_window_is_today_and_the_29_days_before(make_user, course, school):
    now = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    assert first_active_day(now) == datetime(2026, 11, 7).date()
    ages = {"today": 0, "day 29": 29, "day 30": 30, "day 45": 45}
    for label, days in ages.items():
        pupil = make_user(school_id=school.id, display_name=label)
        learning.enrol(pupil, course)
        db.session.commit()
        act(pupil, course, now - timedelta(days=days))
    for scope, place in scopes(course, school):
        assert active(scope, now, place) == 2  # today and 29 days ago
        assert active(scope, now + timedelta(days=30), place) == 0


def test_teachers_and_pupils_and_places_are_counted_apart(make_user, make_school, course, school):
    elsewhere = make_school("MA-01")
    teacher = make_user(Role.TEACHER, school_id=school.id)
    pupils = [make_user(school_id=school.id), make_user(school_id=elsewhere.id), make_user()]
    for person in (teacher, *pupils):
        learning.enrol(person, course)
    db.session.commit()
    now = utcnow()
    for person in (teacher, *pupils):
        act(person, course, now)
    national, _region, _province = scopes(course, school)
    counts = counts_by_place(national[0], now)
    here, there = school.province.region_id, elsewhere.province.region_id
    assert (counts[here]["teacher_active"], counts[here]["student_active"]) == (1, 1)
    assert (counts[there]["teacher_active"], counts[there]["student_active"]) == (0, 1)
    assert counts[0]["student_active"] == 1  # no school recorded: the "no place" row
    assert active_day_problems() == []


def test_a_move_to_another_school_moves_the_active_day(make_user, make_school, course, school):
    pupil = make_user(school_id=school.id)
    learning.enrol(pupil, course)
    db.session.commit()
    now = utcnow()
    act(pupil, course, now - timedelta(days=3))
    elsewhere = make_school("MA-01")
    pupil.school_id = elsewhere.id
    reattribute(pupil)
    db.session.commit()
    assert active_day_problems() == []
    national = scopes(course, school)[0][0]
    counts = counts_by_place(national, now)
    assert counts.get(school.province.region_id, {}).get("student_active", 0) == 0
    assert counts[elsewhere.province.region_id]["student_active"] == 1
    pupil.role = Role.ADMIN  # no longer counted: leaves the buckets
    reattribute(pupil)
    db.session.commit()
    assert active_day_problems() == []
    assert db.session.scalar(select(Participant.id)) is None


def test_a_drifted_bucket_is_reported_and_rebuilt(runner, make_user, course, school):
    from lms.reports.cli import reports_cli

    pupil = make_user(school_id=school.id)
    learning.enrol(pupil, course)
    db.session.commit()
    act(pupil, course, utcnow())
    bucket = db.session.scalar(select(ActiveDay).where(ActiveDay.level == "school"))
    bucket.people = 5
    db.session.commit()
    result = runner.invoke(reports_cli, ["rebuild-rollups", "--check"])
    assert result.exit_code == 1 and "active days" in result.output
    assert rebuild_active_days() == 3  # one row per level
    db.session.commit()
    assert active_day_problems() == []
    assert db.session.scalar(select(ActiveDay.people).where(ActiveDay.level == "school")) == 1
