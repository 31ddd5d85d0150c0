"""Write an installed course back to a course package (``courses export``, and publishing from the browser).

The package must load to the same rows again: lessons and exercises are written with each type's
``write()`` (the inverse of its ``parse()``), translations as overlays holding only what differs
from the original. Files are written in a fixed order and layout, so an export of an export is
byte-for-byte the same.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import tomli_w
from sqlalchemy import select

from lms.core import confined
from lms.courses.assets import open_asset
from lms.courses.models import Course, Item, Unit
from lms.exercises.overlay import Translatable
from lms.exercises.registry import ExerciseTypeRegistry
from lms.extensions import db


class ExportError(Exception):
    """The course cannot be written as a package; the message says why."""


def _number(value: float) -> int | float:
    """Write 2.0 as 2: TOML keeps the difference, and the loader's hash sees it."""
    return int(value) if float(value).is_integer() else value


def course_document(course: Course) -> dict[str, Any]:
    """Return the live content of a course as plain data: what a package holds, and what a draft edits."""
    units = db.session.scalars(
        select(Unit).where(Unit.course_id == course.id, Unit.archived_at.is_(None)).order_by(Unit.position)
    ).all()
    items = db.session.scalars(
        select(Item).where(Item.course_id == course.id, Item.archived_at.is_(None)).order_by(Item.position)
    ).all()
    by_unit: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        by_unit.setdefault(item.unit_id, []).append(
            {
                "slug": item.slug,
                "kind": item.kind,
                "title": item.title,
                "required": item.required,
                "weight": _number(item.weight),
                "body": item.body,
                "exercise_type": item.exercise_type,
                "type_version": item.type_version,
                "config": copy.deepcopy(item.config),
                "translations": copy.deepcopy(item.translations or {}),
            }
        )
    return {
        "slug": course.slug,
        "schema": course.schema,
        "version": course.version,
        "title": course.title,
        "summary": course.summary,
        "language": course.language,
        "programme": course.programme.code,
        "audience": course.audience,
        "level": course.level,
        "hours": _number(course.hours),
        "self_enrol": course.self_enrol,
        "requires": dict(sorted((course.requires or {}).items())),
        "translations": copy.deepcopy(course.translations or {}),
        "assets": list(course.assets or []),
        "units": [
            {
                "slug": unit.slug,
                "title": unit.title,
                "summary": unit.summary,
                "prerequisites": list(unit.prerequisites or []),
                "minutes": unit.minutes,
                "translations": copy.deepcopy(unit.translations or {}),
                "items": by_unit.get(unit.id, []),
            }
            for unit in units
        ],
    }


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root

    def file(self, inside: str, content: bytes | str) -> None:
        path = self.root / inside
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)

    def toml(self, inside: str, data: dict[str, Any]) -> None:
        # Keys in the order given, so an export of an export is identical; text with newlines as
        # multi-line strings, so lessons' prompts stay readable in a diff.
        self.file(inside, tomli_w.dumps(_without_none(data), multiline_strings=True))


def _without_none(value: Any) -> Any:
    """TOML has no null: a key whose value is ``None`` is left out (the reader's default applies)."""
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def overlay_of(original: dict[str, Any], translated: dict[str, Any], spec: Translatable) -> dict[str, Any]:
    """Return the translation overlay that turns ``original`` into ``translated`` (only what differs)."""
    overlay: dict[str, Any] = {}
    for name in sorted(spec.keys):
        if name in original and name in translated and translated[name] != original[name]:
            overlay[name] = translated[name]
    for name, (match, inner) in spec.arrays.items():
        result = []
        entries, moved = original.get(name) or [], translated.get(name) or []
        for position, before in enumerate(entries):
            ident = {key: before[key] for key in match if key in before}
            if ident:  # matched by its identifying key, wherever the translation has it
                after = next((e for e in moved if all(e.get(k) == v for k, v in ident.items())), None)
            else:  # matched by position: an empty entry keeps its place
                after = moved[position] if position < len(moved) else None
            entry = overlay_of(before, after, inner) if after is not None else {}
            if not match:
                result.append(entry)
            elif entry:
                result.append({**ident, **entry})
        while result and not result[-1]:
            result.pop()
        if result:
            overlay[name] = result
    return overlay


def _course_manifest(doc: dict[str, Any]) -> dict[str, Any]:
    keys = ("schema", "slug", "version", "title", "summary", "language", "programme", "audience", "level")
    manifest = {key: doc[key] for key in keys}
    manifest["hours"] = _number(doc["hours"])
    manifest["self_enrol"] = doc["self_enrol"]
    manifest["units"] = [unit["slug"] for unit in doc["units"]]
    manifest["requires"] = dict(sorted(doc["requires"].items()))
    return manifest


