"""The code exercise editor: statement, starter, reference solution, a wrong answer, tests, limits; Validate.

Validate runs the reference solution, the starter and the wrong answer in the real sandbox (the
solution must pass, the others must fail) and keeps the result with a fingerprint of the content,
so publishing can refuse an exercise changed since its last successful validation.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.attributes import flag_modified
from wtforms import BooleanField, DecimalField, FieldList, FormField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from lms.authoring import drafts, publishing
from lms.authoring.blueprint import author, bp, load_item, registry
from lms.authoring.forms import _TITLE, ConfirmForm, ItemSettingsMixin
from lms.authoring.item_views import apply_settings, preview_html
from lms.extensions import db
from lms.sandbox import SandboxUnavailable
from lms.sandbox.config import DEFAULT_MAX_LIMITS

#: blank test rows offered under the existing ones
SPARE_TESTS = 2
_CODE = {"render_kw": {"dir": "ltr", "rows": 10, "class": "code-source", "spellcheck": "false"}}


class TestForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField(_l("Name (shown to the learner)"), validators=[Optional()], render_kw={"dir": "auto"})
    call = StringField(
        _l("Expression to evaluate, e.g. somme(2, 3)"), validators=[Optional()], render_kw={"dir": "ltr"}
    )
    expected = StringField(
        _l("Expected value (a Python literal)"), validators=[Optional()], render_kw={"dir": "ltr"}
    )
    stdin = TextAreaField(_l("Standard input"), validators=[Optional()], render_kw={"dir": "ltr", "rows": 2})
    stdout = TextAreaField(
        _l("Expected standard output"), validators=[Optional()], render_kw={"dir": "ltr", "rows": 2}
    )
    hidden = BooleanField(_l("Hidden (the learner sees only its name and result)"))


class PythonForm(ItemSettingsMixin, FlaskForm):
    title = StringField(_l("Title"), **_TITLE)
    prompt = TextAreaField(
        _l("Statement (Markdown)"), render_kw={"dir": "auto", "rows": 10, "class": "markdown-source"}
    )
    starter = TextAreaField(_l("Starter code (must fail the tests)"), **_CODE)
    solution = TextAreaField(_l("Reference solution (must pass every test)"), **_CODE)
    wrong = TextAreaField(_l("A plausible wrong answer (must fail at least one test)"), **_CODE)
    tests = FieldList(FormField(TestForm), min_entries=0)
    cpu_seconds = DecimalField(
        _l("CPU seconds per test"),
        places=None,
        validators=[Optional(), NumberRange(min=0.1, max=DEFAULT_MAX_LIMITS.cpu_seconds)],
        render_kw={"dir": "ltr"},
    )
    memory_mb = DecimalField(
        _l("Memory (MB)"),
        places=None,
        validators=[Optional(), NumberRange(min=16, max=DEFAULT_MAX_LIMITS.memory_mb)],
        render_kw={"dir": "ltr"},
    )
    wall_seconds = DecimalField(
        _l("Wall-clock seconds"),
        places=None,
        validators=[Optional(), NumberRange(min=0.5, max=DEFAULT_MAX_LIMITS.wall_seconds)],
        render_kw={"dir": "ltr"},
    )


def _number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def _text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n")


def _config_from_form(form: PythonForm, old: dict[str, Any]) -> dict[str, Any]:
    tests = []
    for row in form.tests.entries:
        entry = row.form
        if not (entry.name.data or "").strip():
            continue
        test: dict[str, Any] = {"name": entry.name.data.strip()}
        for key in ("call", "expected"):
            value = (getattr(entry, key).data or "").strip()
            if value:
                test[key] = value
        if _text(entry.stdin.data):
            test["stdin"] = _text(entry.stdin.data)
        if _text(entry.stdout.data):
            test["stdout"] = _text(entry.stdout.data)
        test["hidden"] = bool(entry.hidden.data)
        for key in ("setup", "tolerance"):  # kept from a package; not edited here
            previous = next((t for t in old["tests"] if t["name"] == test["name"]), {})
            if previous.get(key) is not None:
                test[key] = previous[key]
        tests.append(test)
    wrong = dict(old["wrong"])
    first = sorted(wrong)[0] if wrong else "wrong/plausible.py"
    if _text(form.wrong.data).strip():
        wrong[first] = _text(form.wrong.data)
    else:
        wrong.pop(first, None)
    limits = {
        key: _number(getattr(form, key).data)
        for key in ("cpu_seconds", "memory_mb", "wall_seconds")
        if getattr(form, key).data is not None
    }
    return {
        **old,
        "prompt": _text(form.prompt.data),
        "starter": _text(form.starter.data),
        "solution": _text(form.solution.data),
        "wrong": wrong,
        "limits": limits,
        "tests": tests,
    }


def edit_python(course, draft, item):
    """Edit a python exercise (called by ``edit_item``); the type's own validation reports problems."""
    config = item["config"]
    wrong = config["wrong"][sorted(config["wrong"])[0]] if config["wrong"] else ""
    form = PythonForm(data={**item, **config, **config["limits"], "wrong": wrong})
    problems: list[str] = []
    if form.validate_on_submit():
        new_config = _config_from_form(form, config)
        doc = copy.deepcopy(draft.document)
        _unit, saved = drafts.find_item(doc, item["slug"])
        apply_settings(saved, form)
        saved["config"] = new_config
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Exercise saved in the draft. Validate it before publishing."), "success")
        return redirect(url_for("authoring.edit_item", slug=course.slug, item_slug=item["slug"]))
    if not form.errors:
        for _spare in range(SPARE_TESTS):
            form.tests.append_entry()
    problems = [p.message for p in registry().get("python").validate(config)]
    if not config["wrong"]:
        problems.append(_("At least one plausible wrong answer is needed."))
    live = {i["slug"]: i for u in publishing.course_document(course)["units"] for i in u["items"]}
    return render_template(
        "authoring/python.html",
        course=course,
        item=item,
        form=form,
        problems=problems,
        state=publishing.validation_state(course, item, live),
        validation=item.get("validation"),
        confirm=ConfirmForm(),
        prompt_preview=preview_html(course.slug, config["prompt"]),
    )


@bp.post("/<slug>/items/<item_slug>/validate")
@author
def validate_exercise(slug: str, item_slug: str):
    """Run the reference code in the sandbox now and remember the verdict for this exact content."""
    _course, draft, _unit, item = load_item(slug, item_slug)
    exercise_type = registry().get(item.get("exercise_type") or "")
    if exercise_type is None or not exercise_type.needs_sandbox:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug, _anchor="validation"))
    problems = exercise_type.validate(item["config"])
    if problems or not item["config"]["wrong"]:
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
