"""Write-side verbs of certificates: issue (on completion or by an admin), revoke, re-issue.

They change the database (the caller commits), write the audit events, and never read the request.
Issuing on completion runs inside the completion's transaction (see receivers.py): the certificate
commits or rolls back with the progress that earned it, so it is never lost and never duplicated.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from lms.audit.operations import Action, record
from lms.certificates import codes, credentials, snapshot, status_list
from lms.certificates.models import Certificate, CertificateEvent, EventKind
from lms.courses.models import Course
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Enrolment
from lms.users.models import User

log = logging.getLogger(__name__)


class CertificateError(Exception):
    """The action is refused for a reason an admin should read (translated)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class AlreadyCertified(CertificateError):
    pass


def live_certificate(user_id: int, course_id: int) -> Certificate | None:
    """The learner's valid (non-revoked) certificate for the course, if any."""
    return db.session.scalar(
        select(Certificate).where(
            Certificate.user_id == user_id,
            Certificate.course_id == course_id,
            Certificate.revoked_at.is_(None),
        )
    )


def find(code: str) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def _allocate(programme_id: int) -> tuple[int, int]:
    """A free random bit in the programme's current status list (a new list once half full)."""
    number = (
        db.session.scalar(
            select(func.max(Certificate.status_list)).where(Certificate.programme_id == programme_id)
        )
        or 1
    )
    in_list = (Certificate.programme_id == programme_id) & (Certificate.status_list == number)
    if db.session.scalar(select(func.count(Certificate.id)).where(in_list)) >= status_list.LIST_CAPACITY:
        number += 1
        in_list = (Certificate.programme_id == programme_id) & (Certificate.status_list == number)
    while True:
        index = secrets.randbelow(status_list.LIST_BITS)
        if not db.session.scalar(select(exists().where(in_list, Certificate.status_index == index))):
            return number, index


def _issue(
    user: User,
    course: Course,
    *,
    at: datetime,
    issued_by: User | None,
    reason: str | None,
    frozen: dict | None = None,
) -> Certificate:
    """Snapshot, sign and insert; a race on the live slot raises AlreadyCertified, others retry."""
    if live_certificate(user.id, course.id) is not None:
        raise AlreadyCertified(_l("This learner already has a valid certificate for this course."))
    at = at.replace(microsecond=0)
    frozen = frozen or snapshot.take(user, course, at)
    school, region = user.school, None
    if school is not None:
        region = school.province.region
    for _attempt in range(5):
        number, index = _allocate(course.programme_id)
        code = codes.generate()
        unsigned = credentials.build(frozen, code, number, index)
        signed = credentials.sign(
            unsigned, frozen["programme"]["code"], frozen["base_url"], frozen["issued_at"]
        )
        certificate = Certificate(
            code=code,
            user_id=user.id,
            course_id=course.id,
            programme_id=course.programme_id,
            school_id=school.id if school else None,
            region_id=region.id if region else user.region_id,
            language=frozen["language"],
            issued_at=at,
            snapshot=frozen,
            credential=signed,
            status_list=number,
            status_index=index,
            issued_by_id=issued_by.id if issued_by else None,
            issue_reason=reason,
        )
        try:
            with db.session.begin_nested():
                db.session.add(certificate)
        except IntegrityError:
            if live_certificate(user.id, course.id) is not None:
                raise AlreadyCertified(
                    _l("This learner already has a valid certificate for this course.")
                ) from None
            continue  # a code or status index taken at the same instant: draw again
        db.session.add(
            CertificateEvent(
                certificate_id=certificate.id,
                kind=EventKind.ISSUE,
                actor_id=issued_by.id if issued_by else None,
                at=at,
                reason=reason,
                details={"automatic": issued_by is None},
            )
        )
        record(
            Action.CERTIFICATE_ISSUED,
            actor=issued_by,
            subject=user,
            target=f"certificate:{code}",
            details={"course": course.slug, "automatic": issued_by is None, "reason": reason},
        )
        log.info("certificate %s issued to user %s for course %s", code, user.id, course.slug)
        return certificate
    raise RuntimeError("could not allocate a certificate code and status index")


