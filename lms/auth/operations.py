"""Sign-in and password verbs: they change the database and log, and never read the request."""

from __future__ import annotations

import logging

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from lms.auth.tokens import make_reset_token
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.mail import send_mail
from lms.users.models import User
from lms.users.operations import find_user_by_email

log = logging.getLogger(__name__)

# A valid hash to check against when the email is unknown, so both paths take the same time.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials and record the sign-in, else None."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        log.info("sign-in failed: unknown email")
        return None
    if not user.check_password(password) or not user.active:
        log.info("sign-in failed for user %s", user.id)
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def send_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; say nothing either way (no account enumeration)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        log.info("password reset asked for an unknown or inactive email")
        return
    link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
    with force_locale(user.language):
        subject = _("Maharat: choose a new password")
        body = _(
            "Hello %(name)s,\n\nTo choose a new password, open this link within one hour:\n%(link)s\n\n"
            "If you did not ask for this, ignore this message: your password stays the same.",
            name=user.display_name,
            link=link,
        )
    send_mail(user.email, subject, body)


def change_password(user: User, new_password: str) -> None:
    """Set a new password; every other session of this account ends with the old token."""
    user.set_password(new_password)
    db.session.commit()
    log.info("password changed for user %s", user.id)
