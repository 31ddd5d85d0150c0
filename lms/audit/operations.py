"""Write audit entries. The caller commits, so the entry lands with the change it describes."""

from __future__ import annotations

import enum
from typing import Any

from flask import has_request_context, request

from lms.audit.models import AuditEntry
from lms.extensions import db
from lms.users.models import User


class Action(enum.StrEnum):
    SIGN_IN = "auth.sign_in"
    SIGN_IN_FAILED = "auth.sign_in_failed"
    PASSWORD_CHANGED = "auth.password_changed"  # noqa: S105 (an action name, not a secret)
    PASSWORD_RESET = "auth.password_reset"  # noqa: S105 (an action name, not a secret)
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    ROLE_CHANGED = "user.role_changed"
    USER_DEACTIVATED = "user.deactivated"
    USER_REACTIVATED = "user.reactivated"
    USER_ANONYMISED = "user.anonymised"
    USERS_IMPORTED = "user.imported"
    PLACES_IMPORTED = "geo.imported"
    GRADE_OVERRIDDEN = "grade.overridden"
    ATTEMPTS_RESET = "grade.attempts_reset"
    CERTIFICATE_ISSUED = "certificate.issued"
    CERTIFICATE_REVOKED = "certificate.revoked"
    CERTIFICATE_REISSUED = "certificate.reissued"
    DATA_EXPORTED = "data.exported"
    COURSE_PUBLISHED = "course.published"
    CLASS_MEMBER_ADDED = "class.member_added"
    CLASS_MEMBER_REMOVED = "class.member_removed"
    CLASS_ROSTER_IMPORTED = "class.roster_imported"
    COURSE_UNPUBLISHED = "course.unpublished"
    TARGET_SET = "report.target_set"


def record(
    action: Action | str,
    *,
    actor: User | None = None,
    subject: User | None = None,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to the session; the request's address is taken when there is one."""
    entry = AuditEntry(
        action=str(action),
        actor_id=actor.id if actor is not None else None,
        subject_user_id=subject.id if subject is not None else None,
        target=target,
        ip=request.remote_addr if has_request_context() else None,
        details=details or {},
    )
    db.session.add(entry)
    return entry


def record_export(
    actor: User, export: str, *, target: str | None = None, **details: Any
) -> AuditEntry | None:
    """Record a download of personal data (``export`` names which: ``class_progress``, …).

    A ``HEAD`` request downloads nothing, so it records nothing (None).
    """
    if has_request_context() and request.method == "HEAD":
        return None
    return record(Action.DATA_EXPORTED, actor=actor, target=target, details={"export": export, **details})
