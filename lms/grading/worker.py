"""Grade queued attempts: claim one atomically, run it in the sandbox, record the result.

The database is the queue. A claim is a conditional UPDATE (queued → running) that only one worker
wins, so two workers never grade the same attempt; a claim older than the lease belongs to a worker
that died and is taken again, up to ``GRADING_MAX_TRIES`` runs, after which the attempt is marked as
an error. Recording checks the claim again, so a late result from a presumed-dead worker is dropped
instead of being counted twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import or_, select, update

from lms.dbtypes import storable_text, utcnow
from lms.extensions import db
from lms.learning import progress, signals
from lms.learning.models import Attempt, AttemptStatus
from lms.sandbox import SandboxUnavailable

log = logging.getLogger(__name__)


def _claimable(lease: timedelta):
    stale = utcnow() - lease
    return or_(
        Attempt.status == AttemptStatus.QUEUED,
        (Attempt.status == AttemptStatus.RUNNING) & (Attempt.started_at < stale),
    )


def claim(attempt_id: int) -> int | None:
    """Claim the attempt for grading; return this run's number (``tries``), or None if it is not ours."""
    config = current_app.config
    lease = timedelta(seconds=config["GRADING_LEASE_SECONDS"])
    now = utcnow()
    result = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt_id, _claimable(lease))
        .values(status=AttemptStatus.RUNNING, started_at=now, tries=Attempt.tries + 1)
        .returning(Attempt.tries)
    ).scalar()
    db.session.commit()
    return result


def next_claimable_ids(limit: int = 10) -> list[int]:
    lease = timedelta(seconds=current_app.config["GRADING_LEASE_SECONDS"])
    return list(
        db.session.scalars(select(Attempt.id).where(_claimable(lease)).order_by(Attempt.id).limit(limit))
    )


def grade_attempt(attempt_id: int, slot: int = 0) -> AttemptStatus | None:
    """Grade one attempt if it can be claimed; return its final status (None when someone else has it)."""
    run_number = claim(attempt_id)
    if run_number is None:
        return None
    attempt = db.session.get(Attempt, attempt_id)
    max_tries = current_app.config["GRADING_MAX_TRIES"]
    if run_number > max_tries:
        return _fail(attempt, run_number, f"gave up after {max_tries} runs (the worker kept stopping)")
    item = attempt.item
    exercise_type = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    language = attempt.details.get("language") or item.course.language
    config = item.config_in(language)
    if exercise_type is None or config is None:
        return _fail(attempt, run_number, f"exercise type {item.exercise_type!r} is not available")
    config = exercise_type.attempt_config(config, (attempt.state or {}).get("state"))
    request = exercise_type.sandbox_request(config, attempt.submission)
    from lms.grading.sandboxing import run_request

    started = time.monotonic()
    try:
        outcome = run_request(request, slot)
    except SandboxUnavailable as error:
        log.error("grading refused, sandbox unavailable: %s", error)
        return _fail(attempt, run_number, f"sandbox unavailable: {error}")
    with force_locale(attempt.user.language):  # feedback messages in the learner's language
        result = exercise_type.grade(config, attempt.submission, outcome)
    duration = int((time.monotonic() - started) * 1000)
    return _record(attempt_id, run_number, result, duration, outcome)


def _still_ours(attempt_id: int, run_number: int):
    return (
        (Attempt.id == attempt_id) & (Attempt.status == AttemptStatus.RUNNING) & (Attempt.tries == run_number)
    )


def _record(attempt_id: int, run_number: int, result, duration: int, outcome) -> AttemptStatus | None:
    now = utcnow()
    updated = db.session.execute(
        update(Attempt)
        .where(_still_ours(attempt_id, run_number))
        .values(
            status=AttemptStatus.GRADED,
            score=result.score,
            passed=result.passed,
            feedback=result.feedback,
            details={**result.details, "run_status": outcome.status, "stderr": outcome.stderr[-2000:]},
            duration_ms=duration,
            graded_at=now,
        )
    ).rowcount
    if not updated:
        db.session.rollback()
        log.warning("attempt %s: result of run %s dropped (claimed again meanwhile)", attempt_id, run_number)
        return None
    attempt = db.session.get(Attempt, attempt_id)
    db.session.refresh(attempt)
    row = progress.item_progress(attempt.user, attempt.item)
    progress.record_score(attempt.user, attempt.item, row, result.score, result.passed)
    signals.attempt_recorded.send(attempt.user, attempt=attempt)
    db.session.commit()
    return AttemptStatus.GRADED


def _fail(attempt: Attempt, run_number: int, reason: str) -> AttemptStatus | None:
    updated = db.session.execute(
        update(Attempt)
        .where(_still_ours(attempt.id, run_number))
        .values(status=AttemptStatus.ERROR, error=storable_text(reason, 2000), graded_at=utcnow())
    ).rowcount
    db.session.commit()
    return AttemptStatus.ERROR if updated else None


class ParentGone:
    """A stop condition for a supervised worker: true once the process that started it has exited."""

    def __init__(self, parent: int) -> None:
        self.parent = parent

    def is_set(self) -> bool:
        return os.getppid() != self.parent


def work(slot: int = 0, *, once: bool = False, poll_seconds: float = 1.0, stop=None) -> int:
    """Grade whatever is claimable, forever (or once); return how many attempts this call graded.

    Runs without grading ("Run", lms/grading/runs.py) go first, and again between two attempts: a
    learner is waiting in front of the screen. Between polls the worker sleeps on a wake-up socket
    that queuing work pokes (lms/grading/wake.py).
    """
    from lms.grading.runs import work_runs
    from lms.grading.wake import WakeSocket

    graded = 0
    waker = (
        None if once else WakeSocket(current_app.instance_path, f"w{os.getpid()}-{threading.get_native_id()}")
    )
    try:
        while stop is None or not stop.is_set():
            busy = work_runs(slot)
            ids = next_claimable_ids()
            for attempt_id in ids:
                if grade_attempt(attempt_id, slot) is not None:
                    graded += 1
                busy += work_runs(slot)
            db.session.remove()
            if once:
                return graded
            if not ids and not busy and waker is not None:
                waker.wait(poll_seconds)
    finally:
        if waker is not None:
            waker.close()
    return graded
