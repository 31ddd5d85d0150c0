"""Grading on RQ workers (``GRADING_QUEUE=rq``): for several machines sharing PostgreSQL and Redis.

Redis carries only a wake-up call ("attempt 42 is waiting"); the database stays the queue of record.
A job runs the same :func:`lms.grading.worker.grade_attempt` as every other mode, so the claim (a
conditional UPDATE), the lease and the late-result check make it idempotent: a job delivered twice
grades once, and a job lost with a killed worker or a flushed Redis is found again by the sweep,
which re-enqueues every attempt that is queued or whose lease has run out.

Workers are ``rq.SimpleWorker`` (no fork per job): learner code already runs in the sandbox's own
process, and not forking keeps the app context and the database pool of the worker process.
"""

from __future__ import annotations

import logging
import os
import threading

from flask import Flask, current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker

log = logging.getLogger(__name__)

QUEUE_NAME = "maharat-grading"

#: The sandbox slot of this worker process, set by the worker command before it starts.
_slot = 0


def connection(app: Flask | None = None) -> Redis:
    """Return a Redis connection for the configured REDIS_URL."""
    url = (app or current_app).config["REDIS_URL"]
    if not url:
        raise RuntimeError("GRADING_QUEUE=rq needs REDIS_URL")
    return Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)


def queue(app: Flask | None = None) -> Queue:
    return Queue(QUEUE_NAME, connection=connection(app))


def enqueue(attempt_id: int) -> bool:
    """Wake a worker for this attempt; False when Redis is unreachable (the sweep will catch up)."""
    lease = current_app.config["GRADING_LEASE_SECONDS"]
    try:
        queue().enqueue(
            "lms.grading.redis_queue.grade_job",
            attempt_id,
            job_id=f"attempt-{attempt_id}",
            # The sandbox's timeout ends a run long before the lease; this only bounds a stuck job.
            job_timeout=lease + 30,
            result_ttl=600,
            failure_ttl=86400,
        )
    except RedisError as error:
        log.error("grading: attempt %s stays queued, Redis unreachable: %s", attempt_id, error)
        return False
    return True


def grade_job(attempt_id: int) -> str | None:
    """The RQ job: grade one attempt in this worker's sandbox slot (needs the worker's app context)."""
    from lms.extensions import db
    from lms.grading.worker import grade_attempt

    try:
        status = grade_attempt(attempt_id, _slot)
    finally:
        db.session.remove()
    return status.value if status is not None else None


def enqueue_run(run_id: int) -> bool:
    """Wake a worker for a "Run" (lms/grading/runs.py); False when Redis is unreachable."""
    try:
        queue().enqueue(
            "lms.grading.redis_queue.run_job", run_id, job_id=f"run-{run_id}", job_timeout=90, result_ttl=60
        )
    except RedisError as error:
        log.error("grading: run %s stays queued, Redis unreachable: %s", run_id, error)
        return False
    return True


def run_job(run_id: int) -> str | None:
    """The RQ job of a "Run": execute it in this worker's sandbox slot."""
    from lms.extensions import db
    from lms.grading.runs import execute_run

    try:
        status = execute_run(run_id, _slot)
    finally:
        db.session.remove()
    return status.value if status is not None else None


def sweep() -> int:
    """Re-enqueue attempts waiting without a job (lost with Redis or a killed worker); return how many."""
    from lms.extensions import db
    from lms.grading.worker import next_claimable_ids

    try:
        ids = next_claimable_ids(limit=500)
    finally:
        db.session.remove()
    waiting = set(queue().get_job_ids())
    sent = 0
    for attempt_id in ids:
        if f"attempt-{attempt_id}" not in waiting and enqueue(attempt_id):
            sent += 1
    if sent:
        log.info("grading sweep: re-enqueued %d attempt(s)", sent)
    return sent


def run_worker(app: Flask, slot: int, *, burst: bool = False) -> None:
    """Run an RQ worker for one sandbox slot, with a sweeper thread, until stopped (or the queue is empty)."""
    global _slot
    _slot = slot
    stop = threading.Event()

    def sweeper() -> None:
        with app.app_context():
            while not stop.wait(app.config["GRADING_SWEEP_SECONDS"]):
                try:
                    sweep()
                except Exception:  # Redis or the database away for a moment: try again next round
                    log.exception("grading sweep failed")

    with app.app_context():
        sweep()  # anything left from before this worker started
        worker = SimpleWorker(
            [queue(app)], connection=connection(app), name=f"maharat-slot{slot}-{os.getpid()}"
        )
        thread = threading.Thread(target=sweeper, name="grading-sweep", daemon=True)
        if not burst:
            thread.start()
        try:
            worker.work(burst=burst, with_scheduler=False, logging_level="INFO")
        finally:
            stop.set()
