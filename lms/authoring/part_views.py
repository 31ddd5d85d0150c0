"""Parts of an exercise edited one at a time (e.g. questions): added, edited, reordered, removed.

Which config key holds the parts, their kinds, forms and templates belong to the type
(``parts_key``, ``part_kinds()``, ``part_form()``, ``part_from_form()``, ``part.html``); the core
keeps the routes, the CSRF check and the draft. Every part is a dict with an ``id`` and a ``kind``.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import drafts
from lms.authoring.blueprint import author, bp, load_item, preview_html, registry
from lms.authoring.forms import ConfirmForm, MoveForm
from lms.exercises.base import ExerciseType
from lms.exercises.templating import has_template, template_name
from lms.extensions import db


def _parts_of(item: dict[str, Any]) -> tuple[ExerciseType, str, list[dict[str, Any]]]:
    """Return the item's type, its parts key and its parts; 404 when the type has none."""
    exercise_type = registry().get(item.get("exercise_type") or "")
    key = exercise_type.parts_key if exercise_type is not None else None
    if exercise_type is None or key is None or not isinstance(item.get("config"), dict):
        abort(404)
    return exercise_type, key, item["config"].get(key, [])


@bp.route("/<slug>/items/<item_slug>/parts/<part_id>", methods=["GET", "POST"])
@author
def edit_part(slug: str, item_slug: str, part_id: str):
    """Edit one part; ``new`` as the id adds a part of the kind in ``?kind=``."""
    course, draft, _unit, item = load_item(slug, item_slug)
    exercise_type, key, parts = _parts_of(item)
    old = next((p for p in parts if p.get("id") == part_id), None)
    if old is None and part_id != "new":
        abort(404)
    kinds = exercise_type.part_kinds()
    kind = old["kind"] if old else request.args.get("kind", next(iter(kinds), ""))
    if kind not in kinds or not has_template(
        current_app.jinja_env, exercise_type, exercise_type.part_template
    ):
        abort(404)
    config = item["config"]
    posted = request.method == "POST"
    form = exercise_type.part_form(kind, old, config, request.form if posted else None)
    errors: list[str] = []
    if ConfirmForm().validate_on_submit() and form.validate():
        part, errors = exercise_type.part_from_form(kind, form, old, config)
        if not errors:
            doc = copy.deepcopy(draft.document)
            _u, saved = drafts.find_item(doc, item_slug)
            saved_parts = saved["config"].setdefault(key, [])
            if old:
                saved_parts[[p["id"] for p in saved_parts].index(part_id)] = part
            else:
                saved_parts.append(part)
            drafts.save(draft, doc, current_user)
            db.session.commit()
            flash(_("Saved in the draft."), "success")
            return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug))
    return render_template(
        template_name(exercise_type, exercise_type.part_template),
        course=course,
        item=item,
        form=form,
        kind=kind,
        kind_label=kinds[kind],
        errors=errors,
        is_new=old is None,
        markdown=lambda text: preview_html(slug, text or ""),
    )


@bp.post("/<slug>/items/<item_slug>/parts/<part_id>/move")
@author
def move_part(slug: str, item_slug: str, part_id: str):
    _course, draft, _unit, item = load_item(slug, item_slug)
    _type, key, _parts = _parts_of(item)
    form = MoveForm()
    doc = copy.deepcopy(draft.document)
    _u, saved = drafts.find_item(doc, item_slug)
    parts = saved["config"].get(key, [])
    ids = [p.get("id") for p in parts]
    if part_id not in ids:
        abort(404)
    index = ids.index(part_id)
    target = index + (form.delta if form.validate_on_submit() else 0)
    if 0 <= target < len(parts) and target != index:
        parts[index], parts[target] = parts[target], parts[index]
        drafts.save(draft, doc, current_user)
        db.session.commit()
    return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug, _anchor=f"part-{part_id}"))


@bp.post("/<slug>/items/<item_slug>/parts/<part_id>/remove")
@author
def remove_part(slug: str, item_slug: str, part_id: str):
    _course, draft, _unit, item = load_item(slug, item_slug)
    _type, key, parts = _parts_of(item)
    if not any(p.get("id") == part_id for p in parts):
        abort(404)
    if ConfirmForm().validate_on_submit():
        doc = copy.deepcopy(draft.document)
        _u, saved = drafts.find_item(doc, item_slug)
        saved["config"][key] = [p for p in saved["config"][key] if p.get("id") != part_id]
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Removed from the draft."), "success")
    return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug))
