"""Editing one item: the dispatcher, lessons with their live preview, and reflections.

The preview is rendered by :func:`lms.markdown.render_markdown`, the player's renderer and
sanitiser, so what the author sees is what the learner gets, scripts and event handlers removed.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange

from lms.authoring import drafts
from lms.authoring.blueprint import author, bp, load, load_item
from lms.authoring.forms import _TITLE, ItemSettingsMixin, LessonForm, PreviewForm
from lms.extensions import db
from lms.markdown import render_markdown


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


@bp.route("/<slug>/items/<item_slug>", methods=["GET", "POST"])
@author
def edit_item(slug: str, item_slug: str):
    course, draft, _unit, item = load_item(slug, item_slug)
    if item["kind"] == "lesson":
        return _edit_lesson(course, draft, item)
    if item["exercise_type"] == "quiz":
        from lms.authoring.quiz_views import edit_quiz

        return edit_quiz(course, draft, item)
    if item["exercise_type"] == "python":
        from lms.authoring.code_views import edit_python

        return edit_python(course, draft, item)
    if item["exercise_type"] == "reflection":
        return _edit_reflection(course, draft, item)
    abort(404)


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
    from lms.authoring.uploads import UploadForm

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


class ReflectionForm(ItemSettingsMixin, FlaskForm):
    title = StringField(_l("Title"), **_TITLE)
    prompt = TextAreaField(
        _l("Question (Markdown)"),
        validators=[InputRequired()],
        render_kw={"dir": "auto", "rows": 12, "class": "markdown-source"},
    )
    min_words = IntegerField(
        _l("Minimum number of words"),
        validators=[InputRequired(), NumberRange(min=1, max=5000)],
        render_kw={"dir": "ltr"},
    )


def _edit_reflection(course, draft, item):
    form = ReflectionForm(data={**item, **item["config"]})
    if form.validate_on_submit():
        doc = copy.deepcopy(draft.document)
        _unit, saved = drafts.find_item(doc, item["slug"])
        apply_settings(saved, form)
        saved["config"] = {"prompt": form.prompt.data.replace("\r\n", "\n"), "min_words": form.min_words.data}
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Reflection saved in the draft."), "success")
        return redirect(url_for("authoring.edit_item", slug=course.slug, item_slug=item["slug"]))
    return render_template(
        "authoring/reflection.html",
        course=course,
        item=item,
        form=form,
        preview=preview_html(course.slug, form.prompt.data or ""),
        preview_form=PreviewForm(),
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
