"""Edit a course draft: the write-side verbs of authoring (they change the draft; the caller commits).

A draft is plain data, so these verbs are small list and dict edits. Slugs are identities, as in
packages: an item keeps its slug for life, and a removed one is archived at the next publish.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import flag_modified

from lms.authoring.models import CourseDraft
from lms.courses.export import course_document
from lms.courses.models import Course, Item
from lms.dbtypes import utcnow
from lms.exercises.base import ExerciseType
from lms.extensions import db
from lms.packages.model import is_slug
from lms.programmes.models import Programme
from lms.users.models import User

#: keys of the course document that the metadata form edits
METADATA = ("title", "summary", "language", "programme", "audience", "level", "hours", "self_enrol")


class DraftError(ValueError):
    """The edit is refused; the message (translated by the caller's words) says why."""


def config_digest(config: dict[str, Any] | None) -> str:
    """Fingerprint an exercise's config, so a validation is known to be about this very content."""
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()


def strip_validation(doc: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of the document without the validation results the editor keeps beside items."""
    clean = copy.deepcopy(doc)
    for unit in clean["units"]:
        for item in unit["items"]:
            item.pop("validation", None)
    return clean


def open_draft(course: Course) -> CourseDraft:
    """Return the course's draft, starting one from the live content when there is none."""
    draft = db.session.scalar(select(CourseDraft).where(CourseDraft.course_id == course.id))
    if draft is None:
        # dated like the live content, so "changed since publish" means an edit really happened
        draft = CourseDraft(
            course=course, document=course_document(course), updated_at=course.synced_at or utcnow()
        )
        db.session.add(draft)
        db.session.flush()
    return draft


def has_changes(draft: CourseDraft) -> bool:
    """Whether the draft was edited since the last publish (cheap: list pages ask it of every course)."""
    synced = draft.course.synced_at
    return synced is None or draft.updated_at > synced


def _follow(translated: dict[str, Any], key: str, old: Any, new: Any) -> None:
    if key in translated and translated[key] == old and old != new:
        translated[key] = copy.deepcopy(new)


def carry_fallbacks(old_doc: dict[str, Any], doc: dict[str, Any]) -> None:
    """Let untranslated texts follow an edit of the original.

    Where a translation was only the loader's fallback copy of the original (the same text), it
    must keep tracking the original; a real translation is left as it is.
    """
    for translated in doc["translations"].values():
        for key in ("title", "summary"):
            _follow(translated, key, old_doc.get(key), doc.get(key))
    old_units = {unit["slug"]: unit for unit in old_doc["units"]}
    old_items = {item["slug"]: item for item in all_items(old_doc)}
    for unit in doc["units"]:
        before = old_units.get(unit["slug"])
        for translated in unit["translations"].values() if before else ():
            for key in ("title", "summary"):
                _follow(translated, key, before[key], unit[key])
    for item in all_items(doc):
        before = old_items.get(item["slug"])
        if before is None:
            continue
        for translated in item["translations"].values():
            _follow(translated, "title", before["title"], item["title"])
            _follow(translated, "body", before["body"], item["body"])
            config, old_config = translated.get("config"), before.get("config")
            if config is None or old_config is None or item["config"] is None:
                continue
            if config == old_config:
                translated["config"] = copy.deepcopy(item["config"])
                continue
            for key in ("prompt", "intro"):  # whole Markdown texts: replaced, never merged
                _follow(config, key, old_config.get(key), item["config"].get(key))


def save(draft: CourseDraft, doc: dict[str, Any], actor: User) -> None:
    """Store an edited document (JSON columns do not notice in-place changes, so assign a new one)."""
    carry_fallbacks(draft.document, doc)
    draft.document = copy.deepcopy(doc)
    flag_modified(draft, "document")  # even if the caller edited the stored object in place
    draft.updated_by_id = actor.id
    draft.updated_at = utcnow()


def create_course(values: dict[str, Any], slug: str, actor: User) -> Course:
    """Create an unpublished course and its empty draft; it goes live at its first publish."""
    if not is_slug(slug) or len(slug) > 80:
        raise DraftError("slug")
    if db.session.scalar(select(Course.id).where(Course.slug == slug)) is not None:
        raise DraftError("slug-taken")
    programme = db.session.scalar(select(Programme).where(Programme.code == values["programme"]))
    if programme is None:
        raise DraftError("programme")
    course = Course(
        slug=slug,
        programme=programme,
        title=values["title"],
        summary=values["summary"],
        language=values["language"],
        level=values["level"],
        hours=values["hours"],
        self_enrol=values["self_enrol"],
        version=0,
        content_hash="",
        requires={},
        translations={},
        assets=[],
        source="authored",
        published=False,
    )
    course.audience = values["audience"]
    db.session.add(course)
    db.session.flush()
    draft = open_draft(course)
    draft.updated_by_id = actor.id
    return course


def update_metadata(doc: dict[str, Any], values: dict[str, Any]) -> None:
    """Set the course's title, summary, programme, language, audience, level, hours and enrolment."""
    for key in METADATA:
        doc[key] = values[key]
    if float(doc["hours"]).is_integer():
        doc["hours"] = int(doc["hours"])


def all_items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item of the draft, in course order."""
    return [item for unit in doc["units"] for item in unit["items"]]


def find_unit(doc: dict[str, Any], slug: str) -> dict[str, Any]:
    for unit in doc["units"]:
        if unit["slug"] == slug:
            return unit
    raise LookupError(slug)


def find_item(doc: dict[str, Any], slug: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return ``(unit, item)`` for an item slug; LookupError when the draft has no such item."""
    for unit in doc["units"]:
        for item in unit["items"]:
            if item["slug"] == slug:
                return unit, item
    raise LookupError(slug)


def _check_new_slug(slug: str, taken: list[str]) -> None:
    if not is_slug(slug) or len(slug) > 80:
        raise DraftError("slug")
    if slug in taken:
        raise DraftError("slug-taken")


def add_unit(doc: dict[str, Any], slug: str, title: str, summary: str = "") -> dict[str, Any]:
    """Append a unit at the end of the course."""
    _check_new_slug(slug, [unit["slug"] for unit in doc["units"]])
    unit = {
        "slug": slug,
        "title": title,
        "summary": summary,
        "prerequisites": [],
        "translations": {},
        "items": [],
    }
    doc["units"].append(unit)
    return unit


def update_unit(doc: dict[str, Any], slug: str, title: str, summary: str) -> None:
    unit = find_unit(doc, slug)
    unit["title"], unit["summary"] = title, summary


def _move(entries: list[dict[str, Any]], index: int, delta: int) -> bool:
    target = index + delta
    if not 0 <= target < len(entries):
        return False
    entries[index], entries[target] = entries[target], entries[index]
    return True


def move_unit(doc: dict[str, Any], slug: str, delta: int) -> bool:
    """Move a unit one place up (-1) or down (+1); False at either end.

    A prerequisite must be an earlier unit, so a move that would break one is refused.
    """
    units = doc["units"]
    index = next(i for i, unit in enumerate(units) if unit["slug"] == slug)
    moved = [dict(u) for u in units]
    if not _move(moved, index, delta):
        return False
    order = [u["slug"] for u in moved]
    for position, unit in enumerate(moved):
        if any(order.index(p) >= position for p in unit["prerequisites"] if p in order):
            raise DraftError("prerequisite-order")
    _move(units, index, delta)
    return True


def remove_unit(doc: dict[str, Any], slug: str) -> None:
    """Take a unit and its items out of the draft (published ones are archived at the next publish)."""
    doc["units"] = [unit for unit in doc["units"] if unit["slug"] != slug]
    for unit in doc["units"]:
        unit["prerequisites"] = [p for p in unit["prerequisites"] if p != slug]


def add_item(
    doc: dict[str, Any],
    unit_slug: str,
    slug: str,
    title: str,
    exercise_type: ExerciseType | None,
) -> dict[str, Any]:
    """Append a lesson (``exercise_type`` None) or an exercise, as its type starts it, to a unit."""
    unit = find_unit(doc, unit_slug)
    _check_new_slug(slug, [item["slug"] for item in all_items(doc)])
    item: dict[str, Any] = {
        "slug": slug,
        "kind": "lesson" if exercise_type is None else "exercise",
        "title": title,
        "required": True,
        "weight": 1,
        "body": "" if exercise_type is None else None,
        "exercise_type": None if exercise_type is None else exercise_type.name,
        "type_version": None if exercise_type is None else exercise_type.version,
        "config": None if exercise_type is None else copy.deepcopy(exercise_type.new_config()),
        "translations": {},
    }
    if exercise_type is not None and item["config"] is None:
        raise DraftError("not-creatable")
    unit["items"].append(item)
    if exercise_type is not None:
        _require(doc, exercise_type.name, exercise_type.version)
    return item


def _require(doc: dict[str, Any], exercise_type: str | None, type_version: int) -> None:
    if exercise_type is not None:
        doc["requires"][exercise_type] = max(doc["requires"].get(exercise_type, 0), type_version)


def move_item(doc: dict[str, Any], slug: str, delta: int) -> bool:
    """Move an item one place up or down within its unit; False at either end."""
    unit, item = find_item(doc, slug)
    return _move(unit["items"], unit["items"].index(item), delta)


def remove_item(doc: dict[str, Any], slug: str) -> None:
    """Take an item out of the draft; if it was published, the next publish archives it."""
    unit, item = find_item(doc, slug)
    unit["items"].remove(item)


def learners_on_items(course: Course, slugs: list[str]) -> int:
    """How many learners have progress on any of these live items (0 for items never published)."""
    from lms.learning.models import ItemProgress

    if not slugs:
        return 0
    return (
        db.session.scalar(
            select(func.count(func.distinct(ItemProgress.user_id)))
            .join(Item, Item.id == ItemProgress.item_id)
            .where(Item.course_id == course.id, Item.slug.in_(slugs))
        )
        or 0
    )


def is_published_item(course: Course, *slugs: str) -> bool:
    """Whether any of these items is live (published at least once and not deleted)."""
    return (
        db.session.scalar(select(Item.id).where(Item.course_id == course.id, Item.slug.in_(slugs)).limit(1))
        is not None
    )