def _item_entry(item: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {item["kind"]: item["slug"]}
    if item["kind"] == "lesson":
        entry["title"] = item["title"]
    if not item["required"]:
        entry["required"] = False
    if item["weight"] != 1:
        entry["weight"] = _number(item["weight"])
    return entry


def export_course(course: Course, directory: Path, registry: ExerciseTypeRegistry) -> Path:
    """Write ``course`` as ``<directory>/<slug>/`` and return that folder; it must not exist yet."""
    return write_package(
        course_document(course), Path(directory), registry, lambda path: open_asset(course, path)
    )


def write_package(
    doc: dict[str, Any],
    directory: Path,
    registry: ExerciseTypeRegistry,
    find_asset: Callable[[str], BinaryIO | None],
) -> Path:
    """Write a course document as the package ``<directory>/<slug>/``; ``find_asset`` opens asset files.

    Assets are read through ``lms.core.confined`` (never a link) and written as new files that never
    go through a link either, so an export copies no file from outside the course.
    """
    root = Path(directory) / doc["slug"]
    if root.is_symlink():
        raise ExportError(f"{root} is a symbolic link")
    if root.exists() and any(root.iterdir()):
        raise ExportError(f"{root} already exists and is not empty")
    if not doc["units"] or any(not unit["items"] for unit in doc["units"]):
        raise ExportError(f"{doc['slug']}: every unit needs at least one item")
    writer = _Writer(root)
    languages = sorted(doc["translations"])
    writer.toml("course.toml", _course_manifest(doc))
    for lang in languages:
        translated = doc["translations"][lang]
        writer.toml(
            f"locales/{lang}/course.toml",
            {key: translated[key] for key in ("title", "summary") if key in translated},
        )
    for unit in doc["units"]:
        _write_unit(writer, unit, languages, registry)
    for path in doc["assets"]:
        source = find_asset(path)
        if source is None:
            raise ExportError(f"{doc['slug']}: asset {path} is missing (or is a link, which is refused)")
        with source, confined.create_file(root, path) as target:
            shutil.copyfileobj(source, target)
    return root


def _write_unit(
    writer: _Writer, unit: dict[str, Any], languages: list[str], registry: ExerciseTypeRegistry
) -> None:
    folder = f"units/{unit['slug']}"
    items = unit["items"]
    manifest: dict[str, Any] = {"title": unit["title"]}
    if unit["summary"]:
        manifest["summary"] = unit["summary"]
    if unit["prerequisites"]:
        manifest["prerequisites"] = list(unit["prerequisites"])
    if unit.get("minutes"):
        manifest["minutes"] = unit["minutes"]
    manifest["items"] = [_item_entry(item) for item in items]
    writer.toml(f"{folder}/unit.toml", manifest)
    for lang in languages:
        translated = unit["translations"].get(lang) or {}
        overlay: dict[str, Any] = {}
        for key in ("title", "summary"):
            if key in manifest and translated.get(key, manifest[key]) != manifest[key]:
                overlay[key] = translated[key]
        entries = []
        for item in items:
            title = (item["translations"].get(lang) or {}).get("title", item["title"])
            if item["kind"] == "lesson" and title != item["title"]:
                entries.append({"lesson": item["slug"], "title": title})
        if entries:
            overlay["items"] = entries
        if overlay:
            writer.toml(f"locales/{lang}/{folder}/unit.toml", overlay)
    for item in items:
        if item["kind"] == "lesson":
            _write_lesson(writer, folder, item, languages)
        else:
            _write_exercise(writer, folder, item, languages, registry)


def _write_lesson(writer: _Writer, folder: str, item: dict[str, Any], languages: list[str]) -> None:
    body = item["body"] or ""
    writer.file(f"{folder}/{item['slug']}.md", body)
    for lang in languages:
        translated = (item["translations"].get(lang) or {}).get("body")
        if translated is not None and translated != body:
            writer.file(f"locales/{lang}/{folder}/{item['slug']}.md", translated)


def exercise_files(
    registry: ExerciseTypeRegistry, item: dict[str, Any], title: str, config: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Return an exercise's exercise.toml data and its other files, as its type writes them."""
    exercise_type = registry.get(item["exercise_type"] or "")
    if exercise_type is None or config is None:
        raise ExportError(f"{item['slug']}: exercise type '{item['exercise_type']}' is not available")
    keys, files = exercise_type.write(config)
    head = {"type": item["exercise_type"], "type_version": item["type_version"], "title": title}
    return {**head, **keys}, files


def _write_exercise(
    writer: _Writer, folder: str, item: dict[str, Any], languages: list[str], registry: ExerciseTypeRegistry
) -> None:
    inside = f"{folder}/{item['slug']}"
    manifest, files = exercise_files(registry, item, item["title"], item["config"])
    writer.toml(f"{inside}/exercise.toml", manifest)
    for name, content in sorted(files.items()):
        writer.file(f"{inside}/{name}", content)
    spec = registry.get(item["exercise_type"]).translatable
    for lang in languages:
        translated = item["translations"].get(lang)
        if not translated or translated.get("config") is None:
            continue
        title = translated.get("title", item["title"])
        t_manifest, t_files = exercise_files(registry, item, title, translated["config"])
        overlay = overlay_of(manifest, t_manifest, spec)
        if overlay:
            writer.toml(f"locales/{lang}/{inside}/exercise.toml", overlay)
        for name, content in sorted(t_files.items()):
            if name.endswith(".md") and content != files.get(name):
                writer.file(f"locales/{lang}/{inside}/{name}", content)
