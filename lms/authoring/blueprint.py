"""The ``authoring`` blueprint and what every authoring view shares: admins only, a course, its draft."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, url_for
from markupsafe import Markup
from sqlalchemy import select

from lms.authoring.drafts import find_item, open_draft
from lms.authoring.models import CourseDraft
from lms.courses.models import Course
from lms.exercises.registry import ExerciseTypeRegistry
from lms.extensions import db
from lms.markdown import render_markdown
from lms.policy import Permission, require

bp = Blueprint("authoring", __name__, url_prefix="/admin/authoring")

#: every authoring route: anonymous visitors sign in, other roles get 403 (AUTHOR is admins' only)
author = require(Permission.AUTHOR)


def registry() -> ExerciseTypeRegistry:
    return current_app.extensions["exercise_types"]


def load(slug: str) -> tuple[Course, CourseDraft]:
    """Return the course and its draft, or 404."""
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
        abort(404)
    return course, open_draft(course)


def load_item(slug: str, item_slug: str) -> tuple[Course, CourseDraft, dict[str, Any], dict[str, Any]]:
    """Return the course, its draft, and the draft's unit and item, or 404."""
    course, draft = load(slug)
    try:
        unit, item = find_item(draft.document, item_slug)
    except LookupError:
        abort(404)
    return course, draft, unit, item


def preview_html(slug: str, text: str) -> Markup:
    """Render Markdown exactly as the player does, with asset links pointing at the course's files."""
    prefix = url_for("authoring.asset", slug=slug, filename="")
    return render_markdown(text or "", asset_url=lambda path: prefix + path.removeprefix("assets/"))


def apply_settings(item: dict[str, Any], form: Any) -> None:
    """Copy the fields every item has (title, required, weight) from a form."""
    item["title"] = form.title.data.strip()
    item["required"] = bool(form.required.data)
    weight = float(form.weight.data)
    item["weight"] = int(weight) if weight.is_integer() else weight
