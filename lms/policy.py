"""Who may do what: the one place that turns roles into permissions.

Views ask this module (through :func:`require` or :func:`can`); they never compare roles themselves,
so a change of policy is a change here, and the tests of this module cover every role.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from lms.users.models import Role, User


class Permission(enum.StrEnum):
    #: Follow courses, submit work, earn certificates (teachers learn too).
    LEARN = "learn"
    #: Run classes of students and see their progress.
    TEACH = "teach"
    #: Create and edit course content.
    AUTHOR = "author"
    #: Create, edit and deactivate accounts; import schools.
    MANAGE_PEOPLE = "manage_people"
    #: Read programme reports (scoped for managers by :func:`report_scope`).
    VIEW_REPORTS = "view_reports"
    #: Issue manually, revoke and re-issue certificates; bulk downloads.
    MANAGE_CERTIFICATES = "manage_certificates"
    #: Read and download the audit log (it holds emails and addresses).
    VIEW_AUDIT = "view_audit"
    #: Set the programmes' yearly targets.
    MANAGE_TARGETS = "manage_targets"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.TEACHER: frozenset({Permission.LEARN, Permission.TEACH}),
    Role.STUDENT: frozenset({Permission.LEARN}),
    Role.MANAGER: frozenset({Permission.VIEW_REPORTS}),
}


def can(user: User | Any, permission: Permission) -> bool:
    """Return whether ``user`` (possibly anonymous) holds ``permission``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def require(*permissions: Permission) -> Callable:
    """Decorate a view: anonymous users go to sign-in, signed-in users without the permission get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from lms.extensions import login_manager

                return login_manager.unauthorized()
            if not all(can(current_user, p) for p in permissions):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permissions = permissions  # type: ignore[attr-defined]
        return wrapped

    return decorator


def report_scope(user: User) -> tuple[int | None, int | None] | None:
    """Return ``(programme_id, region_id)`` a user may report on (``None`` parts = all), or None if none."""
    if not can(user, Permission.VIEW_REPORTS):
        return None
    if user.role is Role.ADMIN:
        return (None, None)
    if user.programme_id is None:
        return None
    return (user.programme_id, user.region_id)


def landing_endpoint(user: User) -> str:
    """The page each role starts from after signing in."""
    return {
        Role.ADMIN: "dashboard.admin",
        Role.TEACHER: "dashboard.teacher",
        Role.STUDENT: "dashboard.learner",
        Role.MANAGER: "dashboard.manager",
    }[user.role]


def manages_every_class(user: User) -> bool:
    """Admins oversee every class (support, end of year); teachers see only their own."""
    return can(user, Permission.MANAGE_PEOPLE)


def teaches_class(user: User | Any, klass: Any) -> bool:
    """Whether ``user`` teaches ``klass``, as its own teacher or as a co-teacher (the one rule for both)."""
    if not can(user, Permission.TEACH):
        return False
    if klass.teacher_id == user.id:
        return True
    from sqlalchemy import select

    from lms.extensions import db
    from lms.teaching.models import CoTeacher

    found = db.session.scalar(
        select(CoTeacher.id).where(CoTeacher.class_id == klass.id, CoTeacher.user_id == user.id)
    )
    return found is not None


def can_manage_class(user: User | Any, klass: Any) -> bool:
    """Whether ``user`` may see and change ``klass`` (a :class:`lms.classes.models.SchoolClass`)."""
    if not can(user, Permission.TEACH):
        return False
    return manages_every_class(user) or teaches_class(user, klass)


def can_join_class(user: User | Any) -> bool:
    """Only pupils join classes with a code: a teacher's own training goes through the catalogue."""
    return can(user, Permission.LEARN) and user.role is Role.STUDENT


def in_report_scope(user: User, programme_id: int, region_id: int | None) -> bool:
    """Whether ``user`` may read the numbers of a programme, nationally (``region_id`` None) or in a region."""
    scope = report_scope(user)
    if scope is None:
        return False
    allowed_programme, allowed_region = scope
    if allowed_programme is not None and allowed_programme != programme_id:
        return False
    return allowed_region is None or allowed_region == region_id
