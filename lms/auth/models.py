"""Sign-in back-off counters, one row per (account, client address) that has failed recently."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.dbtypes import UTCDateTime
from lms.extensions import db


class SignInThrottle(db.Model):
    """Consecutive failed sign-ins to one account from one address (see :mod:`lms.auth.lockout`)."""

    __tablename__ = "sign_in_throttles"
    __table_args__ = (UniqueConstraint("user_id", "address", name="uq_sign_in_throttles_user_address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: the client address as the app sees it (after MAHARAT_TRUSTED_PROXIES)
    address: Mapped[str] = mapped_column(String(64))
    #: consecutive failures since the last success from this address, or the last reset
    failures: Mapped[int] = mapped_column(Integer, default=0)
    #: sign-ins from this address are refused, without checking the password, until then
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
