"""Rate limits shared by several areas: downloads of personal data, counted per person.

Counted per account rather than per address: a whole school often leaves through one address, and
what is limited is how fast one account can pull data out. Counters live in Flask-Limiter's storage
(Redis when ``REDIS_URL`` is set, so every web node shares them).
"""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from lms.extensions import limiter


def per_person() -> str:
    """The signed-in account, or the address for a visitor."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


#: Decorate an export view (under its permission check, so visitors never consume the budget).
export_limit = limiter.limit(lambda: current_app.config["EXPORT_RATE_LIMIT"], key_func=per_person)
