"""Editing an exercise of any type: the core's page around the type's own editor, Validate, and preview.

The core keeps what every exercise shares (title, weight, required, the CSRF token, saving the draft,
the sandbox validation of types that run code) and asks the type for the rest: its editor form and
template, the config the form describes, what is still wrong. No type is named here.

Validate runs the reference submissions in the real sandbox (they must pass or fail as declared)
and keeps the result with a fingerprint of the content, so publishing can refuse an exercise
changed since its last successful validation.
"""

from __future__ import annotations

import copy
import random
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.attributes import flag_modified

from lms.authoring import drafts, publishing
from lms.authoring.blueprint import apply_settings, author, bp, load_item, preview_html, registry
from lms.authoring.forms import ConfirmForm, ItemSettingsForm, MoveForm
from lms.dbtypes import utcnow
from lms.exercises.templating import editor_template, learner_template, type_label
from lms.extensions import db
from lms.i18n import text_direction
from lms.learning.models import AttemptStatus
from lms.sandbox import SandboxUnavailable


def _markdown(slug: str):
    return lambda text: preview_html(slug, text or "")


def edit_exercise(course, draft, item: dict[str, Any]):
    """The item's settings and its type's editor (called by ``edit_item``); unavailable types say so."""
    exercise_type = registry().get(item.get("exercise_type") or "")
    template = editor_template(current_app.jinja_env, exercise_type)
    common = {
        "course": course,
        "item": item,
        "type_label": type_label(registry(), item.get("exercise_type")) or item.get("exercise_type"),
    }
    if exercise_type is None or template is None or item.get("config") is None:
        return render_template("authoring/exercise.html", unavailable=True, **common)
    config = item["config"]
    posted = request.method == "POST"
    settings = ItemSettingsForm(data=item)
    form = exercise_type.editor_form(config, request.form if posted else None)
    errors: list[str] = []
    if settings.validate_on_submit() and (form is None or form.validate()):
        new_config, errors = exercise_type.config_from_editor(config, form) if form else (config, [])
        if not errors:
            doc = copy.deepcopy(draft.document)
            _unit, saved = drafts.find_item(doc, item["slug"])
            apply_settings(saved, settings)
            saved["config"] = new_config
            drafts.save(draft, doc, current_user)
            db.session.commit()
            if exercise_type.needs_sandbox:
                flash(_("Exercise saved in the draft. Validate it before publishing."), "success")
            else:
                flash(_("Exercise saved in the draft."), "success")
            return redirect(url_for("authoring.edit_item", slug=course.slug, item_slug=item["slug"]))
    state = validation = None
    if exercise_type.needs_sandbox:
        live = {i["slug"]: i for u in publishing.course_document(course)["units"] for i in u["items"]}
        state, validation = publishing.validation_state(course, item, live), item.get("validation")
    return render_template(
        template,
        **common,
        exercise_type=exercise_type,
        config=config,
        settings=settings,
        form=form,
        errors=errors,
        problems=exercise_type.editor_problems(config),
        state=state,
        validation=validation,
        confirm=ConfirmForm(),
        move_form=MoveForm(),
        part_kinds=exercise_type.part_kinds(),
        markdown=_markdown(course.slug),
    )


@bp.post("/<slug>/items/<item_slug>/validate")
@author
def validate_exercise(slug: str, item_slug: str):
    """Run the reference code in the sandbox now and remember the verdict for this exact content."""
    _course, draft, _unit, item = load_item(slug, item_slug)
    exercise_type = registry().get(item.get("exercise_type") or "")
    if exercise_type is None or not exercise_type.needs_sandbox or item.get("config") is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug, _anchor="validation"))
    if exercise_type.editor_problems(item["config"]):
        flash(_("Fix the problems listed on this page before validating."), "error")
        return back
    try:
        result = publishing.validate_exercise(item, registry())
    except SandboxUnavailable:
        flash(
            _("The grading sandbox is not available on this server, so nothing could be validated."), "error"
        )
        return back
    doc = copy.deepcopy(draft.document)
    _u, saved = drafts.find_item(doc, item_slug)
    publishing.remember_validation(saved, result)
    draft.document = doc  # a validation is not an edit: the draft's date stays
    flag_modified(draft, "document")
    db.session.commit()
    if result.ok:
        flash(_("Validated: the solution passes, the starter and the wrong answer fail."), "success")
    else:
        flash(_("Validation failed: see the details below."), "error")
    return back


