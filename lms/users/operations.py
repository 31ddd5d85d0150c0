"""Write-side verbs for accounts: they change the database and return the user, never touch the request."""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from lms.extensions import db
from lms.users.models import Role, User, normalise_email, normalise_massar

#: One-time passwords: lower case without look-alikes (l/1, o/0), easy to copy from a paper slip.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ONE_TIME_LENGTH = 12
#: A one-time password is random (12 of 31 characters: 59 bits), not chosen by a person: guessing it
#: offline is out of reach without a deliberately slow hash, so it gets PBKDF2 with few rounds and a
#: roster of 2,000 pupils hashes in seconds, not minutes. The password a person chooses at their
#: first sign-in (which they must) gets the full scrypt of :meth:`User.set_password`.
ONE_TIME_HASH_METHOD = "pbkdf2:sha256:2000"


def generate_one_time_password() -> str:
    """A random password to hand over on paper; the account must replace it at the first sign-in."""
    return "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(ONE_TIME_LENGTH))


def hash_one_time_passwords(passwords: Sequence[str]) -> list[str]:
    """Hash generated passwords on every core (hashlib releases the GIL), with no database work.

    Callers hash before they open a write transaction, so that a large import never holds the
    database's write lock while computing hashes.
    """
    if not passwords:
        return []
    workers = max(1, min(len(passwords) // 50 + 1, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda p: generate_password_hash(p, method=ONE_TIME_HASH_METHOD), passwords))


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
    password_hash: str | None = None,
) -> User:
    """Create an account, refusing a duplicate email or Massar code with a translatable reason.

    ``password_hash``, when given, is the hash of ``password`` computed beforehand (see
    :func:`hash_one_time_passwords`): an import hashes before it opens a write transaction.
    """
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
    if password_hash is not None:
        user.password_hash = password_hash
    else:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
