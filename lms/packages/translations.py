"""Reading ``locales/<lang>/``: overlays that translate a package without changing what it tests.

Every translation yields complete per-language values (falling back to the original where
no overlay exists), so the sync can store each language without re-reading the package.
"""

from __future__ import annotations

import re
from pathlib import Path

from lms.exercises.overlay import Translatable, apply_overlay
from lms.exercises.toml_source import TomlDoc
from lms.markdown import opens_with_title
from lms.packages.context import LoadContext
from lms.packages.items import parse_exercise, read_markdown
from lms.packages.model import LANGUAGES, ItemSpec, UnitSpec

COURSE_TRANSLATABLE = Translatable(frozenset({"title", "summary"}))
UNIT_TRANSLATABLE = Translatable(
    frozenset({"title", "summary"}), {"items": (("lesson", "exercise"), Translatable(frozenset({"title"})))}
)
#: the TOML files a translation may overlay
_TRANSLATABLE_TOML = re.compile(r"^(course\.toml|units/[^/]+/unit\.toml|units/[^/]+/[^/]+/exercise\.toml)$")


def _files(folder: Path) -> list[Path]:
    """Return the files under ``folder``, hidden ones (and those in hidden folders) left out."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _check_files(ctx: LoadContext, lang: str) -> None:
    """Report overlay files that translate nothing, or something that may not be translated."""
    folder = ctx.root / "locales" / lang
    for path in _files(folder):
        inside = path.relative_to(folder).as_posix()
        shown = f"locales/{lang}/{inside}"
        if not (ctx.root / inside).is_file():
            ctx.report(shown, f"translates '{inside}', which does not exist")
        elif path.suffix not in (".md", ".toml") or (
            path.suffix == ".toml" and not _TRANSLATABLE_TOML.match(inside)
        ):
            ctx.report(
                shown, "only Markdown files and course, unit and exercise TOML files can be translated"
            )


def _overlay(ctx: LoadContext, lang: str, inside: str, spec: Translatable) -> TomlDoc | None:
    """Return the TOML file ``inside`` with a translation's overlay applied.

    The result locates keys in the overlay file when there is one (its lines), else in
    the original.
    """
    original = ctx.docs.get(inside)
    if original is None:
        return None
    if not (ctx.root / "locales" / lang / inside).is_file():
        return original
    overlay = ctx.toml(f"locales/{lang}/{inside}")
    if overlay is None:
        return original
    key_map: dict = {}
    merged, found = apply_overlay(original.data, overlay.data, spec, overlay, key_map=key_map)
    ctx.problems.extend(found)
    return TomlDoc(overlay.rel, merged, overlay.text, key_map)


def read_translations(
    ctx: LoadContext, language: str | None, units: list[UnitSpec]
) -> dict[str, dict[str, str]]:
    """Fill every unit's and item's translations; return the course's, by language."""
    folder = ctx.root / "locales"
    if not folder.is_dir():
        return {}
    result = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        lang = path.name
        if not path.is_dir() or lang not in LANGUAGES:
            ctx.report(f"locales/{lang}", f"not a language folder (expected one of {', '.join(LANGUAGES)})")
            continue
        if lang == language:
            ctx.report(f"locales/{lang}", f"the course is already written in '{lang}'")
            continue
        _check_files(ctx, lang)
        course = _overlay(ctx, lang, "course.toml", COURSE_TRANSLATABLE)
        if course is not None:
            result[lang] = {"title": course.data.get("title", ""), "summary": course.data.get("summary", "")}
            if not (path / "units").is_dir():
                # Only the course's name and summary: the catalogue shows them in that language, but
                # the course is not offered in it (its lessons would otherwise fall back mid-page).
                result[lang]["listing_only"] = True
        for unit in units:
            _translate_unit(ctx, lang, unit)
    return result


def _translate_unit(ctx: LoadContext, lang: str, unit: UnitSpec) -> None:
    folder = f"units/{unit.slug}"
    doc = _overlay(ctx, lang, f"{folder}/unit.toml", UNIT_TRANSLATABLE)
    if doc is None:
        return
    data = doc.data
    unit.translations[lang] = {
        "title": data.get("title", unit.title),
        "summary": data.get("summary", unit.summary),
    }
    entries = data.get("items", [])
    for item in unit.items:
        entry = entries[item.position - 1] if item.position <= len(entries) else {}
        if item.kind == "lesson":
            _translate_lesson(ctx, lang, folder, item, entry.get("title", item.title))
        else:
            _translate_exercise(ctx, lang, folder, item)


def _translate_lesson(ctx: LoadContext, lang: str, folder: str, item: ItemSpec, title: str) -> None:
    inside = f"locales/{lang}/{folder}/{item.slug}.md"
    body = item.body
    if (ctx.root / inside).is_file():
        body = read_markdown(ctx, inside)
        if body is not None and opens_with_title(body):
            ctx.report(
                inside, "a lesson must not start with a '#' title (the page shows the title already)", 1
            )
    item.translations[lang] = {"title": title, "body": body}


def _translate_exercise(ctx: LoadContext, lang: str, folder: str, item: ItemSpec) -> None:
    exercise_type = ctx.registry.get(item.type_name or "")
    if item.config is None or exercise_type is None:
        return
    inside = f"{folder}/{item.slug}"
    doc = _overlay(ctx, lang, f"{inside}/exercise.toml", exercise_type.translatable)
    if doc is None:
        return
    markdown = ctx.root / "locales" / lang / inside
    checked = frozenset(exercise_type.markdown_texts(item.config))  # the original's links are checked already
    config, found = parse_exercise(
        ctx, exercise_type, inside, doc, markdown if markdown.is_dir() else None, checked
    )
    ctx.problems.extend(found)
    if config is not None:
        item.translations[lang] = {"title": doc.data.get("title", item.title), "config": config}
