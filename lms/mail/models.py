"""The outbox: mail written by a request and delivered by a background sender (lms/mail/delivery.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db


class OutboxMessage(db.Model):
    """One message waiting to leave; the row is deleted once sent (it may hold a reset link)."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None for a placeholder that is dropped unsent: a request for an unknown address writes one, so
    #: it does the same work as a request for a known one (no account enumeration by timing)
    recipient: Mapped[str | None] = mapped_column(String(254), nullable=True)
    subject: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: failed deliveries so far; the message is given up (and logged) after MAIL_MAX_TRIES
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: not tried before then (back-off after a failure)
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: a sender has claimed it until then; another may take it over afterwards (a dead process)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
