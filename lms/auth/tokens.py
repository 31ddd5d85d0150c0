"""Signed, time-limited password-reset tokens that stop working once the password changes."""

from __future__ import annotations

import enum
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from lms.extensions import db
from lms.users.models import User

_SALT = "maharat.password-reset"


class TokenProblem(enum.Enum):
    EXPIRED = "expired"
    INVALID = "invalid"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _fingerprint(user: User) -> str:
    # Binding the token to the current hash makes it single-use: resetting changes the hash.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user)})


def read_reset_token(token: str) -> User | TokenProblem:
    """Return the user the token was made for, or why it cannot be used."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired:
        return TokenProblem.EXPIRED
    except BadSignature:
        return TokenProblem.INVALID
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return TokenProblem.INVALID
    user = db.session.get(User, data["uid"])
    if user is None or not user.active or data.get("fp") != _fingerprint(user):
        return TokenProblem.INVALID
    return user
