"""Sign-in and password verbs: they change the database and log, and never read the request."""

from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from lms.audit.operations import Action, record
from lms.auth import lockout
from lms.auth.tokens import make_reset_token
from lms.core.urls import external_url
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.mail import send_mail
from lms.users.models import User
from lms.users.operations import find_user_by_email

log = logging.getLogger(__name__)

# A valid hash to check against when the email is unknown, so both paths take the same time.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials and record the sign-in, else None.

    Every refusal looks the same to the visitor (same message, a password hash checked each time),
    whether the email is unknown, the password wrong, the account inactive or in its back-off window;
    only the audit log says which.
    """
    now = utcnow()
    user = find_user_by_email(email)
    reason = None
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        reason = "unknown_email"
    elif lockout.is_locked(user, now):
        check_password_hash(_DUMMY_HASH, password)
        reason = "locked"
    elif not user.check_password(password):
        lockout.register_failure(user, now)
        reason = "wrong_password"
    elif not user.active:
        reason = "inactive"
    if reason is not None:
        log.info("sign-in failed (%s) for %s", reason, f"user {user.id}" if user else "an unknown email")
        record(
            Action.SIGN_IN_FAILED,
            subject=user,
            details={"email": email[:254], "reason": reason},
        )
        db.session.commit()
        return None
    lockout.clear(user)
    user.last_login_at = now
    record(Action.SIGN_IN, actor=user, subject=user)
    db.session.commit()
    return user


def send_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; say nothing either way (no account enumeration)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        log.info("password reset asked for an unknown or inactive email")
        return
    link = external_url("auth.reset_password", token=make_reset_token(user))
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
    record(Action.PASSWORD_CHANGED, actor=user, subject=user)
    db.session.commit()
    log.info("password changed for user %s", user.id)


def reset_password(user: User, new_password: str) -> None:
    """Set the password chosen through a reset link, and lift any sign-in back-off.

    This is the way out that an attacker who keeps failing sign-ins on someone else's account
    cannot take away: the link works whatever the counter says, and clears it.
    """
    user.set_password(new_password)
    lockout.clear(user)
    record(Action.PASSWORD_RESET, actor=user, subject=user)
    db.session.commit()
    log.info("password reset for user %s", user.id)
