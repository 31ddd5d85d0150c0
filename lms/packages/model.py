"""What a course package is once read from disk: plain dataclasses, no database.

The sync turns these into rows by slug; nothing here knows about SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms import languages

#: package format versions this platform reads
SUPPORTED_SCHEMAS = frozenset({1})
#: a slug: lowercase ASCII letters and digits, words joined by single hyphens
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 80
LANGUAGES = languages.CODES
PROGRAMMES = ("sic", "digischool")
AUDIENCES = ("teacher", "student")
LEVELS = ("beginner", "intermediate", "advanced")


def is_slug(value: object) -> bool:
    """Tell whether a value is a valid slug."""
    return isinstance(value, str) and len(value) <= SLUG_MAX and bool(SLUG.match(value))


@dataclass
class ItemSpec:
    """A lesson or an exercise, as listed in its unit."""

    #: stable identity, unique in the course
    slug: str
    #: "lesson" or "exercise"
    kind: str
    #: 1-based position in the unit
    position: int
    #: lesson title from unit.toml, exercise title from exercise.toml
    title: str
    #: counts for unit completion
    required: bool = True
    #: relative weight in the unit's score
    weight: float = 1
    #: the lesson's Markdown (lessons only)
    body: str | None = None
    #: the exercise's ``type``, ``type_version`` and parsed config (exercises only);
    #: ``config`` is None when the type is unavailable or the exercise did not parse
    type_name: str | None = None
    type_version: int | None = None
    config: dict[str, Any] | None = None
    #: exercise.toml as written, kept so an exercise of an unavailable type still loads
    raw: dict[str, Any] | None = None
    #: per language: lessons ``{"title", "body"}``, exercises ``{"title", "config"}``
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the lesson file or exercise folder on disk
    path: Path | None = None


@dataclass
class UnitSpec:
    """A unit of a course, with its items in order."""

    slug: str
    #: 1-based position in the course
    position: int
    title: str
    summary: str = ""
    #: slugs of earlier units of the same course that must be completed first
    prerequisites: list[str] = field(default_factory=list)
    items: list[ItemSpec] = field(default_factory=list)
    #: per language: ``{"title", "summary"}``
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    #: estimated minutes for a beginner (``minutes`` in unit.toml, computed by ``flask courses estimate``)
    minutes: int | None = None


@dataclass
class CoursePackage:
    """A course package as read from ``courses/<slug>/``."""

    slug: str
    schema: int
    #: content version; must increase whenever content changes
    version: int
    title: str
    summary: str
    #: content language: fr | ar | en
    language: str
    programme: str
    audience: list[str]
    level: str
    hours: float
    self_enrol: bool
    #: exercise type name -> contract version the course was written for
    requires: dict[str, int]
    units: list[UnitSpec]
    #: files under ``assets/``, as ``assets/<path>``, sorted
    assets: list[str]
    #: sha256 of every file of the package, in a stable order: same hash, same content
    content_hash: str
    #: per language: ``{"title", "summary"}`` (only languages with a ``locales/<lang>/``)
    translations: dict[str, dict[str, str]]
    #: the package folder on disk
    root: Path

    def items(self) -> Iterator[tuple[UnitSpec, ItemSpec]]:
        """Yield every item with its unit, in course order."""
        for unit in self.units:
            for item in unit.items:
                yield unit, item

    def item(self, slug: str) -> ItemSpec | None:
        """Return the item with this slug, or None."""
        return next((item for _, item in self.items() if item.slug == slug), None)

    @property
    def languages(self) -> list[str]:
        """The course language, then every translation of its content (not those of its name only)."""
        return [
            self.language,
            *sorted(lang for lang, values in self.translations.items() if not values.get("listing_only")),
        ]
