"""Announcements and notifications.

A notification stores its kind and parameters, not a sentence: it is worded when shown, in the
reader's language of the moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.classes.models import SchoolClass
from lms.dbtypes import UTCDateTime, utcnow
from lms.extensions import db
from lms.users.models import User


class Announcement(db.Model):
    """A short message from a teacher to a class (Markdown, rendered through the sanitiser)."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship()
    school_class: Mapped[SchoolClass] = relationship()


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "key"),
        Index("ix_notifications_user_read", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: ``announcement``, ``assignment``, ``due_changed``, ``due_soon``, ``grade``, ``feedback``, ``redo``, ``certificate``.
    kind: Mapped[str] = mapped_column(String(32))
    #: What the sentence needs (titles, a score, a date), as plain JSON.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Where the notification leads (a path of this site), if anywhere.
    link: Mapped[str | None] = mapped_column(String(300), nullable=True)
    #: Makes a notification happen once (e.g. ``due:<assignment id>``); None for ordinary ones.
    key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
