"""People: one account per person, with exactly one role."""

from __future__ import annotations

import enum
import re
import secrets
import unicodedata
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from lms.dbtypes import UTCDateTime, one_of, utcnow
from lms.extensions import db
from lms.geo.models import Region, School
from lms.programmes.models import Programme

#: The Massar code: one letter followed by nine digits (e.g. ``J130000001``).
MASSAR_RE = re.compile(r"^[A-Z][0-9]{9}$")
#: A sign-in name for a pupil without an email address; never contains "@", so it never meets an email.
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
#: The longest display name, in characters.
NAME_MAX = 120


class Role(enum.StrEnum):
    """What a person does on the platform; permissions derive from it in :mod:`lms.policy`."""

    ADMIN = "admin"
    TEACHER = "teacher"
    STUDENT = "student"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.TEACHER: _l("Teacher"),
    Role.STUDENT: _l("Student"),
    Role.MANAGER: _l("Programme manager"),
}


def normalise_email(email: str) -> str:
    """Emails are unique case-insensitively: store them NFKC-normalised, trimmed and lower-cased.

    NFKC turns full-width and other compatibility letters into the plain ones they show as.
    """
    return unicodedata.normalize("NFKC", email).strip().lower()


def normalise_massar(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    return code or None


class User(UserMixin, db.Model):
    """An account. Teachers, students, admins and programme managers share this table."""

    __tablename__ = "users"
    __table_args__ = (one_of("role", [role.value for role in Role]),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: How the person signs in: an email address, or for a pupil a teacher registered without one, a
    #: username (:data:`USERNAME_RE`, never an "@"): see :attr:`has_mailbox` before sending mail.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: As the person writes it, in any script (Arabic, French, Tifinagh…).
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(5), default="fr")
    role: Mapped[Role] = mapped_column(
        Enum(
            Role,
            name="user_role",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=Role.STUDENT,
        index=True,
        active_history=True,  # the report rollups move a changed account from its old role
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True, active_history=True)
    #: Set when an admin gave this person a password (shown to the admin): they must choose their own.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The national pupil identifier; unique when present.
    massar_code: Mapped[str | None] = mapped_column(String(16), unique=True, nullable=True)
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("schools.id"), index=True, nullable=True, active_history=True
    )
    #: For a programme manager: the programme they report on. For others: the programme they joined through.
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id"), index=True, nullable=True, active_history=True
    )
    #: For a programme manager: the one region they report on (None means every region).
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: Rotated on password change so that every other session of this account ends.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(24))
    #: Set when a departed person's identity was erased (:func:`lms.users.privacy.anonymise`).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    school: Mapped[School | None] = relationship()
    programme: Mapped[Programme | None] = relationship()
    region: Mapped[Region | None] = relationship()

    @validates("email")
    def _normalise_email(self, _key: str, value: str) -> str:
        return normalise_email(value)

    @validates("massar_code")
    def _normalise_massar(self, _key: str, value: str | None) -> str | None:
        return normalise_massar(value)

    # Flask-Login: the session remembers id *and* token, so a rotated token signs the session out.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def set_password(self, password: str) -> None:
        """Hash with Werkzeug's scrypt and end every other session; a chosen password is no longer temporary."""
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_token = secrets.token_urlsafe(24)
        self.must_change_password = False

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def has_mailbox(self) -> bool:
        """Whether ``email`` is an address mail can go to, not a pupil's sign-in name (no "@")."""
        return "@" in self.email

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
