"""Reading ``course.toml``: the manifest's keys, each checked with its line."""

from __future__ import annotations

from typing import Any

from lms.exercises.tables import BOOLEAN, INTEGER, NUMBER, REQUIRED, STRING, STRINGS, TABLE, read_table
from lms.exercises.toml_source import TomlDoc
from lms.packages.context import LoadContext
from lms.packages.model import (
    AUDIENCES,
    LANGUAGES,
    LESSON_COMPLETIONS,
    LEVELS,
    PROGRAMMES,
    SUPPORTED_SCHEMAS,
    is_slug,
)

COURSE_SPEC = {
    "schema": (INTEGER, REQUIRED),
    "slug": (STRING, REQUIRED),
    "version": (INTEGER, REQUIRED),
    "title": (STRING, REQUIRED),
    "summary": (STRING, REQUIRED),
    "language": (STRING, REQUIRED),
    "programme": (STRING, REQUIRED),
    "audience": (STRINGS, REQUIRED),
    "level": (STRING, REQUIRED),
    "hours": (NUMBER, REQUIRED),
    "self_enrol": (BOOLEAN, REQUIRED),
    "units": (STRINGS, REQUIRED),
    "requires": (TABLE, {}),
    "lesson_completion": (STRING, "read"),
}


def _choice(
    ctx: LoadContext, doc: TomlDoc, values: dict[str, Any], key: str, allowed: tuple[str, ...]
) -> None:
    if key in values and values[key] not in allowed:
        ctx.problems.append(
            doc.problem(f"'{key}' must be one of {', '.join(allowed)}, not '{values[key]}'", key)
        )


def read_course(ctx: LoadContext, doc: TomlDoc, installed_version: int | None) -> dict[str, Any]:
    """Return course.toml's values, reporting every problem with the manifest itself."""
    values = read_table(doc.data, COURSE_SPEC, doc, (), ctx.problems)
    schema = values.get("schema")
    if schema is not None and schema not in SUPPORTED_SCHEMAS:
        readable = ", ".join(str(s) for s in sorted(SUPPORTED_SCHEMAS))
        ctx.problems.append(
            doc.problem(f"schema {schema} is not supported (this platform reads {readable})", "schema")
        )
    slug = values.get("slug")
    if slug is not None and not is_slug(slug):
        ctx.problems.append(
            doc.problem(f"slug '{slug}' must be lowercase letters, digits and hyphens", "slug")
        )
    elif slug is not None and slug != ctx.root.name:
        ctx.problems.append(
            doc.problem(f"slug '{slug}' does not match the folder name '{ctx.root.name}'", "slug")
        )
    version = values.get("version")
    if version is not None:
        if version < 1:
            ctx.problems.append(doc.problem("'version' must be at least 1", "version"))
        elif installed_version is not None and version < installed_version:
            message = f"version {version} is lower than installed {installed_version}"
            ctx.problems.append(doc.problem(message, "version"))
    if "title" in values and not values["title"].strip():
        ctx.problems.append(doc.problem("'title' must not be empty", "title"))
    _choice(ctx, doc, values, "language", LANGUAGES)
    _choice(ctx, doc, values, "programme", PROGRAMMES)
    _choice(ctx, doc, values, "level", LEVELS)
    _choice(ctx, doc, values, "lesson_completion", LESSON_COMPLETIONS)
    audience = values.get("audience")
    if audience is not None:
        if not audience:
            ctx.problems.append(
                doc.problem("'audience' must name at least one of teacher, student", "audience")
            )
        for who in audience:
            if who not in AUDIENCES:
                ctx.problems.append(
                    doc.problem(f"'audience' must list teacher and/or student, not '{who}'", "audience")
                )
        if len(set(audience)) != len(audience):
            ctx.problems.append(doc.problem("'audience' lists the same value twice", "audience"))
    if values.get("hours") is not None and values["hours"] <= 0:
        ctx.problems.append(doc.problem("'hours' must be more than 0", "hours"))
    if "units" in values and not values["units"]:
        ctx.problems.append(doc.problem("'units' must list at least one unit", "units"))
    for name, version in values.get("requires", {}).items():
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            ctx.problems.append(
                doc.problem(f"[requires] {name} must be a version number (an integer >= 1)", "requires", name)
            )
    return values


def check_requires(ctx: LoadContext, doc: TomlDoc, requires: dict[str, Any], used: dict[str, str]) -> None:
    """Check ``[requires]`` against the platform and against the types the exercises use.

    ``used`` maps each type name used to the first exercise using it, for the message.
    """
    for name, version in requires.items():
        exercise_type = ctx.registry.get(name)
        if exercise_type is None:
            ctx.problems.append(
                doc.problem(f"[requires] names unknown exercise type '{name}'", "requires", name)
            )
        elif isinstance(version, int) and version > exercise_type.version:
            message = (
                f"[requires] {name} = {version} is newer than the platform's version {exercise_type.version}"
            )
            ctx.problems.append(doc.problem(message, "requires", name))
    for name, where in used.items():
        if name not in requires:
            ctx.problems.append(
                doc.problem(f"[requires] does not list exercise type '{name}' (used by {where})", "requires")
            )
