"""Two learners, two workers, the same item — on PostgreSQL, where row locks and MVCC are real."""

from __future__ import annotations

import threading

from flask import current_app
from sqlalchemy import func, select

from lms.courses.models import Item
from lms.extensions import db
from lms.grading import worker
from lms.learning import operations
from lms.learning.models import Attempt, AttemptStatus, ItemProgress, ItemStatus, UnitProgress
from lms.users.models import User
from tests.grading.conftest import DEMO, xdist_slot

SOLUTION = (DEMO / "units/premiers-pas/somme/solution.py").read_text()
WRONG = "def somme(a, b):\n    return a - b\n"


def _in_threads(app, functions):
    """Run each function in its own thread and app context, released together; return their results."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)
    errors: list[BaseException] = []

    def run(index, function):
        with app.app_context():
            try:
                barrier.wait(timeout=120)
                results[index] = function()
            except BaseException as error:  # reported in the test's thread below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
        assert not thread.is_alive(), "a thread did not finish"
    assert not errors, errors
    return results


def _somme(course) -> Item:
    return db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == "somme"))


def test_two_workers_racing_for_one_attempt_claim_it_once(app, learner, demo_course):
    attempt = operations.submit_exercise(
        learner, _somme(demo_course), {"code": SOLUTION}, current_app.extensions["exercise_types"], "fr"
    )
    db.session.commit()
    attempt_id = attempt.id
    db.session.remove()
    claims = _in_threads(app, [lambda: worker.claim(attempt_id)] * 4)
    assert sorted(claims, key=lambda c: c is None) == [1, None, None, None]


def test_two_learners_and_two_workers_on_the_same_item_count_every_attempt_once(app, make_user, demo_course):
    types = current_app.extensions["exercise_types"]
    learners = [make_user(language="en"), make_user(language="fr")]
    for user in learners:
        operations.enrol(user, demo_course)
    db.session.commit()
    learner_ids = [user.id for user in learners]
    item_id = _somme(demo_course).id
    db.session.remove()

    def submit_all(user_id):
        def submit():
            user, item = db.session.get(User, user_id), db.session.get(Item, item_id)
            for code in (WRONG, SOLUTION, WRONG):
                operations.submit_exercise(user, item, {"code": code}, types, "fr")
                db.session.commit()

        return submit

    _in_threads(app, [submit_all(uid) for uid in learner_ids])
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 6
    numbers = db.session.execute(select(Attempt.user_id, Attempt.number).order_by(Attempt.id)).all()
    assert sorted(numbers) == sorted((uid, n) for uid in learner_ids for n in (1, 2, 3))
    db.session.remove()

    slot = xdist_slot()  # one slot: the sandbox serialises its runs, the database race stays real
    graded = _in_threads(app, [lambda: worker.work(slot, once=True)] * 2)
    assert sum(graded) == 6
    attempts = db.session.scalars(select(Attempt)).all()
    assert all(a.status is AttemptStatus.GRADED and a.tries == 1 for a in attempts)
    for user_id in learner_ids:
        rows = db.session.scalars(select(ItemProgress).where(ItemProgress.user_id == user_id)).all()
        somme = [row for row in rows if row.item_id == item_id]
        assert len(somme) == 1 and somme[0].status is ItemStatus.COMPLETED
        assert somme[0].attempts == 3
        unit_ids = db.session.scalars(
            select(UnitProgress.unit_id).where(UnitProgress.user_id == user_id)
        ).all()
        assert len(unit_ids) == len(set(unit_ids))


def test_learners_acting_at_once_share_the_day_buckets_without_deadlock_or_loss(app, make_user, demo_course):
    """Eight learners of one place act in concurrent transactions: some for the first time (reached and
    today's bucket), some moving from an older day, one completing a step: every count is kept."""
    from datetime import timedelta

    from lms.dbtypes import utcnow
    from lms.reports.models import ActiveDay
    from lms.reports.rebuild import active_day_problems
    from lms.reports.rollups import record_activity, record_completion

    learners = [make_user() for _ in range(8)]
    for user in learners:
        operations.enrol(user, demo_course)
    db.session.commit()
    now, course_id = utcnow(), demo_course.id
    for user in learners[:4]:  # active a week ago: they move to today
        record_activity(db.session.connection(), user.id, course_id, now - timedelta(days=7))
    db.session.commit()
    ids = [user.id for user in learners]
    db.session.remove()

    def act(user_id, completes):
        def run():
            connection = db.session.connection()
            if completes:
                record_completion(connection, user_id, course_id, now)
            else:
                record_activity(connection, user_id, course_id, now)
            db.session.commit()

        return run

    _in_threads(app, [act(uid, n % 3 == 0) for n, uid in enumerate(ids)])
    assert active_day_problems() == []
    today = db.session.scalar(
        select(func.sum(ActiveDay.people)).where(ActiveDay.level == "region", ActiveDay.day == now.date())
    )
    assert today == 8
