"""Public verification, the machine-readable documents, and the learner's certificates.

Public routes need no account and are rate-limited per address; an unknown or malformed code gets the
same "unknown" answer (and a 404), so the page reveals nothing about which codes exist.
"""

from __future__ import annotations

from flask import Response, abort, current_app, json, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from lms.certificates import (
    codes,
    documents,
    operations,
    pdf,
    sharing,
)
from lms.certificates.blueprint import bp
from lms.certificates.forms import VerifyForm
from lms.certificates.models import Certificate
from lms.core.downloads import attachment, download, file_response
from lms.extensions import db, limiter
from lms.policy import Permission, can, require
from lms.programmes.models import Programme
from lms.users.models import ROLE_LABELS, Role


def _verify_limit() -> str:
    return current_app.config.get("CERTIFICATE_VERIFY_RATE_LIMIT", "30 per minute")


def _document_limit() -> str:
    return current_app.config.get("CERTIFICATE_DOCUMENT_RATE_LIMIT", "120 per minute")


def _json_ld(document: dict, filename: str | None = None, max_age: int = 0) -> Response:
    response = Response(json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/ld+json")
    response.headers["Access-Control-Allow-Origin"] = "*"  # verifiers run in other origins' pages
    if max_age:
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
    if filename:
        response.headers["Content-Disposition"] = attachment(filename)
    return response


@bp.app_template_global()
def learner_certificates(user) -> list[Certificate]:
    """The learner's certificates, newest first (for templates/certificates/_my_certificates.html)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        db.session.scalars(
            select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.issued_at.desc())
        )
    )


@bp.app_context_processor
def _sharing() -> dict:
    return {"certificate_links": sharing}


@bp.get("/verify")
@limiter.limit(_verify_limit)
def verify_form():
    form = VerifyForm(request.args)
    if request.args.get("code") is not None and form.validate():
        code = codes.normalise(form.code.data)
        return redirect(url_for("certificates.verify", code=codes.display(code) if code else "unknown"))
    return render_template("certificates/verify.html", form=form, result=None)


@bp.get("/verify/<code>")
@limiter.limit(_verify_limit)
def verify(code: str):
    normalised = codes.normalise(code)
    certificate = operations.find(normalised) if normalised else None
    form = VerifyForm(data={"code": codes.display(normalised) if normalised else ""})
    if certificate is None:
        return render_template("certificates/verify.html", form=form, result="unknown"), 404
    return render_template(
        "certificates/verify.html",
        form=form,
        result="revoked" if certificate.revoked else "valid",
        certificate=certificate,
        s=certificate.snapshot,
        role_label=ROLE_LABELS.get(Role(certificate.snapshot["learner"]["role"]), ""),
    )


@bp.get("/certificates/<code>.json")
@download(None)  # a stored document: HEAD runs the view (404 for an unknown code), nothing is audited
@limiter.limit(_document_limit)
def credential(code: str):
    """The signed Open Badges credential, exactly as stored (its ``id`` is this URL)."""
    certificate = operations.find(code)
    if certificate is None:
        abort(404)
    filename = f"certificate-{certificate.code}.json" if request.args.get("download") else None
    return _json_ld(certificate.credential, filename)


@bp.get("/issuers/<programme>")
@limiter.limit(_document_limit)
@download(None)
def issuer(programme: str):
    row = db.session.scalar(select(Programme).where(Programme.code == programme))
    if row is None:
        abort(404)
    return _json_ld(documents.issuer_profile(row), max_age=300)


@bp.get("/status/<programme>/<int:number>")
@limiter.limit(_document_limit)
@download(None)
def status_list(programme: str, number: int):
    row = db.session.scalar(select(Programme).where(Programme.code == programme))
    document = documents.status_list_credential(row, number) if row is not None else None
    if document is None:
        abort(404)
    # Short cache: a revocation must reach verifiers within minutes.
    return _json_ld(document, max_age=60)


@bp.get("/certificates")
@require(Permission.LEARN)
def mine():
    return render_template("certificates/mine.html", certificates=learner_certificates(current_user))


@bp.get("/certificates/<code>.pdf")
@require(Permission.LEARN)
@download("application/pdf")
def download_pdf(code: str):
    """The learner's own valid certificates (admins: any); everything else is simply not found."""
    certificate = operations.find(code)
    is_admin = can(current_user, Permission.MANAGE_CERTIFICATES)
    if certificate is None or not (
        is_admin or (certificate.user_id == current_user.id and not certificate.revoked)
    ):
        abort(404)
    return file_response(
        pdf.pdf_bytes(certificate),
        "application/pdf",
        f"certificate-{certificate.code}.pdf",
        cache="private, max-age=3600",
    )
