"""Write-side and read-side verbs of privacy: they never read the request.

What anonymising keeps, and why:

- progress rows (enrolments, item and unit progress, attempts' scores) stay, tied to an account
  that no longer says who it was, so programme statistics do not change when someone leaves;
- the school, programme and region of the account stay: they are what the reports count by, and
  they do not identify a pupil among hundreds;
- issued certificates stay valid and verifiable *as issued*, learner name included. A certificate
  is a public claim its holder owns: they may have shared the PDF or the link with a school or an
  employer, and the signed credential embeds the name, so changing it would break a proof already
  in other hands. The snapshot holds only the name, role and school (no email, no Massar code).
  If the holder wants the certificates withdrawn too, an admin revokes them first (the existing
  revoke flow, with its reason): verification then says "revoked".
- the audit log keeps its rows (accountability: who did what); it shows the anonymised account.

What goes: the name, email, Massar code and password; every session; free-text answers and code
(they may contain the learner's name); the account is deactivated.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from lms.audit.operations import Action, record
from lms.certificates.models import Certificate
from lms.certificates.sharing import verification_url
from lms.classes.models import ClassMember, SchoolClass
from lms.courses.models import Course, Item
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Attempt, Enrolment, ItemProgress
from lms.users.models import User

#: The domain of anonymised accounts' addresses: ``.invalid`` is reserved (RFC 2606), no mail leaves.
ANONYMOUS_DOMAIN = "anonymised.invalid"


class PrivacyError(ValueError):
    """The operation is refused; ``message`` says why (translatable)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user`` that is theirs to take away, JSON-ready.

    A fixed handful of queries (one per kind of row), whatever the amount of work.
    """
    enrolments = db.session.execute(
        select(Enrolment, Course.slug, Course.title)
        .join(Course, Course.id == Enrolment.course_id)
        .where(Enrolment.user_id == user.id)
        .order_by(Enrolment.id)
    ).all()
    progress = db.session.execute(
        select(ItemProgress, Course.slug, Item.slug, Item.title)
        .join(Item, Item.id == ItemProgress.item_id)
        .join(Course, Course.id == ItemProgress.course_id)
        .where(ItemProgress.user_id == user.id)
        .order_by(ItemProgress.id)
    ).all()
    attempts = db.session.execute(
        select(Attempt, Course.slug, Item.slug)
        .join(Item, Item.id == Attempt.item_id)
        .join(Course, Course.id == Attempt.course_id)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.id)
    ).all()
    certificates = db.session.scalars(
        select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.id)
    ).all()
    classes = db.session.execute(
        select(SchoolClass.name, SchoolClass.school_year, ClassMember.joined_at)
        .join(ClassMember, ClassMember.class_id == SchoolClass.id)
        .where(ClassMember.user_id == user.id)
        .order_by(ClassMember.id)
    ).all()
    return {
        "exported_at": utcnow().isoformat(),
        "profile": {
            "name": user.display_name,
            "email": user.email,
            "role": user.role.value,
            "language": user.language,
            "massar_code": user.massar_code,
            "school": user.school.name_fr if user.school else None,
            "programme": user.programme.code if user.programme else None,
            "created_at": _when(user.created_at),
            "last_sign_in_at": _when(user.last_login_at),
        },
        "classes": [
            {"name": name, "school_year": year, "joined_at": _when(joined)} for name, year, joined in classes
        ],
        "enrolments": [
            {
                "course": slug,
                "title": title,
                "enrolled_at": _when(e.created_at),
                "completed_at": _when(e.completed_at),
            }
            for e, slug, title in enrolments
        ],
        "progress": [
            {
                "course": course,
                "item": item,
                "title": title,
                "status": p.status.value,
                "best_score": p.best_score,
                "attempts": p.attempts,
                "completed_at": _when(p.completed_at),
            }
            for p, course, item, title in progress
        ],
        "submissions": [
            {
                "course": course,
                "item": item,
                "number": a.number,
                "submitted_at": _when(a.submitted_at),
                "status": a.status.value,
                "score": a.score,
                "passed": a.passed,
                "submission": a.submission,
                "feedback": a.feedback,
            }
            for a, course, item in attempts
        ],
        "certificates": [
            {
                "code": c.code,
                "course": c.snapshot.get("course", {}).get("title"),
                "issued_at": _when(c.issued_at),
                "revoked_at": _when(c.revoked_at),
                "verification_url": verification_url(c),
            }
            for c in certificates
        ],
    }


def anonymise(user: User, admin: User | None) -> None:
    """Erase who ``user`` was, keep what they did (see the module's docstring); the caller commits."""
    if user.anonymised_at is not None:
        raise PrivacyError(_l("This account has already been anonymised."))
    if admin is not None and admin.id == user.id:
        raise PrivacyError(_l("You cannot anonymise your own account."))
    user.display_name = f"#{user.id}"
    user.email = f"user-{user.id}@{ANONYMOUS_DOMAIN}"
    user.massar_code = None
    # A password nobody knows, and a new session token: every session and remember-me cookie ends.
    user.password_hash = generate_password_hash(secrets.token_urlsafe(32), method="scrypt")
    user.session_token = secrets.token_urlsafe(24)
    user.active = False
    user.last_login_at = None
    from lms.auth import lockout

    lockout.clear(user)
    user.anonymised_at = utcnow()
    for attempt in db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)):
        if "text" in attempt.submission or "code" in attempt.submission:
            attempt.submission = {key: "" for key in attempt.submission if key in ("text", "code")}
            attempt.feedback = []
    record(Action.USER_ANONYMISED, actor=admin, subject=user)
    db.session.flush()
