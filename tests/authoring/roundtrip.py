"""A normalised dump of an installed course, to compare two databases row for row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from lms.courses.models import Course, Item, Unit
from lms.extensions import db

COURSE_FIELDS = [
    "slug",
    "title",
    "summary",
    "language",
    "for_teachers",
    "for_students",
    "level",
    "hours",
    "self_enrol",
    "version",
    "schema",
    "requires",
    "translations",
    "assets",
]
UNIT_FIELDS = ["slug", "position", "title", "summary", "prerequisites", "translations"]
ITEM_FIELDS = [
    "slug",
    "position",
    "kind",
    "title",
    "required",
    "weight",
    "body",
    "exercise_type",
    "type_version",
    "config",
    "translations",
    "content_version",
    "content_hash",
]


def dump_course(slug: str) -> dict[str, Any]:
    """Every content column of the course, its live units and items (ids and timestamps left out)."""
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    assert course is not None, slug
    units = db.session.scalars(
        select(Unit).where(Unit.course_id == course.id, Unit.archived_at.is_(None)).order_by(Unit.position)
    ).all()
    items = db.session.scalars(
        select(Item).where(Item.course_id == course.id, Item.archived_at.is_(None)).order_by(Item.position)
    ).all()
    slugs = {unit.id: unit.slug for unit in units}
    return {
        "course": {f: getattr(course, f) for f in COURSE_FIELDS} | {"programme": course.programme.code},
        "units": [{f: getattr(unit, f) for f in UNIT_FIELDS} for unit in units],
        "items": sorted(
            ({f: getattr(item, f) for f in ITEM_FIELDS} | {"unit": slugs[item.unit_id]} for item in items),
            key=lambda entry: (entry["unit"], entry["position"]),
        ),
    }
