"""A course's structure, read once per content version and shared by every learner of the process.

Units, items, their titles and summaries in every language do not change between two syncs of a
course (a package sync, or a publish from the browser, which goes through the same sync). Reading them
per request hydrated every item as a full ORM object and decoded every JSON configuration just to list
titles; here they are read once and kept as small frozen objects.

The key comes from the course row the request has already read: ``(version, content_hash, synced_at)``.
Every sync sets ``synced_at``, so a publish in one gunicorn worker is seen by every other worker at its
next request, with no message between processes. Nothing about a learner is ever stored here: learner
pages add their own progress rows to this structure per request (lms/learning/outline.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from lms.courses.models import Course, Item, Unit
from lms.extensions import db

#: Courses kept per process; a school server has a few dozen.
MAX_COURSES = 256


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What the outline shows of a unit (the interface of :class:`Unit` the templates use)."""

    id: int
    course_id: int
    slug: str
    position: int
    title: str
    summary: str
    prerequisites: tuple[str, ...]
    titles: dict[str, str]
    summaries: dict[str, str]
    #: Estimated minutes for a beginner, from unit.toml (None: the package does not say).
    minutes: int | None = None
    archived_at: None = None

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.title

    def summary_in(self, language: str) -> str:
        return self.summaries.get(language) or self.summary


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """What an outline, a card or a pager shows of an item: no body, no configuration, no secret."""

    id: int
    course_id: int
    unit_id: int
    slug: str
    position: int
    kind: str
    title: str
    required: bool
    weight: float
    exercise_type: str | None
    titles: dict[str, str]

    @property
    def is_lesson(self) -> bool:
        return self.kind == "lesson"

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.title


@dataclass(frozen=True)
class Structure:
    """The live units and items of one version of a course, in course order."""

    course_id: int
    stamp: tuple
    units: tuple[UnitInfo, ...]
    #: Unit id → its live items in order.
    items_of: dict[int, tuple[ItemInfo, ...]]
    #: Every live item of a live unit, in course order (what "next" and "previous" walk).
    items: tuple[ItemInfo, ...] = field(default=())
    by_id: dict[int, ItemInfo] = field(default_factory=dict)
    by_slug: dict[str, ItemInfo] = field(default_factory=dict)
    units_by_id: dict[int, UnitInfo] = field(default_factory=dict)

    def item(self, item_id: int) -> ItemInfo | None:
        return self.by_id.get(item_id)


def stamp_of(course: Course) -> tuple:
    """What changes whenever the structure may have changed: every sync sets ``synced_at``."""
    return (course.version, course.content_hash, course.synced_at, course.created_at)


_cache: OrderedDict[tuple[int, int], Structure] = OrderedDict()
_lock = threading.Lock()
#: Reads of the database, for tests and the benchmark (a hit costs none).
loads = 0


def _language_field(translations: Any, name: str) -> dict[str, str]:
    if not isinstance(translations, dict):
        return {}
    values = {}
    for language, fields in translations.items():
        value = fields.get(name) if isinstance(fields, dict) else None
        if value:
            values[language] = str(value)
    return values


def _load(course: Course, stamp: tuple) -> Structure:
    global loads
    loads += 1
    unit_rows = db.session.execute(
        select(
            Unit.id,
            Unit.slug,
            Unit.position,
            Unit.title,
            Unit.summary,
            Unit.prerequisites,
            Unit.translations,
            Unit.minutes,
        )
        .where(Unit.course_id == course.id, Unit.archived_at.is_(None))
        .order_by(Unit.position)
    ).all()
    units = tuple(
        UnitInfo(
            id=row.id,
            course_id=course.id,
            slug=row.slug,
            position=row.position,
            title=row.title,
            summary=row.summary or "",
            prerequisites=tuple(row.prerequisites or ()),
            titles=_language_field(row.translations, "title"),
            summaries=_language_field(row.translations, "summary"),
            minutes=row.minutes,
        )
        for row in unit_rows
    )
    # The translations column carries lesson bodies and exercise configurations: decoded once here, per
    # version, and only the titles are kept.
    item_rows = db.session.execute(
        select(
            Item.id,
            Item.unit_id,
            Item.slug,
            Item.position,
            Item.kind,
            Item.title,
            Item.required,
            Item.weight,
            Item.exercise_type,
            Item.translations,
        )
        .where(Item.course_id == course.id, Item.archived_at.is_(None))
        .order_by(Item.position)
    ).all()
    items_of: dict[int, list[ItemInfo]] = {}
    for row in item_rows:
        items_of.setdefault(row.unit_id, []).append(
            ItemInfo(
                id=row.id,
                course_id=course.id,
                unit_id=row.unit_id,
                slug=row.slug,
                position=row.position,
                kind=row.kind,
                title=row.title,
                required=bool(row.required),
                weight=row.weight if row.weight is not None else 1.0,
                exercise_type=row.exercise_type,
                titles=_language_field(row.translations, "title"),
            )
        )
    frozen = {unit_id: tuple(items) for unit_id, items in items_of.items()}
    ordered = tuple(item for unit in units for item in frozen.get(unit.id, ()))
    return Structure(
        course.id,
        stamp,
        units,
        frozen,
        ordered,
        by_id={item.id: item for item in ordered},
        by_slug={item.slug: item for item in ordered},
        units_by_id={unit.id: unit for unit in units},
    )


def structure_of(course: Course) -> Structure:
    """The course's structure at the version the database holds now (read at most once per version)."""
    stamp = stamp_of(course)
    # One process may serve several databases (tests, the benchmark): the engine is part of the key.
    key = (id(db.engine), course.id)
    with _lock:
        known = _cache.get(key)
        if known is not None and known.stamp == stamp:
            _cache.move_to_end(key)
            return known
    structure = _load(course, stamp)
    with _lock:
        _cache[key] = structure
        _cache.move_to_end(key)
        while len(_cache) > MAX_COURSES:
            _cache.popitem(last=False)
    return structure


def forget(course_id: int | None = None) -> None:
    """Drop one course's structure (or all): never needed for correctness, only to free memory or in tests."""
    with _lock:
        if course_id is None:
            _cache.clear()
        else:
            for key in [key for key in _cache if key[1] == course_id]:
                del _cache[key]
