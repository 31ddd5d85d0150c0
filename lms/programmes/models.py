"""The partner programmes that courses and certificates are attributed to."""

from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db


class Programme(db.Model):
    """A national programme (Samsung Innovation Campus, DigiSchool), seeded by a migration."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable identifier used in course manifests and URLs: ``sic`` or ``digischool``.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    #: Proper noun, the same in every language.
    name: Mapped[str] = mapped_column(String(120))
    partner: Mapped[str] = mapped_column(String(120))
    #: ``{"fr": ..., "ar": ..., "en": ...}``: data, not code, so it is translated here.
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Path under ``static/`` of the programme's logo.
    logo: Mapped[str] = mapped_column(String(200), default="")

    def describe(self, locale: str) -> str:
        """Return the description in ``locale``, falling back to French."""
        return self.description.get(locale) or self.description.get("fr", "")

    def __repr__(self) -> str:
        return f"<Programme {self.code}>"
