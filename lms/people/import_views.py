"""Import pages: people, provinces and schools from CSV, each as upload → dry run → confirm.

The dry run shows what would be created, updated and left unchanged, and every problem with its
line, column and reason; nothing is written until the admin confirms. The confirmation posts the
checked text back and it is checked again (never trusted).
"""

from __future__ import annotations

import logging

from flask import abort, flash, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from lms.audit.operations import Action, record
from lms.core.downloads import download
from lms.extensions import db
from lms.geo.importing import PROVINCE_SCHEMA, SCHOOL_SCHEMA, import_provinces, import_schools
from lms.people import operations
from lms.people.blueprint import bp
from lms.people.forms import ImportForm, UserImportForm
from lms.people.importing import SCHEMA, apply_plan, check_csv
from lms.people.views import manage
from lms.reports.exports import csv_response
from lms.users.operations import AccountError

log = logging.getLogger(__name__)

#: Place imports: the ministry's columns (the same files as ``flask geo import-…``) and an example.
PLACES = {
    "provinces": {
        "importer": import_provinces,
        "schema": PROVINCE_SCHEMA,
        "example": ["FES", "Préfecture de Fès", "عمالة فاس", "MA-03"],
    },
    "schools": {
        "importer": import_schools,
        "schema": SCHOOL_SCHEMA,
        "example": ["FES-0001", "Lycée Al Qaraouiyine", "ثانوية القرويين", "FES"],
    },
}


@bp.get("/import/template.csv")
@manage
@download("text/csv")
def import_template():
    """The columns in the admin's language and two example rows (a pupil and a teacher)."""
    rows = SCHEMA.template(
        [
            ["amina.elidrissi@example.ma", "أمينة الإدريسي", "student", "ar", "J130000001", "", "sic", ""],
            ["y.benali@example.ma", "Youssef Benali", "teacher", "fr", "", "", "digischool", ""],
        ]
    )
    return csv_response(rows, "people-template.csv")


@bp.route("/import", methods=["GET", "POST"])
@manage
def import_people():
    form = UserImportForm()
    context = {"form": form, "plan": None, "created": None, "text": None, "mailed": 0}
    if not form.validate_on_submit():
        return render_template("people/import.html", **context), 400 if request.method == "POST" else 200
    text = form.csv_text()
    if text is None:
        return render_template("people/import.html", **context), 400
    plan = check_csv(text)
    context.update(plan=plan, text=text)
    confirm = request.form.get("confirm")
    valid_only = confirm == "valid"
    if confirm not in ("all", "valid") or plan.blocking or (plan.problems and not valid_only):
        db.session.rollback()
        return render_template("people/import.html", **context), 400 if plan.problems else 200
    try:
        created = apply_plan(
            plan, current_user, valid_rows_only=valid_only, filename=form.filename.data or ""
        )
    except AccountError as error:
        # Created by someone else since the check: nothing of this import is kept.
        db.session.rollback()
        flash(str(error.message), "error")
        return render_template("people/import.html", **context), 409
    db.session.commit()
    mailed = 0
    if form.first_password.data == "email":
        # After the commit: a mail server that fails must not undo the import.
        for user, _account in created:
            try:
                operations.send_reset_link(current_user, user, reason="new account")
            except OSError:
                log.warning("could not mail a password link to user %s", user.id, exc_info=True)
                continue
            mailed += 1
        db.session.commit()
        if mailed < len(created):
            flash(
                ngettext(
                    "%(num)d link could not be sent: send it from the person's page.",
                    "%(num)d links could not be sent: send them from each person's page.",
                    len(created) - mailed,
                ),
                "warning",
            )
    context.update(
        created=[account for _user, account in created if form.first_password.data == "show"],
        text=None,
        mailed=mailed,
    )
    flash(
        _(
            "Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.",
            created=len(plan.to_create),
            updated=len(plan.to_update),
            unchanged=len(plan.unchanged),
        ),
        "success",
    )
    response = make_response(render_template("people/import.html", **context))
    response.headers["Cache-Control"] = "private, no-store"  # it may show passwords
    return response


def _place(kind: str) -> dict:
    if kind not in PLACES:
        abort(404)
    return PLACES[kind]


@bp.get("/provinces/template.csv", defaults={"kind": "provinces"}, endpoint="provinces_template")
@bp.get("/schools/template.csv", defaults={"kind": "schools"}, endpoint="schools_template")
@manage
@download("text/csv")
def places_template(kind: str):
    place = _place(kind)
    return csv_response(place["schema"].template([place["example"]]), f"{kind}-template.csv")


@bp.route(
    "/provinces/import", methods=["GET", "POST"], defaults={"kind": "provinces"}, endpoint="import_provinces"
)
@bp.route("/schools/import", methods=["GET", "POST"], defaults={"kind": "schools"}, endpoint="import_schools")
@manage
def import_places(kind: str):
    """Provinces or schools, with the importer the ``geo`` commands use (all or nothing, by code)."""
    place = _place(kind)
    form = ImportForm()
    context = {
        "form": form,
        "kind": kind,
        "columns": place["schema"].columns,
        "report": None,
        "text": None,
        "done": False,
    }
    if not form.validate_on_submit():
        return render_template(
            "people/import_places.html", **context
        ), 400 if request.method == "POST" else 200
    text = form.csv_text()
    if text is None:
        return render_template("people/import_places.html", **context), 400
    report = place["importer"](text)
    context.update(report=report, text=text)
    if report.problems or request.form.get("confirm") != "all":
        db.session.rollback()
        return render_template("people/import_places.html", **context), 400 if report.problems else 200
    record(
        Action.PLACES_IMPORTED,
        actor=current_user,
        target=kind,
        details={
            "file": (form.filename.data or "")[:200],
            "created": report.created,
            "updated": report.updated,
        },
    )
    db.session.commit()
    context.update(done=True, text=None)
    flash(
        _(
            "Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.",
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        ),
        "success",
    )
    return render_template("people/import_places.html", **context)
