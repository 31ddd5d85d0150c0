"""The one route that serves exercise types' static files from their own folders."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_file

from lms.core.downloads import download
from lms.exercises.templating import static_file

bp = Blueprint("exercises", __name__, url_prefix="/exercise-types")


@bp.get("/<type_name>/<path:filename>")
@download(None)
def asset(type_name: str, filename: str):
    """Serve a file of a type's ``static/`` folder: public, like the app's own static files."""
    exercise_type = current_app.extensions["exercise_types"].get(type_name)
    path = static_file(exercise_type, filename) if exercise_type is not None else None
    if path is None:
        abort(404)
    response = send_file(path, max_age=3600, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
