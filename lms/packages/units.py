"""Reading units: ``unit.toml`` files in the order ``course.toml`` gives, and their items."""

from __future__ import annotations

from typing import Any

from lms.exercises.tables import BOOLEAN, INTEGER, NUMBER, REQUIRED, STRING, STRINGS, TABLES, read_table
from lms.exercises.toml_source import TomlDoc
from lms.packages.context import LoadContext
from lms.packages.items import load_exercise, load_lesson
from lms.packages.model import ItemSpec, UnitSpec, is_slug

UNIT_SPEC = {
    "title": (STRING, REQUIRED),
    "summary": (STRING, ""),
    "prerequisites": (STRINGS, []),
    "minutes": (INTEGER, None),
    "items": (TABLES, REQUIRED),
}
ITEM_SPEC = {
    "lesson": (STRING, None),
    "exercise": (STRING, None),
    "title": (STRING, None),
    "required": (BOOLEAN, True),
    "weight": (NUMBER, 1),
}


class _Seen:
    """Slugs met so far in the course, to report duplicates and wrong prerequisites."""

    def __init__(self, listed: list[str]) -> None:
        self.listed = listed
        self.units: list[str] = []
        self.items: dict[str, str] = {}
        #: exercise type name -> first exercise using it (for [requires])
        self.types: dict[str, str] = {}


def read_units(
    ctx: LoadContext, course_doc: TomlDoc, listed: list[str], requires: dict[str, Any]
) -> tuple[list[UnitSpec], dict[str, str]]:
    """Read every listed unit; return them and the exercise types used (name -> first user)."""
    seen = _Seen(listed)
    units = []
    for position, slug in enumerate(listed, start=1):
        if not is_slug(slug):
            ctx.problems.append(
                course_doc.problem(
                    f"unit slug '{slug}' must be lowercase letters, digits and hyphens", "units"
                )
            )
        elif slug in seen.units:
            ctx.problems.append(course_doc.problem(f"unit '{slug}' is listed twice", "units"))
        elif not (ctx.root / "units" / slug).is_dir():
            ctx.problems.append(
                course_doc.problem(f"unit '{slug}' is listed but units/{slug}/ does not exist", "units")
            )
        else:
            unit = _read_unit(ctx, slug, position, seen, requires)
            seen.units.append(slug)
            if unit is not None:
                units.append(unit)
    folder = ctx.root / "units"
    if listed and folder.is_dir():  # without a valid list, "not listed" would only add noise
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.name.startswith(".") and child.name not in listed:
                message = f"unit folder units/{child.name}/ is not listed in 'units'"
                ctx.problems.append(course_doc.problem(message, "units"))
    return units, seen.types


def _read_unit(
    ctx: LoadContext, slug: str, position: int, seen: _Seen, requires: dict[str, Any]
) -> UnitSpec | None:
    folder = f"units/{slug}"
    doc = ctx.toml(f"{folder}/unit.toml")
    if doc is None:
        return None
    values = read_table(doc.data, UNIT_SPEC, doc, (), ctx.problems)
    if "title" in values and not values["title"].strip():
        ctx.problems.append(doc.problem("'title' must not be empty", "title"))
    for prerequisite in values.get("prerequisites", []):
        if prerequisite in seen.listed[: position - 1]:
            continue
        if prerequisite == slug:
            message = "a unit cannot be its own prerequisite"
        elif prerequisite in seen.listed:
            message = f"prerequisite '{prerequisite}' comes after this unit; it must be an earlier unit"
        else:
            message = f"prerequisite '{prerequisite}' is not a unit of this course"
        ctx.problems.append(doc.problem(message, "prerequisites"))
    if values.get("minutes") is not None and values["minutes"] <= 0:
        ctx.problems.append(doc.problem("'minutes' must be a whole number above 0", "minutes"))
    unit = UnitSpec(
        slug,
        position,
        values.get("title", ""),
        values.get("summary", ""),
        values.get("prerequisites", []),
        minutes=values.get("minutes"),
    )
    if "items" in values and not values["items"]:
        ctx.problems.append(doc.problem("a unit needs at least one item", "items"))
    for index, raw in enumerate(values.get("items", [])):
        item = _read_item(ctx, doc, folder, index, raw, seen, requires)
        if item is not None:
            unit.items.append(item)
    return unit


def _read_item(
    ctx: LoadContext,
    doc: TomlDoc,
    folder: str,
    index: int,
    raw: dict[str, Any],
    seen: _Seen,
    requires: dict[str, Any],
) -> ItemSpec | None:
    key = ("items", index)
    values = read_table(raw, ITEM_SPEC, doc, key, ctx.problems)
    lesson, exercise = values.get("lesson"), values.get("exercise")
    if (lesson is None) == (exercise is None):
        ctx.problems.append(doc.problem("an item needs exactly one of 'lesson' or 'exercise'", *key))
        return None
    kind, slug = ("lesson", lesson) if lesson is not None else ("exercise", exercise)
    if not is_slug(slug):
        ctx.problems.append(
            doc.problem(f"item slug '{slug}' must be lowercase letters, digits and hyphens", *key, kind)
        )
        return None
    if slug in seen.items:
        ctx.problems.append(
            doc.problem(f"duplicate item slug '{slug}' (already in {seen.items[slug]})", *key, kind)
        )
        return None
    seen.items[slug] = f"{folder}/unit.toml"
    if values.get("weight") is not None and values["weight"] < 0:
        ctx.problems.append(doc.problem("'weight' must not be negative", *key, "weight"))
    item = ItemSpec(
        slug, kind, index + 1, values.get("title") or "", values["required"], values.get("weight", 1)
    )
    if kind == "lesson":
        if not (values.get("title") or "").strip():
            ctx.problems.append(doc.problem(f"lesson '{slug}' needs a 'title'", *key))
        load_lesson(ctx, doc, index, item, folder)
    else:
        if values.get("title") is not None:
            message = "an exercise's title belongs in its exercise.toml, not in unit.toml"
            ctx.problems.append(doc.problem(message, *key, "title"))
        load_exercise(ctx, doc, index, item, folder, requires)
        if item.type_name is not None:
            seen.types.setdefault(item.type_name, f"{folder}/{slug}")
    return item
