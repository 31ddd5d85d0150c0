"""Admin pages: list and filter, one certificate's history, revoke, re-issue, manual issue, bulk export.

Every route needs ``Permission.MANAGE_CERTIFICATES`` (admins only): others get 403, visitors the
sign-in page. Every change goes through lms.certificates.operations, which writes the audit events.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lms.certificates import bulk, documents, operations, queries
from lms.certificates.blueprint import bp
from lms.certificates.forms import IssueForm, ReissueForm, RevokeForm
from lms.certificates.models import Certificate, CertificateEvent
from lms.core.downloads import ExportAudit, attachment, download, stream
from lms.core.limits import export_limit
from lms.courses.models import Course
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.i18n import current_language
from lms.policy import Permission, require
from lms.programmes.models import Programme
from lms.users.models import User, normalise_email

manage = require(Permission.MANAGE_CERTIFICATES)


def _certificate(code: str) -> Certificate:
    certificate = operations.find(code)
    if certificate is None:
        abort(404)
    return certificate


def _choices(filters: queries.Filters) -> dict:
    """The filter menus: a fixed handful of small queries (schools and classes only once narrowed)."""
    from lms.classes.models import SchoolClass

    schools = classes = []
    if filters.region:
        schools = db.session.scalars(
            select(School).join(Province).where(Province.region_id == filters.region).order_by(School.name_fr)
        ).all()
    if filters.school:
        classes = db.session.scalars(
            select(SchoolClass).where(SchoolClass.school_id == filters.school).order_by(SchoolClass.name)
        ).all()
    language = current_language()
    return {
        "programme_options": [
            (p.id, p.name) for p in db.session.scalars(select(Programme).order_by(Programme.id))
        ],
        "region_options": [
            (r.id, r.name_for(language)) for r in db.session.scalars(select(Region).order_by(Region.code))
        ],
        "course_options": [
            (c.id, c.title) for c in db.session.scalars(select(Course).order_by(Course.title))
        ],
        "school_options": [(school.id, school.name_for(language)) for school in schools],
        "class_options": [(k.id, f"{k.name} ({k.school_year})") for k in classes],
        "schools": schools,
        "classes": classes,
    }


@bp.get("/admin/certificates")
@manage
def admin_index():
    filters = queries.Filters.from_args(request.args)
    page = queries.page(filters, request.args.get("page", 1, type=int))
    return render_template(
        "certificates/admin/index.html",
        filters=filters,
        page=page,
        args=filters.as_args(),
        **_choices(filters),
    )


@bp.get("/admin/certificates/export.zip")
@manage
@download("application/zip")
@export_limit
def admin_export():
    """Stream the PDFs and a CSV index of everything the filters select (audited once sent)."""
    filters = queries.Filters.from_args(request.args)
    ids = queries.ids(filters)
    audit = ExportAudit(
        current_user.id, "certificates_zip", details={"count": len(ids), "filters": request.args.to_dict()}
    )
    response = Response(stream(bulk.archive(ids, current_language()), audit), mimetype="application/zip")
    response.headers["Content-Disposition"] = attachment("certificates.zip")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/admin/certificates/issue", methods=["GET", "POST"])
@manage
def admin_issue():
    form = IssueForm()
    form.course_id.choices = [
        (c.id, c.title)
        for c in db.session.scalars(select(Course).where(Course.archived_at.is_(None)).order_by(Course.title))
    ]
    if form.validate_on_submit():
        learner = db.session.scalar(select(User).where(User.email == normalise_email(form.email.data)))
        course = db.session.get(Course, form.course_id.data)
        if learner is None:
            form.email.errors.append(_("No account has this email address."))
        else:
            try:
                certificate = operations.issue_manually(learner, course, current_user, form.reason.data)
            except operations.CertificateError as error:
                db.session.rollback()
                flash(str(error.message), "error")
            else:
                db.session.commit()
                flash(_("Certificate %(code)s issued.", code=certificate.display_code), "success")
                return redirect(url_for("certificates.admin_show", code=certificate.code))
    return render_template("certificates/admin/issue.html", form=form)


@bp.get("/admin/certificates/<code>")
@manage
def admin_show(code: str):
    certificate = _certificate(code)
    events = db.session.scalars(
        select(CertificateEvent)
        .where(CertificateEvent.certificate_id == certificate.id)
        .order_by(CertificateEvent.at)
    ).all()
    return render_template(
        "certificates/admin/show.html",
        certificate=certificate,
        s=certificate.snapshot,
        events=events,
        signature_valid=documents.signature_valid(certificate),
        revoke_form=RevokeForm(prefix="revoke"),
        reissue_form=ReissueForm(prefix="reissue"),
    )


@bp.post("/admin/certificates/<code>/revoke")
@manage
def admin_revoke(code: str):
    certificate = _certificate(code)
    form = RevokeForm(prefix="revoke")
    if not form.validate_on_submit():
        flash(_("Please give the reason."), "error")
        return redirect(url_for("certificates.admin_show", code=code))
    try:
        operations.revoke(certificate, current_user, form.reason.data)
    except operations.CertificateError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Certificate %(code)s revoked.", code=certificate.display_code), "success")
    return redirect(url_for("certificates.admin_show", code=code))


@bp.post("/admin/certificates/<code>/reissue")
@manage
def admin_reissue(code: str):
    certificate = _certificate(code)
    form = ReissueForm(prefix="reissue")
    if not form.validate_on_submit():
        flash(_("Please give the reason."), "error")
        return redirect(url_for("certificates.admin_show", code=code))
    try:
        replacement = operations.reissue(certificate, current_user, form.reason.data)
    except operations.CertificateError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("certificates.admin_show", code=code))
    db.session.commit()
    flash(_("Certificate re-issued: the new code is %(code)s.", code=replacement.display_code), "success")
    return redirect(url_for("certificates.admin_show", code=replacement.code))