def issue_on_completion(user: User, course: Course, at: datetime | None = None) -> Certificate | None:
    """Issue the completion certificate, unless one is already valid (then None: exactly once)."""
    try:
        return _issue(user, course, at=at or utcnow(), issued_by=None, reason=None)
    except AlreadyCertified:
        return None


def issue_manually(user: User, course: Course, admin: User, reason: str) -> Certificate:
    """An admin awards the course (e.g. a face-to-face session); the reason is kept in the audit."""
    if not reason.strip():
        raise CertificateError(_l("Give the reason for issuing this certificate."))
    return _issue(user, course, at=utcnow(), issued_by=admin, reason=reason.strip())


def revoke(certificate: Certificate, admin: User, reason: str, at: datetime | None = None) -> Certificate:
    """Revoke (the status list bit is set from now on); the reason is shown on the verification page."""
    if certificate.revoked:
        raise CertificateError(_l("This certificate is already revoked."))
    if not reason.strip():
        raise CertificateError(_l("Give the reason for revoking this certificate."))
    certificate.revoked_at = at or utcnow()
    certificate.revoked_by_id = admin.id
    certificate.revoke_reason = reason.strip()
    db.session.add(
        CertificateEvent(
            certificate_id=certificate.id,
            kind=EventKind.REVOKE,
            actor_id=admin.id,
            at=certificate.revoked_at,
            reason=certificate.revoke_reason,
        )
    )
    record(
        Action.CERTIFICATE_REVOKED,
        actor=admin,
        subject=certificate.user,
        target=f"certificate:{certificate.code}",
        details={"reason": certificate.revoke_reason},
    )
    db.session.flush()
    log.info("certificate %s revoked by user %s", certificate.code, admin.id)
    return certificate


def reissue(certificate: Certificate, admin: User, reason: str) -> Certificate:
    """Replace a certificate (e.g. a corrected name): the old one is revoked and kept, a new code is issued.

    The new snapshot takes the learner as they are now (name, school, language) but keeps the course
    as it was certified (title, version, hours): a re-issue corrects, it does not upgrade.
    """
    if certificate.revoked:
        raise CertificateError(_l("A revoked certificate cannot be re-issued: issue a new one instead."))
    now = utcnow()
    revoke(certificate, admin, reason, at=now)
    frozen = snapshot.take(certificate.user, certificate.course, now)
    frozen["course"] = dict(certificate.snapshot["course"])
    frozen["replaces"] = certificate.code
    replacement = _issue(
        certificate.user, certificate.course, at=now, issued_by=admin, reason=reason, frozen=frozen
    )
    certificate.replaced_by_id = replacement.id
    db.session.add(
        CertificateEvent(
            certificate_id=certificate.id,
            kind=EventKind.REISSUE,
            actor_id=admin.id,
            at=now,
            reason=reason.strip(),
            details={"replacement": replacement.code},
        )
    )
    record(
        Action.CERTIFICATE_REISSUED,
        actor=admin,
        subject=certificate.user,
        target=f"certificate:{certificate.code}",
        details={"replacement": replacement.code, "reason": reason.strip()},
    )
    db.session.flush()
    return replacement


def reconcile() -> list[Certificate]:
    """Issue what completion should have issued and did not (e.g. completions before this feature).

    Idempotent: a completed enrolment with any certificate, even a revoked one, is left alone.
    """
    missing = db.session.execute(
        select(Enrolment.user_id, Enrolment.course_id, Enrolment.completed_at).where(
            Enrolment.completed_at.is_not(None),
            ~exists().where(
                Certificate.user_id == Enrolment.user_id, Certificate.course_id == Enrolment.course_id
            ),
        )
    ).all()
    issued = []
    for user_id, course_id, completed_at in missing:
        user, course = db.session.get(User, user_id), db.session.get(Course, course_id)
        certificate = issue_on_completion(user, course, at=completed_at)
        if certificate is not None:
            issued.append(certificate)
    return issued
