"""Courses as installed: the database copy of course packages (or of courses authored in the browser).

Rows are matched by slug on every sync. Nothing is ever deleted: what disappears from a package is
archived, so learners' attempts and progress keep pointing at something real.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.dbtypes import UTCDateTime, at_least, one_of, utcnow
from lms.extensions import db
from lms.programmes.models import Programme

#: Where a course's content lives (``Course.source``).
COURSE_SOURCES = ("package", "authored")
#: What an item is (``Item.kind``).
ITEM_KINDS = ("lesson", "exercise")


class _Translated:
    """Rows whose title (and summary) exist per language in a ``translations`` JSON column."""

    title: Mapped[str]
    translations: Mapped[dict]

    def title_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("title") or self.title


class Course(_Translated, db.Model):
    __tablename__ = "courses"
    __table_args__ = (one_of("source", COURSE_SOURCES), at_least("hours", 0))

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: The content language: it decides the direction of lesson text, whatever the interface language.
    language: Mapped[str] = mapped_column(String(5))
    #: The audience, as two flags so that visibility is a plain indexed SQL condition on every engine.
    for_teachers: Mapped[bool] = mapped_column(Boolean, default=True)
    for_students: Mapped[bool] = mapped_column(Boolean, default=True)
    level: Mapped[str] = mapped_column(String(20))
    hours: Mapped[float] = mapped_column(Float)
    self_enrol: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Content version from the manifest; a sync never goes down without ``--force``.
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    schema: Mapped[int] = mapped_column(Integer, default=1)
    #: Exercise type name → contract version the course was written for.
    requires: Mapped[dict] = mapped_column(JSON, default=dict)
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Relative asset paths (``assets/…``) of the package, served by the player.
    assets: Mapped[list] = mapped_column(JSON, default=list)
    #: Where the content lives: ``package`` (courses/<slug>/) or ``authored`` (edited in the browser).
    source: Mapped[str] = mapped_column(String(16), default="package")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    programme: Mapped[Programme] = relationship()
    units: Mapped[list[Unit]] = relationship(back_populates="course", order_by="Unit.position")

    @property
    def audience(self) -> list[str]:
        return [
            name for name, flag in (("teacher", self.for_teachers), ("student", self.for_students)) if flag
        ]

    @audience.setter
    def audience(self, value: list[str]) -> None:
        self.for_teachers = "teacher" in value
        self.for_students = "student" in value

    def summary_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("summary") or self.summary

    def name_language(self, language: str) -> str:
        """The language ``title_in(language)`` is written in, for the ``lang`` attribute."""
        return language if (self.translations or {}).get(language, {}).get("title") else self.language

    @property
    def content_languages(self) -> list[str]:
        """Languages the course can be followed in: its own, then translations of its content.

        A ``locales/<lang>/course.toml`` alone translates the course's name for the catalogue only.
        """
        return [
            self.language,
            *sorted(
                lang for lang, values in (self.translations or {}).items() if not values.get("listing_only")
            ),
        ]

    def __repr__(self) -> str:
        return f"<Course {self.slug} v{self.version}>"


class Unit(_Translated, db.Model):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("course_id", "slug"), at_least("minutes", 1))

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: Slugs of units of the same course to complete first.
    prerequisites: Mapped[list] = mapped_column(JSON, default=list)
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: estimated minutes for a beginner, from unit.toml (None: the package does not say)
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    course: Mapped[Course] = relationship(back_populates="units")
    items: Mapped[list[Item]] = relationship(back_populates="unit", order_by="Item.position")

    def summary_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("summary") or self.summary

    def __repr__(self) -> str:
        return f"<Unit {self.slug}>"


class Item(_Translated, db.Model):
    """A lesson or an exercise. Exercises keep their type's parsed config, including secrets:
    only the type's ``public_view`` decides what a learner's browser receives."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("course_id", "slug"),
        one_of("kind", ITEM_KINDS),
        at_least("weight", 0),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    #: ``lesson`` or ``exercise``.
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    #: Lesson Markdown (lessons only).
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    exercise_type: Mapped[str | None] = mapped_column(String(64), nullable=True)
    type_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    config: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    #: Per language: lessons ``{"title", "body"}``, exercises ``{"title", "config"}``.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The course version in which this item's content last changed.
    content_version: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    unit: Mapped[Unit] = relationship(back_populates="items")
    course: Mapped[Course] = relationship()

    @property
    def is_lesson(self) -> bool:
        return self.kind == "lesson"

    def body_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("body") or self.body or ""

    def config_in(self, language: str) -> dict[str, Any] | None:
        return (self.translations.get(language) or {}).get("config") or self.config

    def __repr__(self) -> str:
        return f"<Item {self.slug} {self.exercise_type or self.kind}>"
