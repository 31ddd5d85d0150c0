"""Write-side verbs of people management: each changes the database, audits, and returns.

They never read the request and never commit (the view does, so the audit entry lands with the
change). Rules that protect the platform live here, not in the views: an admin cannot demote or
deactivate themselves, and the last active admin can be neither demoted nor deactivated.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from lms.audit.operations import Action, record
from lms.auth.tokens import make_reset_token
from lms.core.urls import external_url
from lms.extensions import db
from lms.mail import send_mail
from lms.users.models import MASSAR_RE, Role, User, normalise_email, normalise_massar
from lms.users.operations import AccountError, create_user, find_user_by_email

#: Generated passwords: lower case without look-alikes (l/1, o/0), easy to copy from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet, not a password
PASSWORD_LENGTH = 12

#: The fields an admin edits on the person page (the role and the active flag have their own verbs).
EDITABLE = ("display_name", "email", "language", "massar_code", "school_id", "programme_id", "region_id")


def generate_password() -> str:
    """A random password to hand over on paper (about 59 bits)."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def check_massar(code: str | None, role: Role) -> str | None:
    """Return the normalised Massar code, refusing a malformed one or one on a non-pupil."""
    massar = normalise_massar(code)
    if massar is None:
        return None
    if role is not Role.STUDENT:
        raise AccountError("massar_code", _("Only pupils have a Massar code."))
    if not MASSAR_RE.fullmatch(massar):
        raise AccountError("massar_code", _("A Massar code is one letter followed by nine digits."))
    return massar


def _snapshot(user: User, names: tuple[str, ...] = EDITABLE) -> dict[str, Any]:
    return {name: getattr(user, name) for name in names}


def create_person(
    actor: User,
    *,
    email: str,
    display_name: str,
    role: Role,
    language: str = "fr",
    massar_code: str | None = None,
    school_id: int | None = None,
    programme_id: int | None = None,
    region_id: int | None = None,
    source: str = "admin",
) -> tuple[User, str]:
    """Create an account with a generated password; return it with the password, to show once.

    The admin never types a password: either they hand the generated one over (pupils often have
    no mailbox they read) or they send a link so that the person chooses their own. Either way the
    person must choose a password of their own at the first sign-in.
    """
    massar = check_massar(massar_code, role)
    password = generate_password()
    user = create_user(
        email=email,
        display_name=display_name,
        password=password,
        role=role,
        language=language,
        massar_code=massar,
        school_id=school_id,
        programme_id=programme_id,
        region_id=region_id,
    )
    user.must_change_password = True
    record(
        Action.USER_CREATED,
        actor=actor,
        subject=user,
        details={"role": role.value, "source": source, **_jsonable(_snapshot(user))},
    )
    return user, password


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, Role) else v) for k, v in values.items()}


def update_person(actor: User, user: User, changes: dict[str, Any], *, source: str = "admin") -> dict:
    """Apply ``changes`` (a subset of :data:`EDITABLE`); audit before/after; return what changed.

    Empty changes write nothing and no audit entry, so re-importing the same file is silent.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "email" in changes:
        email = normalise_email(changes["email"])
        other = find_user_by_email(email)
        if other is not None and other.id != user.id:
            raise AccountError("email", _("An account with this email address already exists."))
        changes["email"] = email
    if "massar_code" in changes:
        massar = check_massar(changes["massar_code"], user.role)
        if massar is not None:
            owner = db.session.scalar(select(User.id).where(User.massar_code == massar))
            if owner is not None and owner != user.id:
                raise AccountError("massar_code", _("This Massar code is already used by another account."))
        changes["massar_code"] = massar
    if "display_name" in changes:
        changes["display_name"] = changes["display_name"].strip()
    if user.role is not Role.MANAGER and changes.get("region_id") is not None:
        changes["region_id"] = None
    diff = {name: value for name, value in changes.items() if getattr(user, name) != value}
    if not diff:
        return {}
    before = _snapshot(user, tuple(diff))
    for name, value in diff.items():
        setattr(user, name, value)
    record(
        Action.USER_UPDATED,
        actor=actor,
        subject=user,
        details={"before": before, "after": dict(diff), "source": source},
    )
    return diff


def _active_admins() -> int:
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active.is_(True))
    )


def _refuse_losing_admin(actor: User, user: User, verb: str) -> None:
    if user.role is not Role.ADMIN:
        return
    if user.id == actor.id:
        raise AccountError(
            "role",
            _("You cannot remove your own administrator rights: ask another administrator.")
            if verb == "demote"
            else _("You cannot deactivate your own account: ask another administrator."),
        )
    if user.active and _active_admins() <= 1:
        raise AccountError("role", _("This is the last active administrator: appoint another one first."))


def change_role(actor: User, user: User, role: Role) -> bool:
    """Give ``user`` another role; audit before/after. Returns False when the role was already that."""
    if user.role is role:
        return False
    _refuse_losing_admin(actor, user, "demote")
    if role is Role.MANAGER and user.programme_id is None:
        raise AccountError("role", _("A programme manager must be given a programme: set it first."))
    before = user.role
    details: dict[str, Any] = {"before": before.value, "after": role.value}
    user.role = role
    if role is not Role.STUDENT and user.massar_code:
        # A Massar code identifies a pupil; the audit entry keeps the old one.
        details["massar_code"] = user.massar_code
        user.massar_code = None
    if role is not Role.MANAGER:
        user.region_id = None
    # Permissions are read from the database on every request: no session needs to end.
    record(Action.ROLE_CHANGED, actor=actor, subject=user, details=details)
    return True


def _rotate(user: User) -> None:
    user.session_token = secrets.token_urlsafe(24)


def deactivate(actor: User, user: User, reason: str = "") -> bool:
    """Stop ``user`` from signing in and end their sessions; their history stays. False if already."""
    if not user.active:
        return False
    _refuse_losing_admin(actor, user, "deactivate")
    user.active = False
    _rotate(user)
    record(Action.USER_DEACTIVATED, actor=actor, subject=user, details={"reason": reason})
    return True


def reactivate(actor: User, user: User) -> bool:
    """Let ``user`` sign in again (with their old password). False if they already could."""
    if user.active:
        return False
    user.active = True
    record(Action.USER_REACTIVATED, actor=actor, subject=user)
    return True


def send_reset_link(actor: User, user: User, *, reason: str = "admin") -> None:
    """Mail ``user`` a link to choose a password (the same signed, single-use token as "forgot")."""
    if not user.active:
        raise AccountError("active", _("This account is deactivated: reactivate it first."))
    link = external_url("auth.reset_password", token=make_reset_token(user))
    with force_locale(user.language):
        subject = _("Maharat: choose a new password")
        body = _(
            "Hello %(name)s,\n\nAn administrator asked for you to choose a new password. Open this link "
            "within one hour:\n%(link)s\n\nAfter that, ask your administrator for a new link.",
            name=user.display_name,
            link=link,
        )
    send_mail(user.email, subject, body)
    record(Action.PASSWORD_RESET, actor=actor, subject=user, details={"method": "link", "reason": reason})


def set_temporary_password(actor: User, user: User) -> str:
    """Replace the password with a generated one (to hand over) and end every session of the account.

    The admin has seen it, so the person must choose their own at the next sign-in.
    """
    if not user.active:
        raise AccountError("active", _("This account is deactivated: reactivate it first."))
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    record(Action.PASSWORD_RESET, actor=actor, subject=user, details={"method": "temporary_password"})
    return password
