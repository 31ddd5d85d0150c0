"""Loading a course package from disk: the entry point of validation and sync."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lms.core import confined
from lms.exercises.base import ReferenceCheck
from lms.exercises.problems import Problem
from lms.exercises.registry import ExerciseTypeRegistry, builtin_registry
from lms.packages.context import LoadContext
from lms.packages.course import check_requires, read_course
from lms.packages.model import CoursePackage, ItemSpec
from lms.packages.translations import read_translations
from lms.packages.units import read_units


def discover(courses_dir: Path | str) -> list[Path]:
    """Return the package folders (those with a course.toml) of a courses directory, sorted."""
    folder = Path(courses_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / "course.toml").is_file())


def package_files(root: Path) -> list[str]:
    """Return every file of a package as a relative POSIX path, sorted; hidden files and caches skipped."""
    files = []
    for path in root.rglob("*"):
        parts = path.relative_to(root).parts
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in parts):
            files.append("/".join(parts))
    return sorted(files)


def refused_entries(root: Path) -> list[Problem]:
    """Report every symbolic link (and any FIFO, socket or device) in a package, with its path.

    Links are refused even when they point inside the package: see lms/core/confined.py.
    """
    problems = []
    for name in confined.unsafe_entries(root):
        where = root / name
        if where.is_symlink():
            message = (
                f"symbolic links are not allowed in a package (this one points to {os.readlink(where)!r})"
            )
        else:
            message = "only regular files and folders are allowed in a package"
        problems.append(Problem(root.name if name == "." else f"{root.name}/{name}", None, message))
    return problems


def content_hash(root: Path) -> str:
    """Hash every file's path and bytes in a stable order: equal hashes mean equal packages."""
    digest = hashlib.sha256()
    for name in package_files(root):
        data = confined.read_bytes(root, name)  # never through a link (lms/core/confined.py)
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load_package(
    path: Path | str, registry: ExerciseTypeRegistry, installed_version: int | None = None
) -> tuple[CoursePackage | None, list[Problem]]:
    """Read and check a package; return it (None when course.toml is unreadable) and every problem.

    A package is returned even with problems so callers can show what they can, but the
    sync must refuse a package whose problem list is not empty.
    """
    root = Path(path)
    ctx = LoadContext(root, registry)
    if not root.is_dir():
        return None, [Problem(root.name, None, "not a package folder")]
    if links := refused_entries(root):
        # Nothing else is read: a link could make validation read (and show) a file outside.
        return None, links
    doc = ctx.toml("course.toml")
    if doc is None:
        return None, ctx.problems
    values = read_course(ctx, doc, installed_version)
    requires = {k: v for k, v in values.get("requires", {}).items() if isinstance(v, int)}
    units, used = read_units(ctx, doc, values.get("units", []), requires)
    check_requires(ctx, doc, values.get("requires", {}), used)
    translations = read_translations(ctx, values.get("language"), units)
    assets = [name for name in package_files(root) if name.startswith("assets/")]
    package = CoursePackage(
        slug=values.get("slug", root.name),
        schema=values.get("schema", 0),
        version=values.get("version", 0),
        title=values.get("title", ""),
        summary=values.get("summary", ""),
        language=values.get("language", ""),
        programme=values.get("programme", ""),
        audience=values.get("audience", []),
        level=values.get("level", ""),
        hours=values.get("hours", 0),
        self_enrol=values.get("self_enrol", False),
        requires=requires,
        units=units,
        assets=assets,
        content_hash=content_hash(root),
        translations=translations,
        root=root,
        lesson_completion=values.get("lesson_completion", "read"),
    )
    return package, ctx.problems


def reference_checks(item: ItemSpec, registry: ExerciseTypeRegistry | None = None) -> list[ReferenceCheck]:
    """Return the shipped submissions to grade through the sandbox: (label, submission, must pass).

    For python exercises: the solution must pass, the starter and each wrong answer must
    fail. Lessons, unparsed exercises and types without references give nothing.
    """
    if item.kind != "exercise" or item.config is None or item.type_name is None:
        return []
    exercise_type = (registry or builtin_registry()).get(item.type_name)
    return exercise_type.reference_submissions(item.config) if exercise_type is not None else []
