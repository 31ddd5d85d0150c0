"""Rollups kept by events equal rollups recomputed from scratch, and the CLI proves it."""

from __future__ import annotations

from sqlalchemy import func, select, update

from lms.classes import operations
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning import operations as learning
from lms.learning import signals
from lms.reports.cli import reports_cli
from lms.reports.models import Participant, RollupTotal, RollupWeek
from lms.reports.rebuild import active_day_problems, compare, expected_rollups, rebuild, stored_rollups
from lms.users.models import Role, User
from tests.classes.conftest import WRONG, complete_course, complete_first_unit, programme_id, submit


def totals() -> dict:
    rows = db.session.execute(
        select(
            RollupTotal.programme_id,
            RollupTotal.school_id,
            RollupTotal.role,
            RollupTotal.enrolled,
            RollupTotal.completed,
        )
    ).all()
    return {(p, s, r): (e, c) for p, s, r, e, c in rows if e or c}


def test_a_scripted_year_of_events_matches_a_rebuild(runner, make_user, make_school, install, klass, school):
    sic_a, sic_b = install(slug="sic-a"), install(slug="sic-b")
    digi = install(slug="digi", programme="digischool")
    other_school = make_school("MA-09")
    teacher = make_user(Role.TEACHER, school_id=other_school.id)
    for course in (sic_a, sic_b, digi):
        learning.enrol(teacher, course)  # one person, two programmes: counted once in each
    db.session.commit()
    complete_course(teacher, sic_a)
    complete_course(teacher, sic_b)  # a second completion in SIC does not count twice
    operations.assign_course(klass, sic_a)
    pupils = [make_user() for _ in range(4)]
    for pupil in pupils[:3]:
        operations.join_with_code(pupil, klass.join_code)  # no school yet: takes the class's
    db.session.commit()
    learning.enrol(pupils[3], digi)  # self-enrolled, no school
    db.session.commit()
    complete_first_unit(pupils[0], sic_a)
    complete_course(pupils[1], sic_a)
    for _ in range(2):
        submit(pupils[2], sic_a, "quiz-bases", WRONG)
    operations.join_with_code(pupils[3], klass.join_code)  # moves their DigiSchool count to the school
    db.session.commit()
    learning.enrol(make_user(Role.ADMIN), sic_a)  # admins are not counted
    db.session.commit()

    assert compare(expected_rollups(), stored_rollups()) == []
    assert active_day_problems() == []
    sic, digischool = programme_id("sic"), programme_id("digischool")
    assert totals() == {
        (sic, other_school.id, "teacher"): (1, 1),
        (digischool, other_school.id, "teacher"): (1, 0),
        (sic, school.id, "student"): (4, 1),  # the fourth pupil joined the class too
        (digischool, school.id, "student"): (1, 0),
    }
    weekly = db.session.execute(select(func.sum(RollupWeek.enrolled), func.sum(RollupWeek.completed))).one()
    assert tuple(weekly) == (7, 2)
    result = runner.invoke(reports_cli, ["rebuild-rollups", "--check"])
    assert result.exit_code == 0, result.output
    assert "rollups match: 7 participant(s)" in result.output


def test_check_fails_on_a_difference_and_rebuild_repairs(runner, make_user, course, school):
    pupil = make_user(school_id=school.id)
    learning.enrol(pupil, course)
    db.session.commit()
    db.session.execute(update(RollupTotal).values(enrolled=RollupTotal.enrolled + 5))
    db.session.commit()
    result = runner.invoke(reports_cli, ["rebuild-rollups", "--check"])
    assert result.exit_code == 1 and "expected" in result.output
    result = runner.invoke(reports_cli, ["rebuild-rollups"])
    assert result.exit_code == 0 and "differences corrected" in result.output
    assert runner.invoke(reports_cli, ["rebuild-rollups", "--check"]).exit_code == 0


def test_counts_roll_back_with_the_event_that_made_them(make_user, course, school):
    pupil = make_user(school_id=school.id)
    learning.enrol(pupil, course)
    db.session.commit()
    db.session.execute(update(User).where(User.id == pupil.id).values(language="ar"))  # opens the transaction
    signals.course_completed.send(pupil, course=course, enrolment=None, at=utcnow())
    assert totals() == {(course.programme_id, school.id, "student"): (1, 1)}
    db.session.rollback()
    assert totals() == {(course.programme_id, school.id, "student"): (1, 0)}
    assert db.session.scalar(select(Participant.completed_at)) is None


def test_rebuild_on_an_empty_database_and_activity_dates(make_user, course, school):
    pupil = make_user(school_id=school.id)
    learning.enrol(pupil, course)
    db.session.commit()
    complete_first_unit(pupil, course)
    row = db.session.scalar(select(Participant))
    assert row.last_active_at > row.enrolled_at
    rebuild()
    db.session.commit()
    assert compare(expected_rollups(), stored_rollups()) == []
    assert active_day_problems() == []


def registered() -> dict:
    rows = db.session.execute(
        select(RollupTotal.programme_id, RollupTotal.school_id, RollupTotal.role, RollupTotal.registered)
    ).all()
    return {(p, s, r): n for p, s, r, n in rows if n}


def test_registered_accounts_follow_every_change_of_an_account(make_user, make_school, school):
    sic, digischool = programme_id("sic"), programme_id("digischool")
    other = make_school("MA-07")
    pupil = make_user(school_id=school.id, programme_id=sic)
    make_user(Role.ADMIN, programme_id=sic)  # not counted
    make_user(school_id=school.id)  # joined through no programme: not counted
    db.session.commit()
    assert registered() == {(sic, school.id, "student"): 1}
    pupil.school_id = other.id
    db.session.commit()
    assert registered() == {(sic, other.id, "student"): 1}
    pupil.active = False
    db.session.commit()
    assert registered() == {}
    pupil.active, pupil.role, pupil.programme_id = True, Role.TEACHER, digischool
    db.session.commit()
    assert registered() == {(digischool, other.id, "teacher"): 1}
    db.session.refresh(pupil)  # an expired account changed later still moves from where it was
    pupil.school_id = None
    db.session.commit()
    assert registered() == {(digischool, 0, "teacher"): 1}
    assert compare(expected_rollups(), stored_rollups()) == []


def test_accounts_inserted_in_bulk_are_counted_like_the_others(make_user, school):
    from lms.reports.rollups import record_registrations

    sic = programme_id("sic")
    db.session.execute(
        User.__table__.insert(),
        [
            {
                "email": f"bulk{n}@example.ma",
                "display_name": f"Bulk {n}",
                "role": Role.STUDENT,
                "school_id": school.id,
                "programme_id": sic,
                "password_hash": "x",
                "session_token": f"token-{n}",
            }
            for n in range(3)
        ],
    )
    record_registrations(
        db.session.connection(), [{"role": Role.STUDENT, "programme_id": sic, "school_id": school.id}] * 3
    )
    db.session.commit()
    assert registered() == {(sic, school.id, "student"): 3}
    assert compare(expected_rollups(), stored_rollups()) == []
