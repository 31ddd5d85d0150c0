"""Load a validated course package into the database by stable slugs, in one transaction.

The rules a learner relies on:
- a slug is an identity: the same slug updates the same row, so progress and attempts stay attached;
- what disappears is archived (``archived_at``), never deleted, and comes back if it reappears;
- a lower version is refused unless forced, and so is changed content under an unchanged version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import select

from lms.courses.models import Course, Item, Unit
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.packages.model import CoursePackage, ItemSpec
from lms.programmes.models import Programme


class SyncRefused(Exception):
    """The package may not replace what is installed; the message says why and what to do."""


@dataclass
class SyncReport:
    slug: str
    #: ``installed``, ``updated`` or ``unchanged``
    action: str
    version_from: int | None
    version_to: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"{self.slug}: {self.action} (v{self.version_from or '-'} → v{self.version_to})"]
        for label, slugs in (
            ("added", self.added),
            ("changed", self.changed),
            ("archived", self.archived),
            ("restored", self.restored),
        ):
            if slugs:
                parts.append(f"  {label}: {', '.join(slugs)}")
        return "\n".join(parts)


def _item_hash(spec: ItemSpec) -> str:
    payload = {
        "kind": spec.kind,
        "title": spec.title,
        "body": spec.body,
        "type": spec.type_name,
        "type_version": spec.type_version,
        "config": spec.config if spec.config is not None else spec.raw,
        "translations": spec.translations,
        "required": spec.required,
        "weight": spec.weight,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def sync_package(package: CoursePackage, *, force: bool = False) -> SyncReport:
    """Stage the package's content in the session; the caller commits (or rolls back) the transaction."""
    programme = db.session.scalar(select(Programme).where(Programme.code == package.programme))
    if programme is None:
        raise SyncRefused(f"{package.slug}: unknown programme {package.programme!r}")
    course = db.session.scalar(select(Course).where(Course.slug == package.slug))
    if course is None:
        course = Course(slug=package.slug, source="package")
        db.session.add(course)
        report = SyncReport(package.slug, "installed", None, package.version)
    else:
        report = SyncReport(package.slug, "updated", course.version, package.version)
        if course.content_hash == package.content_hash and course.version == package.version and not force:
            report.action = "unchanged"
            return report
        if package.version < course.version and not force:
            raise SyncRefused(
                f"{package.slug}: version {package.version} is lower than the installed {course.version}; "
                "use --force to go back"
            )
        if package.version == course.version and not force:
            raise SyncRefused(
                f"{package.slug}: the content changed but the version is still {package.version}; "
                "increase `version` in course.toml"
            )

    course.programme = programme
    for attr in (
        "title",
        "summary",
        "language",
        "audience",
        "level",
        "hours",
        "self_enrol",
        "version",
        "content_hash",
        "schema",
        "requires",
        "translations",
        "assets",
    ):
        setattr(course, attr, getattr(package, attr))
    course.archived_at = None
    course.synced_at = utcnow()
    db.session.flush()

    units = {u.slug: u for u in db.session.scalars(select(Unit).where(Unit.course_id == course.id))}
    items = {i.slug: i for i in db.session.scalars(select(Item).where(Item.course_id == course.id))}
    seen_units: set[str] = set()
    seen_items: set[str] = set()
    for unit_spec in package.units:
        unit = units.get(unit_spec.slug)
        if unit is None:
            unit = Unit(course_id=course.id, slug=unit_spec.slug)
            db.session.add(unit)
            units[unit.slug] = unit
        elif unit.archived_at is not None:
            unit.archived_at = None
            report.restored.append(unit.slug)
        unit.position = unit_spec.position
        unit.title = unit_spec.title
        unit.summary = unit_spec.summary
        unit.prerequisites = list(unit_spec.prerequisites)
        unit.minutes = unit_spec.minutes
        unit.translations = unit_spec.translations
        seen_units.add(unit.slug)
        db.session.flush()
        for spec in unit_spec.items:
            seen_items.add(spec.slug)
            _sync_item(course, unit, spec, items, report, package.version)

    now = utcnow()
    for slug, unit in units.items():
        if slug not in seen_units and unit.archived_at is None:
            unit.archived_at = now
            report.archived.append(f"unit {slug}")
    for slug, item in items.items():
        if slug not in seen_items and item.archived_at is None:
            item.archived_at = now
            report.archived.append(slug)
    db.session.flush()
    from lms.courses.signals import course_synced

    course_synced.send(course, report=report)
    return report


def _sync_item(
    course: Course, unit: Unit, spec: ItemSpec, items: dict[str, Item], report: SyncReport, version: int
) -> None:
    digest = _item_hash(spec)
    item = items.get(spec.slug)
    if item is None:
        item = Item(course_id=course.id, slug=spec.slug, content_version=version)
        db.session.add(item)
        items[spec.slug] = item
        report.added.append(spec.slug)
    else:
        if item.archived_at is not None:
            item.archived_at = None
            report.restored.append(spec.slug)
        if item.content_hash != digest:
            item.content_version = version
            report.changed.append(spec.slug)
    item.unit_id = unit.id
    item.position = spec.position
    item.kind = spec.kind
    item.title = spec.title
    item.required = spec.required
    item.weight = spec.weight
    item.body = spec.body
    item.exercise_type = spec.type_name
    item.type_version = spec.type_version
    item.config = spec.config
    item.translations = spec.translations
    item.content_hash = digest
