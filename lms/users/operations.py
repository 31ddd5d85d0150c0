"""Write-side verbs for accounts: they change the database and return the user, never touch the request."""

from __future__ import annotations

from sqlalchemy import func, select

from lms.extensions import db
from lms.users.models import Role, User, normalise_email, normalise_massar


class AccountError(ValueError):
    """An account cannot be created or changed as asked; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def create_user(
    *,
    email: str,
    display_name: str,
    password: str,
    role: Role = Role.STUDENT,
    language: str = "fr",
    massar_code: str | None = None,
    school_id: int | None = None,
    programme_id: int | None = None,
    region_id: int | None = None,
) -> User:
    """Create an account, refusing a duplicate email or Massar code with a translatable reason."""
    from flask_babel import gettext as _

    if find_user_by_email(email) is not None:
        raise AccountError("email", _("An account with this email address already exists."))
    from lms.users.confusables import is_disguised, skeleton

    if is_disguised(email) and find_user_by_email(skeleton(email)) is not None:
        # A Cyrillic or invisible look-alike of an existing address (lms/users/confusables.py).
        raise AccountError(
            "email", _("This address looks like the address of another account: type it in Latin letters.")
        )
    massar = normalise_massar(massar_code)
    if massar and db.session.scalar(select(User.id).where(User.massar_code == massar)) is not None:
        raise AccountError("massar_code", _("This Massar code is already used by another account."))
    if role is Role.MANAGER and programme_id is None:
        raise AccountError("programme_id", _("A programme manager must be given a programme."))
    from lms.auth.passwords import password_problem

    if problem := password_problem(password):
        raise AccountError("password", problem)
    user = User(
        email=email,
        display_name=display_name.strip(),
        role=role,
        language=language,
        massar_code=massar,
        school_id=school_id,
        programme_id=programme_id,
        region_id=region_id if role is Role.MANAGER else None,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
