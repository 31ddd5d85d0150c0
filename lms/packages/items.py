"""Reading the items of a unit: lessons (Markdown files) and exercises (typed folders)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lms.exercises.base import ExerciseType
from lms.exercises.files import ExerciseFiles
from lms.exercises.problems import Problem
from lms.exercises.tables import INTEGER, REQUIRED, STRING, read_table
from lms.exercises.toml_source import TomlDoc
from lms.markdown import opens_with_title
from lms.packages.context import LoadContext
from lms.packages.model import ItemSpec

COMMON_SPEC = {"type": (STRING, REQUIRED), "type_version": (INTEGER, REQUIRED), "title": (STRING, REQUIRED)}


def read_markdown(ctx: LoadContext, inside: str) -> str | None:
    """Read a Markdown file of the package, checking its asset links."""
    try:
        text = (ctx.root / inside).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        ctx.report(inside, "not valid UTF-8 text")
        return None
    ctx.check_assets(text, inside)
    return text


def load_lesson(ctx: LoadContext, unit_doc: TomlDoc, index: int, item: ItemSpec, folder: str) -> None:
    """Fill a lesson's body from ``<slug>.md``; report a missing file at its line in unit.toml."""
    inside = f"{folder}/{item.slug}.md"
    item.path = ctx.root / inside
    if not item.path.is_file():
        message = f"lesson file '{item.slug}.md' does not exist"
        ctx.problems.append(unit_doc.problem(message, "items", index, "lesson"))
        return
    item.body = read_markdown(ctx, inside)
    if item.body is not None and opens_with_title(item.body):
        ctx.report(inside, "a lesson must not start with a '#' title (the page shows the title already)", 1)


def parse_exercise(
    ctx: LoadContext,
    exercise_type: ExerciseType,
    inside: str,
    doc: TomlDoc,
    overlay: Path | None = None,
    checked: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Let the type parse and validate one exercise folder; return its config (None on problems).

    Asset links are checked in every Markdown text except those in ``checked``.
    """
    files = ExerciseFiles(ctx.root / inside, ctx.rel(inside), doc, overlay)
    where = f"exercise type '{exercise_type.name}'"
    try:
        config = exercise_type.parse(files)
        problems = list(files.problems)
        if not problems:
            for found in exercise_type.validate(config):
                line = found.line
                if found.path == "exercise.toml" and line is None:
                    line = doc.line(*found.key)
                path = doc.rel if found.path == "exercise.toml" else f"{files.rel}/{found.path}"
                problems.append(Problem(path, line, found.message, found.key))
    except Exception as error:  # a type's bug must show as a problem with the exercise, not a crash
        return None, [
            Problem(doc.rel, None, f"{where} failed on this exercise: {type(error).__name__}: {error}")
        ]
    if problems:
        return None, problems
    try:
        json.dumps(config)
    except (TypeError, ValueError) as error:
        return None, [Problem(doc.rel, None, f"{where} returned a config that is not JSON: {error}")]
    _check_exercise_assets(ctx, exercise_type, config, files, inside, checked)
    return config, []


def _check_exercise_assets(
    ctx: LoadContext,
    exercise_type: ExerciseType,
    config: dict[str, Any],
    files: ExerciseFiles,
    inside: str,
    checked: frozenset[str],
) -> None:
    """Check asset links in the exercise's Markdown files (with lines) and its TOML texts."""
    md_files = {}
    for name in files.list_files():
        if name.endswith(".md") and (text := files.read_text(name)) is not None:
            shown = f"{inside}/{name}"
            if files.overlay is not None and (files.overlay / name).is_file():
                shown = (files.overlay / name).relative_to(ctx.root).as_posix()
            md_files[text] = shown
            if text not in checked:
                ctx.check_assets(text, shown)
    for text in exercise_type.markdown_texts(config):
        if text not in md_files and text not in checked:
            ctx.check_assets(text, files.toml.rel.removeprefix(ctx.root.name + "/"), with_lines=False)


def load_exercise(
    ctx: LoadContext, unit_doc: TomlDoc, index: int, item: ItemSpec, folder: str, requires: dict[str, Any]
) -> None:
    """Fill an exercise item from its folder; an unknown type keeps the raw data, config None."""
    inside = f"{folder}/{item.slug}"
    item.path = ctx.root / inside
    if not item.path.is_dir():
        message = f"exercise folder '{item.slug}/' does not exist"
        ctx.problems.append(unit_doc.problem(message, "items", index, "exercise"))
        return
    doc = ctx.toml(f"{inside}/exercise.toml")
    if doc is None:
        return
    item.raw = doc.data
    common = read_table(doc.data, COMMON_SPEC, doc, (), ctx.problems, ignore=set(doc.data) - set(COMMON_SPEC))
    item.title = common.get("title", "")
    item.type_name, item.type_version = common.get("type"), common.get("type_version")
    if "title" in common and not item.title.strip():
        ctx.problems.append(doc.problem("'title' must not be empty", "title"))
    if item.type_name is None or item.type_version is None:
        return
    exercise_type = ctx.registry.get(item.type_name)
    if exercise_type is None:
        available = ", ".join(ctx.registry.names()) or "none"
        ctx.problems.append(
            doc.problem(f"unknown exercise type '{item.type_name}' (available: {available})", "type")
        )
        return
    if item.type_version < 1:
        ctx.problems.append(doc.problem("'type_version' must be at least 1", "type_version"))
    elif item.type_version > exercise_type.version:
        message = f"type_version {item.type_version} is newer than the platform's '{item.type_name}' type"
        ctx.problems.append(doc.problem(f"{message} (version {exercise_type.version})", "type_version"))
    required = requires.get(item.type_name)
    if isinstance(required, int) and item.type_version > required:
        message = f"type_version {item.type_version} is newer than course.toml's [requires] {item.type_name}"
        message += f" = {required}"
        ctx.problems.append(doc.problem(message, "type_version"))
    item.config, found = parse_exercise(ctx, exercise_type, inside, doc)
    ctx.problems.extend(found)
