"""Back-off after failed sign-ins that throttles the guesser, never the account's owner.

Failures are counted per **(account, client address)**: after ``LOCKOUT_THRESHOLD`` consecutive
failures from one address, that address may not try that account for one minute, then two, four…
up to ``LOCKOUT_MAX_SECONDS`` (15 minutes) for each further failure. Per address, whatever the
account, Flask-Limiter's ``LOGIN_RATE_LIMIT`` applies on top.

Why not per account (the first design, finding 4 of issue 16): one wrong password every 15 minutes
from anywhere kept the owner out for good, and many pupils have no mailbox to reset from. Now an
attacker only locks *their own* address out: the owner, signing in from an address with no recent
failures, gets in with the right password at once. While an address is locked, its attempts are
refused *without checking the password* and are not counted, so hammering neither extends the lock
nor tests passwords. A guesser with many addresses gets ``LOCKOUT_THRESHOLD`` tries per address and
back-off window, bounded by the per-address rate limit; the password rules (lms/auth/passwords.py)
make those few tries worthless.

A row is forgotten after a day without failures, and every row of an account is cleared by a
password reset. The known limit: pupils behind one school address share a counter, so a classmate
can slow a pupil's sign-ins from that school (never from home); the reset link or a teacher's new
password clear it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from lms.auth.models import SignInThrottle
from lms.extensions import db
from lms.users.models import User

#: failures older than this are forgotten (the row is deleted when the account fails again)
FORGET_AFTER = timedelta(days=1)


def _threshold() -> int:
    return int(current_app.config.get("LOCKOUT_THRESHOLD", 5))


def _cap() -> int:
    return int(current_app.config.get("LOCKOUT_MAX_SECONDS", 15 * 60))


def backoff_seconds(failures: int) -> int:
    """How long an address waits after its ``failures``-th consecutive failure (0: not yet)."""
    over = failures - _threshold()
    if over < 0:
        return 0
    return min(60 * 2 ** min(over, 16), _cap())


def _row(user: User, address: str) -> SignInThrottle | None:
    return db.session.scalar(
        select(SignInThrottle).where(SignInThrottle.user_id == user.id, SignInThrottle.address == address)
    )


def is_locked(user: User, address: str, now: datetime) -> bool:
    """Tell whether ``address`` must wait before trying ``user``'s password again."""
    row = _row(user, address)
    return row is not None and row.locked_until is not None and row.locked_until > now


def register_failure(user: User, address: str, now: datetime) -> None:
    """Count a wrong password from ``address`` (never called while it is locked); start its back-off."""
    db.session.execute(
        delete(SignInThrottle).where(
            SignInThrottle.user_id == user.id,
            SignInThrottle.last_failure_at < now - FORGET_AFTER,
        )
    )
    row = _row(user, address)
    if row is None:
        row = SignInThrottle(user_id=user.id, address=address[:64], failures=0, last_failure_at=now)
        db.session.add(row)
    row.failures = (row.failures or 0) + 1
    row.last_failure_at = now
    wait = backoff_seconds(row.failures)
    row.locked_until = now + timedelta(seconds=wait) if wait else None


def failures(user: User, address: str) -> int:
    """The consecutive failures counted for ``address`` on this account (0 when none)."""
    row = _row(user, address)
    return row.failures if row is not None else 0


def clear(user: User, address: str | None = None) -> None:
    """Forget failures from ``address`` (a successful sign-in there), or all of them (a reset)."""
    query = delete(SignInThrottle).where(SignInThrottle.user_id == user.id)
    if address is not None:
        query = query.where(SignInThrottle.address == address)
    db.session.execute(query)
