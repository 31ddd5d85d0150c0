"""Grading through the queue: claims, retries after a dead worker, fail-closed, exactly-once recording."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import select

from lms.courses.models import Item
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.grading import worker
from lms.learning import operations
from lms.learning.models import Attempt, AttemptStatus, ItemProgress, ItemStatus
from tests.grading.conftest import DEMO

SOLUTION = (DEMO / "units/premiers-pas/somme/solution.py").read_text()
WRONG = "def somme(a, b):\n    return a - b\n"


def submit(user, course, code) -> Attempt:
    item = db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == "somme"))
    attempt = operations.submit_exercise(
        user, item, {"code": code}, current_app.extensions["exercise_types"], "fr"
    )
    db.session.commit()
    return attempt


def progress_of(user) -> ItemProgress:
    return db.session.scalar(
        select(ItemProgress).join(Item).where(ItemProgress.user_id == user.id, Item.slug == "somme")
    )


def test_a_code_submission_waits_in_the_queue_and_counts_for_nothing_yet(learner, demo_course):
    attempt = submit(learner, demo_course, SOLUTION)
    assert attempt.status is AttemptStatus.QUEUED and attempt.passed is None
    assert progress_of(learner).status is not ItemStatus.COMPLETED


def test_grading_a_wrong_then_right_solution(learner, demo_course, slot):
    wrong = submit(learner, demo_course, WRONG)
    assert worker.grade_attempt(wrong.id, slot) is AttemptStatus.GRADED
    db.session.refresh(wrong)
    assert wrong.passed is False and wrong.score < 1
    public = [f for f in wrong.feedback if not f.get("hidden")]
    assert public and all("call" in f and "got" in f for f in public)
    hidden = [f for f in wrong.feedback if f.get("hidden")]
    assert hidden and all(set(f) <= {"kind", "name", "hidden", "passed", "message"} for f in hidden)
    right = submit(learner, demo_course, SOLUTION)
    worker.grade_attempt(right.id, slot)
    db.session.refresh(right)
    assert right.passed is True and right.score == 1.0 and right.duration_ms > 0
    assert progress_of(learner).status is ItemStatus.COMPLETED


def test_an_attempt_is_claimed_by_one_worker_only(learner, demo_course):
    attempt = submit(learner, demo_course, SOLUTION)
    assert worker.claim(attempt.id) == 1
    assert worker.claim(attempt.id) is None


def test_a_dead_workers_claim_is_taken_again_after_the_lease(learner, demo_course, slot):
    attempt = submit(learner, demo_course, SOLUTION)
    assert worker.claim(attempt.id) == 1  # this worker "dies" here
    assert worker.grade_attempt(attempt.id, slot) is None  # lease not over: nobody else takes it
    attempt.started_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert worker.grade_attempt(attempt.id, slot) is AttemptStatus.GRADED
    db.session.refresh(attempt)
    assert attempt.tries == 2 and attempt.passed


def test_a_late_result_from_a_presumed_dead_worker_is_dropped(learner, demo_course, slot):
    attempt = submit(learner, demo_course, SOLUTION)
    first = worker.claim(attempt.id)
    attempt.started_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    second = worker.claim(attempt.id)
    assert (first, second) == (1, 2)
    from lms.exercises.base import GradeResult

    class Outcome:
        status, stderr = "ok", ""

    assert worker._record(attempt.id, first, GradeResult(1.0, True), 5, Outcome()) is None
    db.session.refresh(attempt)
    assert attempt.status is AttemptStatus.RUNNING and attempt.passed is None


def test_grading_gives_up_after_the_maximum_runs(app, learner, demo_course, slot):
    attempt = submit(learner, demo_course, SOLUTION)
    app.config["GRADING_MAX_TRIES"] = 1
    worker.claim(attempt.id)
    attempt.started_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert worker.grade_attempt(attempt.id, slot) is AttemptStatus.ERROR
    db.session.refresh(attempt)
    assert attempt.passed is None and "gave up" in attempt.error


def test_without_a_sandbox_grading_refuses_and_nothing_passes(app, learner, demo_course, tmp_path, caplog):
    app.config["SANDBOX_PYTHON"] = str(tmp_path / "no-such-python")
    attempt = submit(learner, demo_course, SOLUTION)
    assert worker.grade_attempt(attempt.id) is AttemptStatus.ERROR
    db.session.refresh(attempt)
    assert attempt.passed is None and attempt.score is None
    assert "sandbox unavailable" in attempt.error and "setup-sandbox" in attempt.error
    assert progress_of(learner).status is not ItemStatus.COMPLETED


def test_grading_the_same_attempt_twice_counts_once(learner, demo_course, slot):
    attempt = submit(learner, demo_course, SOLUTION)
    assert worker.grade_attempt(attempt.id, slot) is AttemptStatus.GRADED
    assert worker.grade_attempt(attempt.id, slot) is None
    assert db.session.scalar(select(db.func.count(Attempt.id))) == 1


def test_the_worker_loop_grades_what_is_queued(learner, demo_course, slot):
    ids = [submit(learner, demo_course, code).id for code in (WRONG, SOLUTION)]
    assert worker.work(slot, once=True) == 2
    statuses = db.session.scalars(select(Attempt.status).where(Attempt.id.in_(ids))).all()
    assert statuses == [AttemptStatus.GRADED, AttemptStatus.GRADED]


@pytest.fixture
def inline(app, slot):
    app.config["GRADING_QUEUE"] = "inline"


def test_submitting_code_over_http_shows_each_public_test(client, auth, learner, demo_course, inline):
    auth.login(learner)
    url = f"/courses/{demo_course.slug}/items/somme"
    response = client.post(f"{url}/submit", data={"code": WRONG})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'class="test failed"' in page and "Expected" in page
    assert SOLUTION.strip() not in page  # the reference solution never reaches the browser


def test_attempt_status_is_only_for_its_owner(client, auth, make_user, learner, demo_course):
    attempt = submit(learner, demo_course, SOLUTION)
    url = f"/courses/{demo_course.slug}/items/somme/attempts/{attempt.id}"
    auth.login(learner)
    assert client.get(url).json["status"] == "queued"
    auth.logout()
    other = make_user()
    operations.enrol(other, demo_course)
    db.session.commit()
    auth.login(other)
    assert client.get(url).status_code == 404


def test_the_grading_check_command_reports_the_sandbox(runner, app, tmp_path):
    result = runner.invoke(args=["grading", "check"])
    assert result.exit_code == 0 and result.output.startswith("ok:")
    app.config["SANDBOX_PYTHON"] = str(Path(tmp_path) / "missing")
    result = runner.invoke(args=["grading", "check"])
    assert result.exit_code != 0 and "UNAVAILABLE" in result.output


def test_admins_see_when_grading_is_refused(app, client, auth, make_user, learner, demo_course, tmp_path):
    from lms.grading import status
    from lms.users.models import Role

    app.config["SANDBOX_PYTHON"] = str(tmp_path / "no-such-python")
    status._probe.clear()
    attempt = submit(learner, demo_course, SOLUTION)
    worker.grade_attempt(attempt.id)
    auth.login(make_user(Role.ADMIN, language="en"))
    page = client.get("/dashboard/admin").get_data(as_text=True)
    assert "Code exercises cannot be graded: the sandbox is unavailable." in page
    assert "does not exist" in page and "could not be graded: 1" in page
    status._probe.clear()
