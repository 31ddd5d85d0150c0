"""Runs of a learner's code without grading ("Run"): queued like attempts, executed by the grading workers.

A run is not an attempt: it never touches progress, scores or attempt counts, and it is kept only a
short while (``RUN_KEEP_HOURS``): it exists so that the web process never runs learner code, and a
worker (the same sandbox, slot and limits as grading) can pick it up from the database queue.
"""

from __future__ import annotations

import enum
import time
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ForeignKey, Index, Integer, String, Text, delete
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.courses.models import Item
from lms.dbtypes import StorableJSON, UTCDateTime, at_least, one_of, utcnow
from lms.extensions import db
from lms.learning.models import _enum
from lms.users.models import User

#: how long a run is kept: long enough to show it again, short enough to keep no history of drafts
RUN_KEEP_HOURS = 24
#: the longest code and standard input a run accepts (characters); more is refused, never truncated
MAX_CODE_CHARS = 100_000
MAX_STDIN_CHARS = 20_000


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    #: the sandbox ran it (whatever the program did); ``result`` says what happened
    DONE = "done"
    #: the sandbox could not run it (unavailable, worker lost after retries)
    ERROR = "error"


class CodeRun(db.Model):
    """One "Run" of a learner's code on an item, with its optional standard input and what it printed."""

    __tablename__ = "code_runs"
    __table_args__ = (
        Index("ix_code_runs_status", "status"),
        Index("ix_code_runs_user_item", "user_id", "item_id"),
        one_of("status", [status.value for status in RunStatus]),
        at_least("tries", 0),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    #: the content language whose config (data files, limits) the run uses
    language: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(Text)
    stdin: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus, "run_status"), default=RunStatus.QUEUED)
    #: what the learner may see: stdout, stderr, error, line, status (lms/grading/runs.py)
    result: Mapped[dict] = mapped_column(StorableJSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    item: Mapped[Item] = relationship()

    @property
    def pending(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


def create_run(user: User, item: Item, language: str, code: str, stdin: str) -> CodeRun:
    """Queue a run (the caller commits), and forget runs older than ``RUN_KEEP_HOURS``."""
    db.session.execute(delete(CodeRun).where(CodeRun.created_at < utcnow() - timedelta(hours=RUN_KEEP_HOURS)))
    run = CodeRun(user_id=user.id, item_id=item.id, language=language, code=code, stdin=stdin)
    db.session.add(run)
    db.session.flush()
    return run


def wait_for(run_id: int, seconds: float) -> CodeRun | None:
    """Wait until the run is done (or ``seconds`` have passed) and return it fresh from the database.

    The request that asked for the run waits for it, so a pupil on a slow network gets the output in
    the answer to one request, not after several round trips of polling.
    """
    deadline = time.monotonic() + seconds
    pause = 0.02
    while True:
        db.session.rollback()  # a fresh snapshot on each look (the worker commits in another connection)
        run = db.session.get(CodeRun, run_id)
        if run is None or not run.pending or time.monotonic() >= deadline:
            return run
        time.sleep(pause)
        pause = min(pause * 1.5, 0.1)


def wait_seconds(limits: dict) -> float:
    """How long a request waits for its run: the run's wall clock, plus the queue and the start-up.

    ``RUN_WAIT_SECONDS`` overrides it (0: answer at once with a link to the result).
    """
    if current_app.config.get("RUN_WAIT_SECONDS") is not None:
        return float(current_app.config["RUN_WAIT_SECONDS"])
    wall = float(limits.get("wall_seconds") or 5)
    return min(wall, 30.0) + float(current_app.config.get("RUN_WAIT_EXTRA_SECONDS", 10))
