"""A person's copy of their data (JSON or a ZIP of CSVs), and the admins' anonymisation of a departed user."""

from __future__ import annotations

import io
import json
import zipfile

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lms.audit.operations import record_export
from lms.core.downloads import download, file_response
from lms.core.limits import export_limit
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.policy import Permission, require
from lms.privacy import operations
from lms.privacy.forms import AnonymiseForm
from lms.reports.exports import csv_lines
from lms.users.models import User

bp = Blueprint("privacy", __name__)


def _download(body: bytes, mimetype: str, extension: str) -> Response:
    """The finished file, audited only now that it exists (a failure above is not a download)."""
    record_export(current_user, f"own_data_{extension}", target=f"user:{current_user.id}")
    db.session.commit()
    return file_response(body, mimetype, f"maharat-my-data-{utcnow():%Y%m%d}.{extension}")


@bp.get("/account/data.json")
@login_required
@download("application/json")
@export_limit
def my_data_json():
    """Everything about me, in one JSON document (audited: it is personal data leaving the platform)."""
    data = operations.personal_data(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return _download(body, "application/json", "json")


def _table(rows: list[dict]) -> str:
    if not rows:
        return "".join(csv_lines([]))
    keys = list(rows[0])
    records = [keys] + [
        [json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for v in row.values()]
        for row in rows
    ]
    return "".join(csv_lines(records))


@bp.get("/account/data.zip")
@login_required
@download("application/zip")
@export_limit
def my_data_zip():
    """The same data as CSV files a spreadsheet opens (formula-safe), one per kind, in a ZIP."""
    data = operations.personal_data(current_user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.csv", _table([data["profile"]]))
        for name in ("classes", "enrolments", "progress", "submissions", "certificates"):
            archive.writestr(f"{name}.csv", _table(data[name]))
    return _download(buffer.getvalue(), "application/zip", "zip")


@bp.route("/admin/privacy/<int:user_id>/anonymise", methods=["GET", "POST"])
@require(Permission.MANAGE_PEOPLE)
def anonymise(user_id: int):
    """Confirm, then erase who a departed person was while keeping statistics and certificates."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    form = AnonymiseForm()
    if form.validate_on_submit():
        if form.confirm_email.data != user.email:
            form.confirm_email.errors.append(_("This is not the account's email address."))
        else:
            try:
                operations.anonymise(user, current_user)
            except operations.PrivacyError as error:
                db.session.rollback()
                flash(str(error.message), "error")
            else:
                db.session.commit()
                flash(_("The account has been anonymised."), "success")
                return redirect(url_for("dashboard.admin"))
    return render_template("privacy/anonymise.html", user=user, form=form), 400 if form.errors else 200
