"""Where a course's asset files live: uploads under the instance folder, package files under COURSES_DIR.

Both the player and the export ask here, so an image uploaded in the browser is served and exported
exactly like one shipped in a package. Files are opened through ``lms.core.confined``: no link below
the courses folder or the uploads folder is ever followed, even one swapped in after the sync.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from flask import current_app

from lms.core import confined
from lms.courses.models import Course


def uploads_root(slug: str) -> Path:
    """The folder holding a course's uploaded files (``<root>/assets/<name>``), under the instance folder."""
    base = current_app.config.get("AUTHORING_ASSETS_DIR") or str(
        Path(current_app.instance_path) / "authoring"
    )
    return Path(base) / slug


def asset_roots(slug: str) -> list[tuple[Path, str]]:
    """The (trusted base folder, path below it) pairs where a course's assets may be, uploads first."""
    uploads = current_app.config.get("AUTHORING_ASSETS_DIR") or str(
        Path(current_app.instance_path) / "authoring"
    )
    return [(Path(uploads), slug), (Path(current_app.config["COURSES_DIR"]), slug)]


def open_declared(slug: str, declared: list[str], path: str) -> BinaryIO | None:
    """Open a declared ``assets/…`` file of a course or draft, uploads first; None if absent or refused."""
    if path not in declared or not path.startswith("assets/"):
        return None
    for base, below in asset_roots(slug):
        try:
            return confined.open_file(base, f"{below}/{path}")
        except confined.Refused:
            continue
    return None


def open_asset(course: Course, path: str) -> BinaryIO | None:
    """Open the file behind a declared ``assets/…`` path of a course (the caller closes it)."""
    return open_declared(course.slug, list(course.assets or []), path)
