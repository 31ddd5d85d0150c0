"""One row per audited action; never updated, never deleted (anonymising a user keeps the row)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db
from lms.users.models import User


class AuditEntry(db.Model):
    """An action worth answering for later ("who made this pupil an admin?")."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_action_at", "action", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: A dotted verb from :class:`lms.audit.operations.Action`, e.g. ``user.role_changed``.
    action: Mapped[str] = mapped_column(String(64))
    #: Who did it; None for the platform itself or an anonymous visitor (e.g. a failed sign-in).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True, nullable=True)
    #: The user the action was about, when there is one.
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True, nullable=True)
    #: What else was touched, as "kind:id" (e.g. "certificate:AB12CD34"), for filtering.
    target: Mapped[str | None] = mapped_column(String(120), nullable=True)
    #: The remote address of the request, when the action came from one.
    ip: Mapped[str | None] = mapped_column(String(45), nullable=True)
    #: Before/after values, reasons, the email typed at a failed sign-in…
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject_user: Mapped[User | None] = relationship(foreign_keys=[subject_user_id])
