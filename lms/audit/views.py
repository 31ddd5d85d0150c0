"""The admins' view of the audit log: filter, page through, download as CSV."""

from __future__ import annotations

import json
from collections.abc import Iterator

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lms.audit import queries
from lms.audit.operations import Action
from lms.core.downloads import ExportAudit, csv_response, download
from lms.core.limits import export_limit
from lms.dbtypes import utcnow
from lms.policy import Permission, require

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

#: What each action is called on the page and in the CSV.
ACTION_LABELS = {
    Action.SIGN_IN: _l("Signed in"),
    Action.SIGN_IN_FAILED: _l("Failed sign-in"),
    Action.PASSWORD_CHANGED: _l("Password changed"),
    Action.PASSWORD_RESET: _l("Password reset"),
    Action.USER_CREATED: _l("Account created"),
    Action.USER_UPDATED: _l("Account changed"),
    Action.ROLE_CHANGED: _l("Role changed"),
    Action.USER_DEACTIVATED: _l("Account deactivated"),
    Action.USER_REACTIVATED: _l("Account reactivated"),
    Action.USER_ANONYMISED: _l("Account anonymised"),
    Action.USERS_IMPORTED: _l("Accounts imported"),
    Action.GRADE_OVERRIDDEN: _l("Grade overridden"),
    Action.ATTEMPTS_RESET: _l("Attempts reset"),
    Action.CERTIFICATE_ISSUED: _l("Certificate issued"),
    Action.CERTIFICATE_REVOKED: _l("Certificate revoked"),
    Action.CERTIFICATE_REISSUED: _l("Certificate re-issued"),
    Action.DATA_EXPORTED: _l("Personal data downloaded"),
    Action.COURSE_PUBLISHED: _l("Course published"),
    Action.CLASS_MEMBER_ADDED: _l("Pupil added to a class"),
    Action.CLASS_MEMBER_REMOVED: _l("Pupil removed from a class"),
    Action.CLASS_ROSTER_IMPORTED: _l("Class roster imported"),
    Action.COURSE_UNPUBLISHED: _l("Course unpublished"),
    Action.TARGET_SET: _l("Programme targets set"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)  # type: ignore[call-overload]
    return str(label) if label is not None else action


@bp.get("/")
@require(Permission.VIEW_AUDIT)
def index():
    filters = queries.Filters.from_args(request.args)
    page = queries.page(filters, request.args.get("page", 1, type=int))
    return render_template(
        "audit/index.html",
        filters=filters,
        page=page,
        args=filters.as_args(),
        actions=[(a.value, action_label(a)) for a in Action],
        action_label=action_label,
    )


def _header() -> list[object]:
    return [
        _("Date (UTC)"),
        _("Action"),
        _("By (account)"),
        _("By (email)"),
        _("About (account)"),
        _("About (email)"),
        _("Object"),
        _("Address"),
        _("Details"),
    ]


def _rows(filters: queries.Filters) -> Iterator[list[object]]:
    for at, action, actor_id, actor_email, subject_id, subject_email, target, ip, details in queries.every(
        filters
    ):
        yield [
            at.strftime("%Y-%m-%d %H:%M:%S"),
            action_label(action),
            actor_id,
            actor_email,
            subject_id,
            subject_email,
            target,
            ip,
            json.dumps(details, ensure_ascii=False, sort_keys=True),
        ]


@bp.get("/export.csv")
@require(Permission.VIEW_AUDIT)
@download("text/csv")
@export_limit
def export():
    """The entries the filters select, oldest first (the log holds emails and addresses: audited once sent)."""
    filters = queries.Filters.from_args(request.args)
    audit = ExportAudit(current_user.id, "audit_log", details={"filters": filters.as_args()})
    return csv_response(_header(), _rows(filters), f"maharat-audit-{utcnow():%Y%m%d}.csv", audit)
