"""Execute queued "Run" requests (lms.learning.code_runs) in the grading sandbox, inside the workers.

The same claim-and-lease rules as attempts (lms/grading/worker.py), the same sandbox slot and limits;
what is stored is only what the learner may see of their own program: standard output, standard error,
the error with the line of their code, and a message key for a run that did not finish normally.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from lms.dbtypes import utcnow
from lms.exercises.python_feedback import message, run_error_view
from lms.extensions import db
from lms.learning.code_runs import CodeRun, RunStatus
from lms.sandbox import RunOutcome, SandboxUnavailable

log = logging.getLogger(__name__)

#: a run is interactive: a claim older than this belongs to a dead worker (the wall clock is at most 30 s)
RUN_LEASE_SECONDS = 60
_OUTPUT_CHARS = 8000


def _claimable():
    stale = utcnow() - timedelta(seconds=RUN_LEASE_SECONDS)
    return or_(
        CodeRun.status == RunStatus.QUEUED,
        (CodeRun.status == RunStatus.RUNNING) & (CodeRun.started_at < stale),
    )


def next_run_ids(limit: int = 10) -> list[int]:
    """Runs waiting for a worker, oldest first."""
    return list(db.session.scalars(select(CodeRun.id).where(_claimable()).order_by(CodeRun.id).limit(limit)))


def claim_run(run_id: int) -> int | None:
    """Claim a run (queued → running) for this worker; None when another one has it."""
    tries = db.session.execute(
        update(CodeRun)
        .where(CodeRun.id == run_id, _claimable())
        .values(status=RunStatus.RUNNING, started_at=utcnow(), tries=CodeRun.tries + 1)
        .returning(CodeRun.tries)
    ).scalar()
    db.session.commit()
    return tries


def execute_run(run_id: int, slot: int = 0) -> RunStatus | None:
    """Run one claimed-or-claimable run in the sandbox and store what the learner may see."""
    tries = claim_run(run_id)
    if tries is None:
        return None
    run = db.session.get(CodeRun, run_id)
    if tries > current_app.config["GRADING_MAX_TRIES"]:
        return _finish(
            run_id, tries, RunStatus.ERROR, {"status": "not_run", "message": message("run_not_run")}
        )
    exercise_type = current_app.extensions["exercise_types"].get(run.item.exercise_type or "")
    config = run.item.config_in(run.language)
    build = getattr(exercise_type, "run_request", None)
    if exercise_type is None or config is None or build is None:
        return _finish(
            run_id, tries, RunStatus.ERROR, {"status": "not_run", "message": message("run_not_run")}
        )
    request = build(config, run.code, run.stdin)
    from lms.grading.sandboxing import run_request

    try:
        outcome = run_request(request, slot)
    except SandboxUnavailable as error:
        log.error("run refused, sandbox unavailable: %s", error)
        return _finish(
            run_id, tries, RunStatus.ERROR, {"status": "not_run", "message": message("run_not_run")}
        )
    except (ValueError, TypeError) as error:  # a malformed job (e.g. code over the sandbox's own cap)
        log.warning("run %s refused by the sandbox: %s", run_id, error)
        return _finish(
            run_id, tries, RunStatus.ERROR, {"status": "not_run", "message": message("run_not_run")}
        )
    return _finish(run_id, tries, RunStatus.DONE, run_result(outcome, run.stdin))


def run_result(outcome: RunOutcome, stdin: str) -> dict:
    """What a learner sees of a run: output, stderr, error with its line, or why it did not finish."""
    result: dict = {"status": outcome.status, "duration_ms": outcome.duration_ms}
    if outcome.status != "ok" or not outcome.cases:
        result["message"] = message(f"run_{outcome.status}" if outcome.status in _STOPPED else "run_crashed")
        return result
    case = outcome.cases[0]
    stdout = case.stdout or ""
    stderr = getattr(case, "stderr", "") or ""
    result["stdout"] = stdout[:_OUTPUT_CHARS]
    result["stdout_cut"] = len(stdout) > _OUTPUT_CHARS
    result["stderr"] = stderr[:_OUTPUT_CHARS]
    if case.error:
        result["error"] = run_error_view(case.error, getattr(case, "line", None), stdin_given=bool(stdin))
    return result


_STOPPED = {"timeout", "memory", "output_limit", "crashed", "protocol_error"}


def _finish(run_id: int, tries: int, status: RunStatus, result: dict) -> RunStatus | None:
    updated = db.session.execute(
        update(CodeRun)
        .where(CodeRun.id == run_id, CodeRun.status == RunStatus.RUNNING, CodeRun.tries == tries)
        .values(status=status, result=result, finished_at=utcnow())
    ).rowcount
    db.session.commit()
    return status if updated else None


def work_runs(slot: int) -> int:
    """Execute every run waiting now (before attempts: someone is looking at the screen); return how many."""
    done = 0
    for run_id in next_run_ids():
        if execute_run(run_id, slot) is not None:
            done += 1
    return done
