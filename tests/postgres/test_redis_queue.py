"""GRADING_QUEUE=rq: RQ workers on Redis with PostgreSQL, the multi-machine layout (docs/deploy.md).

Redis only wakes workers; the database decides. So a job delivered twice grades once, a job lost
with Redis or with a killed worker is found again by the sweep, and Redis being down never loses a
submission.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import select

from lms.courses.models import Item
from lms.extensions import db
from lms.grading import redis_queue
from lms.grading.queue import enqueue
from lms.learning import operations
from lms.learning.models import Attempt, AttemptStatus, ItemProgress, ItemStatus
from tests.grading.conftest import DEMO
from tests.services import free_port

SOLUTION = (DEMO / "units/premiers-pas/somme/solution.py").read_text()
ROOT = Path(__file__).resolve().parents[2]
#: Seconds a worker process may take to start and grade on a loaded two-core machine.
DEADLINE = 240


@pytest.fixture
def rq_app(app, redis_url, slot):
    app.config.update(GRADING_QUEUE="rq", REDIS_URL=redis_url, GRADING_SWEEP_SECONDS=1)
    redis_queue.connection(app).flushdb()
    return app


def submit(user, course, code=SOLUTION) -> int:
    item = db.session.scalar(select(Item).where(Item.course_id == course.id, Item.slug == "somme"))
    attempt = operations.submit_exercise(
        user, item, {"code": code}, current_app.extensions["exercise_types"], "fr"
    )
    db.session.commit()
    enqueue(attempt.id)
    return attempt.id


def status_of(attempt_id: int) -> Attempt:
    """The attempt as the database has it now (other processes write it)."""
    query = select(Attempt).where(Attempt.id == attempt_id).execution_options(populate_existing=True)
    return db.session.scalars(query).one()


def test_a_submission_becomes_a_job_that_a_worker_grades(rq_app, learner, demo_course, slot):
    attempt_id = submit(learner, demo_course)
    assert redis_queue.queue().get_job_ids() == [f"attempt-{attempt_id}"]
    redis_queue.run_worker(rq_app, slot, burst=True)
    attempt = status_of(attempt_id)
    assert attempt.status is AttemptStatus.GRADED and attempt.passed and attempt.tries == 1
    row = db.session.scalar(
        select(ItemProgress).where(
            ItemProgress.user_id == learner.id, ItemProgress.item_id == attempt.item_id
        )
    )
    assert row.status is ItemStatus.COMPLETED and row.attempts == 1


def test_a_job_delivered_twice_grades_once(rq_app, learner, demo_course, slot):
    attempt_id = submit(learner, demo_course)
    assert redis_queue.grade_job(attempt_id) == "graded"
    assert redis_queue.grade_job(attempt_id) is None
    assert status_of(attempt_id).tries == 1


def test_jobs_lost_with_redis_are_found_again_by_the_sweep(rq_app, learner, demo_course, slot):
    first, second = submit(learner, demo_course), submit(learner, demo_course, "def somme(a, b): return 0\n")
    redis_queue.connection().flushdb()  # Redis restarted without persistence
    assert redis_queue.sweep() == 2
    assert redis_queue.sweep() == 0  # already waiting: not sent twice
    redis_queue.run_worker(rq_app, slot, burst=True)
    assert status_of(first).passed is True and status_of(second).passed is False


def test_with_redis_down_a_submission_is_kept_and_graded_later(
    app, client, auth, learner, demo_course, redis_url, slot, caplog
):
    app.config.update(GRADING_QUEUE="rq", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    auth.login(learner)
    response = client.post("/courses/demo-minimal/items/somme/submit", data={"code": SOLUTION})
    assert response.status_code == 302
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == learner.id))
    assert attempt.status is AttemptStatus.QUEUED
    assert "Redis unreachable" in caplog.text
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    # Redis is back: the next sweep of any worker picks the attempt up.
    app.config["REDIS_URL"] = redis_url
    redis_queue.connection(app).flushdb()
    assert redis_queue.sweep() == 1
    redis_queue.run_worker(app, slot, burst=True)
    assert status_of(attempt.id).passed is True


def test_a_worker_killed_mid_run_is_replaced_and_the_attempt_counts_once(
    rq_app, learner, demo_course, slot, database_uri, tmp_path
):
    slow = "import time\ntime.sleep(1)\n" + SOLUTION  # runs once per test case: 3 s of the 5 s wall limit
    attempt_id = submit(learner, demo_course, slow)
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),  # this checkout's code, wherever the shared virtualenv points
        "DATABASE_URL": database_uri,
        "REDIS_URL": rq_app.config["REDIS_URL"],
        "SECRET_KEY": "worker-test",
        "MAHARAT_INSTANCE": str(tmp_path / "worker-instance"),
        # Longer than one run (5 s of wall limit) even on a loaded machine, so that only the killed
        # worker's claim ever expires.
        "GRADING_LEASE_SECONDS": "30",
        "GRADING_SWEEP_SECONDS": "1",
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "grading", "rq-worker", "--slot", str(slot)]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: status_of(attempt_id).status is AttemptStatus.RUNNING, first)
        first.send_signal(signal.SIGKILL)  # no clean-up, no result
        first.wait(timeout=DEADLINE)
        assert status_of(attempt_id).status is AttemptStatus.RUNNING
    finally:
        _stop(first, signal.SIGKILL)
    second = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for(lambda: status_of(attempt_id).status is AttemptStatus.GRADED, second)
    finally:
        _stop(second, signal.SIGTERM)
    attempt = status_of(attempt_id)
    assert attempt.passed is True and attempt.tries == 2, attempt.feedback
    row = db.session.scalar(
        select(ItemProgress).where(
            ItemProgress.user_id == learner.id, ItemProgress.item_id == attempt.item_id
        )
    )
    assert row.attempts == 1 and row.status is ItemStatus.COMPLETED


def _wait_for(condition, worker: subprocess.Popen) -> None:
    """Poll ``condition`` until it holds; fail if the worker died or after a generous deadline."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert worker.poll() is None, f"the worker exited with {worker.returncode}"
        assert time.monotonic() < deadline, f"not reached within {DEADLINE} s"
        time.sleep(0.2)


def _stop(worker: subprocess.Popen, sig: int) -> None:
    """Signal, then always reap the process (an unreaped Popen warns in whichever test runs next)."""
    if worker.poll() is None:
        worker.send_signal(sig)
        try:
            worker.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    worker.wait()


def test_the_health_check_reports_redis(rq_app, client):
    assert client.get("/healthz").json["checks"] == {"database": "ok", "queue": "ok"}
    rq_app.config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "degraded", "checks": {"database": "ok", "queue": "unavailable"}}


def test_rate_limits_are_shared_by_every_web_node_through_redis(
    redis_url, database_uri, tmp_path, monkeypatch
):
    """Two app instances (two web nodes) count sign-in attempts in the same Redis."""
    from lms import create_app

    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "nodes"))
    redis_queue.Redis.from_url(redis_url).flushdb()
    config = {
        "TESTING": True,
        "SECRET_KEY": "k",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": redis_url,
        "LOGIN_RATE_LIMIT": "3 per minute",
    }
    nodes = [create_app(config), create_app(config)]
    data = {"email": "nobody@example.ma", "password": "wrong"}
    statuses = [nodes[i % 2].test_client().post("/auth/login", data=data).status_code for i in range(4)]
    for node in nodes:
        with node.app_context():
            db.engine.dispose()
    assert statuses == [200, 200, 200, 429]
