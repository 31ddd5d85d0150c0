"""GRADING_QUEUE=process: grading runs in worker processes the app starts, watches and restarts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from sqlalchemy import select

from lms.extensions import db
from lms.grading.supervisor import Supervisor
from lms.learning.models import Attempt, AttemptStatus
from tests.grading.test_worker import SOLUTION, submit

DEADLINE = 120


def wait_for(condition, what: str):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def status_of(attempt_id: int) -> AttemptStatus:
    db.session.commit()  # a new transaction sees what the worker process committed
    return db.session.scalar(select(Attempt.status).where(Attempt.id == attempt_id))


def test_the_default_queue_is_worker_processes(monkeypatch, tmp_path):
    from lms.config import default_config

    monkeypatch.delenv("GRADING_QUEUE", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert default_config(str(tmp_path))["GRADING_QUEUE"] == "process"


def test_worker_processes_grade_and_come_back_when_killed(app, learner, demo_course, slot):
    supervisor = Supervisor(app)
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()
    try:
        first = submit(learner, demo_course, SOLUTION).id
        assert wait_for(lambda: status_of(first) is AttemptStatus.GRADED, "the first grading")
        child = supervisor.children[slot]
        assert child.pid != os.getpid() and child.poll() is None
        child.kill()
        child.wait()
        restarted = wait_for(
            lambda: (c := supervisor.children.get(slot)) is not None and c is not child and c, "a restart"
        )
        second = submit(learner, demo_course, SOLUTION).id
        assert wait_for(lambda: status_of(second) is AttemptStatus.GRADED, "grading after the restart")
        assert restarted.poll() is None
    finally:
        supervisor.stop()
        thread.join(10)
    assert all(c.poll() is not None for c in [child, restarted])


def test_only_one_supervisor_per_instance(app):
    first, second = Supervisor(app), Supervisor(app)
    try:
        assert first._lock() is True
        assert second._lock() is False
    finally:
        first.stop()
        second.stop()
    assert second._lock() is True
    second.stop()


def test_a_worker_stops_when_its_parent_is_gone(app, slot, tmp_path):
    from lms.grading.supervisor import worker_environment

    # A short-lived parent starts the worker and exits at once: the worker must notice and stop.
    launcher = (
        "import subprocess, sys, os\n"
        "p = subprocess.Popen(sys.argv[1:] + ['--parent', str(os.getpid())])\n"
        "print(p.pid, flush=True)\n"
    )
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "lms:create_app",
        "grading",
        "worker",
        "--slot",
        str(slot),
    ]
    done = subprocess.run(
        [sys.executable, "-c", launcher, *command],
        env=worker_environment(app),
        capture_output=True,
        text=True,
        check=True,
        timeout=DEADLINE,
    )
    pid = int(done.stdout.split()[0])

    def gone() -> bool:
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().split(") ")[1].startswith("Z")  # reaped by init or a zombie of init
        except FileNotFoundError:
            return True

    assert wait_for(gone, "the orphaned worker to stop")
