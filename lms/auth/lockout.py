"""Per-account back-off after failed sign-ins, which slows guessing without locking anyone out for good.

After ``LOCKOUT_THRESHOLD`` consecutive failures the account refuses sign-ins for one minute, then
two, four… up to ``LOCKOUT_MAX_SECONDS`` (15 minutes) for each further failure. While the account is
locked, attempts are refused *without checking the password* and are not counted, so an attacker
cannot stretch the lock by hammering it, and a correct guess during the lock gains nothing.

A victim always has two ways out: wait for the window to pass (a correct password then works and
clears the counter), or use a password-reset link, which works whatever the counter and clears it.

The counters live on the account row rather than in Flask-Limiter's storage: they must be shared by
every web node and survive a restart even without Redis, and a reset must be able to clear them in
the same transaction as the new password. Per-address limits (Flask-Limiter) still apply on top.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from lms.users.models import User


def _threshold() -> int:
    return int(current_app.config.get("LOCKOUT_THRESHOLD", 5))


def _cap() -> int:
    return int(current_app.config.get("LOCKOUT_MAX_SECONDS", 15 * 60))


def backoff_seconds(failures: int) -> int:
    """How long the account waits after its ``failures``-th consecutive failure (0: not yet)."""
    over = failures - _threshold()
    if over < 0:
        return 0
    return min(60 * 2 ** min(over, 16), _cap())


def is_locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def register_failure(user: User, now: datetime) -> None:
    """Count a wrong password (never called while locked) and start the next back-off window."""
    user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
    wait = backoff_seconds(user.failed_sign_ins)
    user.locked_until = now + timedelta(seconds=wait) if wait else None


def clear(user: User) -> None:
    """Forget past failures: after a successful sign-in or a password reset."""
    user.failed_sign_ins = 0
    user.locked_until = None
