"""Where queued attempts go: graded by worker processes, by threads of this process, or at once (tests).

``GRADING_QUEUE``:
- ``process`` (the default without Redis, ``make run``): the web process starts and watches one
  ``grading worker`` child process per sandbox slot (lms/grading/supervisor.py). Reading and comparing
  what a run reported costs CPU a hostile submission can try to inflate: it happens there, never in the
  process that serves pages.
- ``thread``: a small pool of threads in the web process, one per sandbox slot, each polling the queue
  (tests and explicit choice: a costly result then slows the web process down).
- ``rq``: an RQ job on Redis wakes ``flask --app wsgi grading rq-worker --slot N`` processes on any
  machine (lms/grading/redis_queue.py); the database stays the queue of record.
- ``external``: nothing here; ``flask --app wsgi grading worker --slot N`` processes (on this or other
  machines sharing the database) do the work.
- ``inline``: grade during the request, after the attempt is committed (tests and demos).
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, current_app

log = logging.getLogger(__name__)

_pool_lock = threading.Lock()
_pool_started: set[int] = set()


def enqueue(attempt_id: int) -> None:
    """Hand a committed, queued attempt to whatever grades attempts in this configuration."""
    mode = current_app.config["GRADING_QUEUE"]
    if mode == "inline":
        from lms.grading.worker import grade_attempt

        grade_attempt(attempt_id, slot=0)
    elif mode == "thread":
        start_embedded_pool(current_app._get_current_object())
    elif mode == "process":
        from lms.grading.supervisor import start_supervisor

        start_supervisor(current_app._get_current_object())
    elif mode == "rq":
        from lms.grading import redis_queue

        redis_queue.enqueue(attempt_id)
    if mode in ("thread", "process", "external"):
        from lms.grading.wake import wake_workers

        wake_workers(current_app.instance_path)


def enqueue_run(run_id: int) -> None:
    """Hand a committed, queued "Run" to whatever runs code in this configuration, and wake it."""
    mode = current_app.config["GRADING_QUEUE"]
    if mode == "inline":
        from lms.grading.runs import execute_run

        execute_run(run_id, slot=0)
        return
    if mode == "thread":
        start_embedded_pool(current_app._get_current_object())
    elif mode == "process":
        from lms.grading.supervisor import start_supervisor

        start_supervisor(current_app._get_current_object())
    elif mode == "rq":
        from lms.grading import redis_queue

        redis_queue.enqueue_run(run_id)
        return
    from lms.grading.wake import wake_workers

    wake_workers(current_app.instance_path)


def start_embedded_pool(app: Flask) -> None:
    """Start this process's grading threads once (they pick up anything queued, including old work)."""
    key = id(app)
    with _pool_lock:
        if key in _pool_started:
            return
        _pool_started.add(key)
    slots = app.config["GRADING_SLOTS"]
    for slot in slots:
        thread = threading.Thread(target=_run, args=(app, slot), name=f"grading-slot-{slot}", daemon=True)
        thread.start()
    log.info("grading: %d embedded worker thread(s) started (slots %s)", len(slots), slots)


def _run(app: Flask, slot: int) -> None:
    from lms.grading.worker import work

    with app.app_context():
        while True:
            try:
                work(slot, poll_seconds=0.5)
            except Exception:  # keep the thread alive; the attempt stays claimable and is retried
                log.exception("grading thread for slot %s failed; restarting", slot)
