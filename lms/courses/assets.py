"""Where a course's asset files live: uploads under the instance folder, package files under COURSES_DIR.

Both the player and the export ask here, so an image uploaded in the browser is served and exported
exactly like one shipped in a package.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from lms.courses.models import Course


def uploads_root(slug: str) -> Path:
    """The folder holding a course's uploaded files (``<root>/assets/<name>``), under the instance folder."""
    base = current_app.config.get("AUTHORING_ASSETS_DIR") or str(
        Path(current_app.instance_path) / "authoring"
    )
    return Path(base) / slug


def asset_file(course: Course, path: str) -> Path | None:
    """Return the file behind a declared ``assets/…`` path of a course, uploads first; None if absent."""
    if path not in (course.assets or []) or ".." in path.split("/"):
        return None
    for root in (uploads_root(course.slug), Path(current_app.config["COURSES_DIR"]) / course.slug):
        candidate = root / path
        if candidate.is_file():
            return candidate
    return None
