"""What an administrator needs to know about grading: is the sandbox working, and what failed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from lms.extensions import db
from lms.learning.models import Attempt, AttemptStatus

#: The sandbox probe starts a real sandboxed run: do it at most this often per process.
PROBE_SECONDS = 60
_probe: dict[str, tuple[float, bool, str]] = {}


@dataclass
class GradingOverview:
    sandbox_ok: bool
    sandbox_reason: str
    queued: int
    failed: int
    recent_failures: list[Attempt] = field(default_factory=list)


def sandbox_probe() -> tuple[bool, str]:
    """The sandbox check, cached for :data:`PROBE_SECONDS` (it runs a real sandboxed program)."""
    from lms.grading.sandboxing import sandbox_status

    key = current_app.config["SANDBOX_PYTHON"]
    cached = _probe.get(key)
    if cached is None or time.monotonic() - cached[0] > PROBE_SECONDS:
        ok, reason = sandbox_status()
        _probe[key] = cached = (time.monotonic(), ok, reason)
    return cached[1], cached[2]


def grading_overview() -> GradingOverview:
    ok, reason = sandbox_probe()
    counts = dict(
        db.session.execute(
            select(Attempt.status, func.count(Attempt.id))
            .where(Attempt.status.in_([AttemptStatus.QUEUED, AttemptStatus.RUNNING, AttemptStatus.ERROR]))
            .group_by(Attempt.status)
        ).all()
    )
    failures = db.session.scalars(
        select(Attempt)
        .options(joinedload(Attempt.user), joinedload(Attempt.item))
        .where(Attempt.status == AttemptStatus.ERROR)
        .order_by(Attempt.id.desc())
        .limit(5)
    ).all()
    queued = counts.get(AttemptStatus.QUEUED, 0) + counts.get(AttemptStatus.RUNNING, 0)
    return GradingOverview(ok, reason, queued, counts.get(AttemptStatus.ERROR, 0), list(failures))
