"""Certificates and their history.

A certificate is an immutable snapshot taken at issue time: the learner's name as written then, the
course title and version, the programme, the learner's school and places, the signatory, the language
and the signed Open Badges credential. Nothing here points back at live rows for what it *says*; the
foreign keys exist only to find and filter certificates. A corrected name therefore means revoke and
re-issue, and both certificates are kept (``replaced_by``).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.courses.models import Course
from lms.dbtypes import UTCDateTime, one_of, utcnow
from lms.extensions import db
from lms.programmes.models import Programme
from lms.users.models import User


class Certificate(db.Model):
    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("programme_id", "status_list", "status_index"),
        # Exactly once: at most one live (non-revoked) certificate per learner and course. Two completion
        # events racing, or an admin issuing what completion already issued, collide here.
        Index(
            "uq_certificates_live",
            "user_id",
            "course_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
        Index("ix_certificates_programme_issued", "programme_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 16 Crockford base32 symbols (the last a check symbol), stored without dashes (see codes.py).
    code: Mapped[str] = mapped_column(String(16), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    #: Where the learner was at issue time (copied, for filtering; the names are in ``snapshot``).
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True, nullable=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True, nullable=True)
    #: fr, ar or en: the learner's language at issue time; the PDF and the credential's texts use it.
    language: Mapped[str] = mapped_column(String(5))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Everything the certificate says, frozen (shape: lms.certificates.snapshot.take).
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The signed OpenBadgeCredential exactly as signed (served as is, never rebuilt).
    credential: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The programme's status list number and this certificate's bit in it (random, see status_list.py).
    status_list: Mapped[int] = mapped_column(Integer)
    status_index: Mapped[int] = mapped_column(Integer)
    #: None when issued automatically on completion; else the admin who issued it, and why.
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    issue_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: Shown on the public verification page: written for the public.
    revoke_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: The certificate that re-issued this one (set together with the revocation).
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), nullable=True)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    course: Mapped[Course] = relationship()
    programme: Mapped[Programme] = relationship()
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])
    replaced_by: Mapped[Certificate | None] = relationship(remote_side=[id])

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def automatic(self) -> bool:
        return self.issued_by_id is None

    @property
    def display_code(self) -> str:
        from lms.certificates.codes import display

        return display(self.code)

    def __repr__(self) -> str:
        return f"<Certificate {self.code}{' revoked' if self.revoked else ''}>"


class EventKind(enum.StrEnum):
    ISSUE = "issue"
    REVOKE = "revoke"
    REISSUE = "reissue"


class CertificateEvent(db.Model):
    """The audit trail: every issue, revocation and re-issue, with who (None = the platform) and why."""

    __tablename__ = "certificate_events"
    __table_args__ = (one_of("kind", [kind.value for kind in EventKind]),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(
        Enum(
            EventKind,
            name="certificate_event_kind",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: E.g. the code of the replacement on a re-issue.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    certificate: Mapped[Certificate] = relationship()
    actor: Mapped[User | None] = relationship()
