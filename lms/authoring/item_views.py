"""Editing one item: lessons with their live preview; exercises go to their type's editor.

The preview is rendered by :func:`lms.markdown.render_markdown`, the player's renderer and
sanitiser, so what the author sees is what the learner gets, scripts and event handlers removed.
"""

from __future__ import annotations

import copy

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import drafts
from lms.authoring.blueprint import apply_settings, author, bp, load, load_item, preview_html
from lms.authoring.exercise_views import edit_exercise
from lms.authoring.forms import LessonForm, PreviewForm
from lms.authoring.uploads import UploadForm
from lms.extensions import db


@bp.route("/<slug>/items/<item_slug>", methods=["GET", "POST"])
@author
def edit_item(slug: str, item_slug: str):
    course, draft, _unit, item = load_item(slug, item_slug)
    if item["kind"] == "lesson":
        return _edit_lesson(course, draft, item)
    return edit_exercise(course, draft, item)


def _edit_lesson(course, draft, item):
    form = LessonForm(data=item)
    preview = None
    if form.validate_on_submit():
        if "preview" in request.form:  # the no-script preview: render, keep the text in the form
            preview = preview_html(course.slug, form.body.data)
        else:
            doc = copy.deepcopy(draft.document)
            _unit, saved = drafts.find_item(doc, item["slug"])
            apply_settings(saved, form)
            saved["body"] = (form.body.data or "").replace("\r\n", "\n")
            drafts.save(draft, doc, current_user)
            db.session.commit()
            flash(_("Lesson saved in the draft."), "success")
            return redirect(url_for("authoring.edit_item", slug=course.slug, item_slug=item["slug"]))
    elif request.method == "GET":
        preview = preview_html(course.slug, item["body"] or "")
    return render_template(
        "authoring/lesson.html",
        course=course,
        item=item,
        form=form,
        preview=preview,
        preview_form=PreviewForm(),
        upload_form=UploadForm(),
        assets=draft.document["assets"],
    )


@bp.post("/<slug>/preview")
@author
def preview(slug: str):
    """Return the sanitised HTML of posted Markdown, for the editor's live preview (CSRF-checked)."""
    course, _draft = load(slug)
    form = PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    html = str(preview_html(course.slug, form.text.data or ""))
    return html, 200, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}
