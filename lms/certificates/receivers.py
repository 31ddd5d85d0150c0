"""Issue a certificate when a learner completes a course, inside the completion's transaction.

``course_completed`` is sent once per learner and course, after the completion row is flushed and
before the commit (lms/learning/signals.py). Issuing here means the certificate and the completion
commit together; the partial unique index on live certificates makes a duplicate event (or a racing
admin) harmless. Connected by create_app (:func:`connect`), never as a side effect of an import.

A failure to issue (a key folder that cannot be written, no public URL configured in production) must
not cost the learner their completion: it is logged, the completion commits, and
``flask certificates reconcile`` issues the certificate once the cause is fixed. Never lost, never twice.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from lms.certificates import operations
from lms.courses.models import Course
from lms.extensions import db
from lms.learning.signals import course_completed
from lms.users.models import User

log = logging.getLogger(__name__)


def issue_on_completion(sender: User, *, course: Course, at: datetime, **_: Any) -> None:
    try:
        with db.session.begin_nested():
            operations.issue_on_completion(sender, course, at=at)
    except Exception:
        log.exception(
            "no certificate issued to user %s for course %s: run `flask certificates reconcile` once fixed",
            sender.id,
            course.slug,
        )


def connect() -> None:
    """Issue certificates on completion (idempotent: blinker ignores a second connection)."""
    course_completed.connect(issue_on_completion)