@bp.route("/<slug>/items/<item_slug>/learner-preview", methods=["GET", "POST"])
@author
def learner_preview(slug: str, item_slug: str):
    """Show the draft exercise exactly as a learner gets it; grade answers without recording anything.

    Types that run code in the sandbox are not graded here: their Validate button runs the code.
    """
    course, _draft, _unit, item = load_item(slug, item_slug)
    exercise_type = registry().get(item.get("exercise_type") or "")
    config = item.get("config")
    template = learner_template(current_app.jinja_env, exercise_type)
    if exercise_type is None or config is None:
        abort(404)
    form = ConfirmForm()
    shown, explanations, extra = None, {}, []
    # One draw (a bank, shuffled choices) per preview, carried by its seed so the answers grade against it.
    seed = request.args.get("seed", type=int)
    if seed is None:
        seed = random.SystemRandom().randrange(1, 10**9)
    config = exercise_type.attempt_config(config, exercise_type.new_state(config, random.Random(seed)))  # noqa: S311 - a preview's draw, replayed by its seed
    if template is not None and form.validate_on_submit():
        submission = exercise_type.submission_from_form(config, request.form)
        if exercise_type.needs_sandbox:
            flash(_("The preview does not run code: use Validate in the editor."), "info")
        elif (completed := _computed_for_preview(exercise_type, config)) is not None:
            result = exercise_type.grade(completed, submission)
            shown = SimpleNamespace(
                submission=submission,
                feedback=result.feedback,
                status=AttemptStatus.GRADED,
                score=result.score,
                passed=result.passed,
                id=None,
                number=1,
            )
            extra = exercise_type.feedback_view(config, result)
            explanations = {e["id"]: e for e in extra if "id" in e}
    limit = exercise_type.time_limit(config)
    max_attempts = int(config.get("max_attempts") or 0)
    return render_template(
        "authoring/learner_preview.html",
        course=course,
        item=SimpleNamespace(slug=item["slug"], title=item["title"]),
        draft_item=item,
        exercise_type=exercise_type,
        exercise_template=template,
        public=exercise_type.public_view(config),
        shown=shown,
        attempts=[],
        explanations=explanations,
        extra_feedback=extra,
        form=form,
        attempts_left=max_attempts if max_attempts else None,
        language=course.language,
        content_dir=text_direction(course.language),
        markdown=_markdown(course.slug),
        submit_url=url_for("authoring.learner_preview", slug=slug, item_slug=item_slug, seed=seed),
        pending=False,
        review_shown=True,
        review_only=False,
        start_url=None,
        deadline=None if not limit else utcnow() + timedelta(seconds=limit),
        time_left=limit,
    )


def _computed_for_preview(exercise_type, config: dict) -> dict | None:
    """The draft's config completed with what it computes in the sandbox (its answer key), or None.

    None, with a message, when the sandbox is unavailable or refuses the program: the preview then
    grades nothing rather than grade against no key.
    """
    from lms.grading.computed import app_cache, app_runner, complete_config

    try:
        completed, problems = complete_config(exercise_type, config, app_runner(), app_cache())
    except SandboxUnavailable:
        flash(
            _("The grading sandbox is not available on this server, so nothing could be validated."), "error"
        )
        return None
    if problems:
        for problem in problems:
            flash(problem.message, "error")
        return None
    return completed
