"""Completion rules, attempts policy and the progress events."""

from __future__ import annotations

import threading

import pytest
from flask import current_app
from sqlalchemy import select

from lms.courses.models import Item
from lms.learning import operations, signals
from lms.learning.models import Attempt, Enrolment, ItemStatus
from lms.learning.outline import build_outline

RIGHT = {"answers": {"q1": "b", "q2": "DEF "}}
HALF = {"answers": {"q1": "b", "q2": "class"}}
WRONG = {"answers": {"q1": "a", "q2": "class"}}


def item(course, slug) -> Item:
    from lms.extensions import db

    return db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == slug))


def submit(user, course, slug, submission):
    registry = current_app.extensions["exercise_types"]
    return operations.submit_exercise(user, item(course, slug), submission, registry, "fr")


@pytest.fixture
def learner(make_user, course, db):
    user = make_user()
    operations.enrol(user, course)
    db.session.commit()
    return user


@pytest.fixture
def events():
    received = []
    handlers = {}
    for name in ("item_completed", "unit_completed", "course_completed", "attempt_recorded"):

        def handler(sender, _name=name, **kwargs):
            received.append((_name, sender.id, kwargs))

        handlers[name] = handler
        getattr(signals, name).connect(handler)
    yield received
    for name, handler in handlers.items():
        getattr(signals, name).disconnect(handler)


def names(events):
    return [e[0] for e in events]


def test_opening_a_lesson_does_not_complete_it(learner, course, db):
    from lms.learning.progress import record_visit

    row = record_visit(learner, item(course, "introduction"))
    db.session.commit()
    assert row.status is ItemStatus.IN_PROGRESS
    assert build_outline(learner, course).percent == 0


def test_required_items_complete_a_unit_optional_ones_do_not_matter(learner, course, db, events):
    operations.mark_lesson_done(learner, item(course, "introduction"))
    assert "unit_completed" not in names(events)
    attempt = submit(learner, course, "quiz-bases", RIGHT)
    db.session.commit()
    assert attempt.passed and attempt.score == 1.0
    assert names(events).count("unit_completed") == 1
    outline = build_outline(learner, course)
    assert outline.units[0].status == "completed"
    assert outline.units[1].status == "not_started"  # unlocked now
    assert outline.percent == 50  # 2 of 4 required items (the optional lesson does not count)


def test_a_quiz_below_the_pass_mark_does_not_complete_the_item(learner, course, db, events):
    attempt = submit(learner, course, "quiz-bases", WRONG)
    db.session.commit()
    assert attempt.score == 0.0 and not attempt.passed
    state = build_outline(learner, course).state_of(item(course, "quiz-bases"))
    assert state.status is ItemStatus.IN_PROGRESS
    assert "item_completed" not in names(events)
    half = submit(learner, course, "quiz-bases", HALF)
    assert half.score == 0.5 and half.passed  # pass mark 0.5: at the mark passes
    assert build_outline(learner, course).state_of(item(course, "quiz-bases")).best_score == 0.5


def test_best_score_is_kept(learner, course, db):
    submit(learner, course, "quiz-bases", RIGHT)
    submit(learner, course, "quiz-bases", WRONG)
    db.session.commit()
    assert build_outline(learner, course).state_of(item(course, "quiz-bases")).best_score == 1.0


def test_a_locked_unit_refuses_work(learner, course, db):
    with pytest.raises(operations.ItemLocked):
        operations.mark_lesson_done(learner, item(course, "suite"))
    with pytest.raises(operations.ItemLocked):
        submit(learner, course, "reflexion", {"text": "one two three four"})
    assert build_outline(learner, course).units[1].locked


def test_the_attempts_policy_is_enforced_on_the_server(learner, course, db):
    submit(learner, course, "quiz-bases", WRONG)
    submit(learner, course, "quiz-bases", WRONG)
    db.session.commit()
    with pytest.raises(operations.AttemptsExhausted):
        submit(learner, course, "quiz-bases", RIGHT)
    db.session.rollback()
    assert db.session.scalar(select(db.func.count(Attempt.id))) == 2


def test_concurrent_submissions_cannot_exceed_the_limit(app, make_user, install, migrated_database, tmp_path):
    """Two 'tabs' submit the last attempt at the same moment on separate connections: only one wins."""
    from lms.extensions import db

    course = install(max_attempts=1)
    user = make_user()
    operations.enrol(user, course)
    db.session.commit()
    user_id, item_id = user.id, item(course, "quiz-bases").id
    barrier = threading.Barrier(2)
    outcomes = []

    def tab():
        with app.app_context():
            from lms.users.models import User

            me = db.session.get(User, user_id)
            target = db.session.get(Item, item_id)
            barrier.wait()
            try:
                operations.submit_exercise(me, target, WRONG, app.extensions["exercise_types"], "fr")
                db.session.commit()
                outcomes.append("ok")
            except operations.LearningError:
                db.session.rollback()
                outcomes.append("refused")
            except Exception as error:  # SQLite may also refuse the second writer outright
                db.session.rollback()
                outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=tab) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.session.expire_all()
    assert outcomes.count("ok") == 1
    assert db.session.scalar(select(db.func.count(Attempt.id))) == 1


def test_course_completed_fires_exactly_once(learner, course, db, events):
    operations.mark_lesson_done(learner, item(course, "introduction"))
    submit(learner, course, "quiz-bases", RIGHT)
    operations.mark_lesson_done(learner, item(course, "suite"))
    submit(learner, course, "reflexion", {"text": "j'ai appris beaucoup"})
    db.session.commit()
    # Doing things again never completes the course a second time.
    submit(learner, course, "reflexion", {"text": "encore une autre réflexion"})
    operations.mark_lesson_done(learner, item(course, "suite"))
    db.session.commit()
    assert names(events).count("course_completed") == 1
    assert names(events).count("unit_completed") == 2
    completed = next(e for e in events if e[0] == "course_completed")
    assert completed[1] == learner.id and completed[2]["course"].id == course.id and completed[2]["at"]
    assert db.session.scalar(select(Enrolment.completed_at).where(Enrolment.user_id == learner.id))


def test_resync_keeps_completion_and_shows_new_required_items(learner, course, install, db):
    operations.mark_lesson_done(learner, item(course, "introduction"))
    submit(learner, course, "quiz-bases", RIGHT)
    operations.mark_lesson_done(learner, item(course, "suite"))
    submit(learner, course, "reflexion", {"text": "un deux trois"})
    db.session.commit()
    install(version=2, extra_lesson=True)
    outline = build_outline(learner, course)
    assert outline.enrolment.completed_at is not None
    assert outline.units[0].completed_at is not None
    new = outline.state_of(item(course, "nouveau"))
    assert new.new and new.status is ItemStatus.NOT_STARTED
    assert outline.percent == 80  # 4 of 5 required items


def test_resync_archives_a_removed_exercise_and_keeps_the_attempts(learner, course, install, db):
    submit(learner, course, "quiz-bases", RIGHT)
    db.session.commit()
    install(version=2, drop_quiz=True)
    quiz = item(course, "quiz-bases")
    assert quiz.archived_at is not None
    assert db.session.scalar(select(db.func.count(Attempt.id)).where(Attempt.item_id == quiz.id)) == 1
    outline = build_outline(learner, course)
    assert quiz.id not in [s.item.id for u in outline.units for s in u.items]
    install(version=3)
    assert item(course, "quiz-bases").archived_at is None  # restored, with its history


def test_enrolment_is_idempotent(make_user, course, db):
    user = make_user()
    first = operations.enrol(user, course)
    second = operations.enrol(user, course)
    db.session.commit()
    assert first.id == second.id
