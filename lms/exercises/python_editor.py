"""The browser editor of ``python`` exercises: its form, and the config the posted form describes.

Statement, starter, reference solution, one plausible wrong answer, tests and limits; the
reference code is run by the core's Validate (the type ``needs_sandbox``).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DecimalField, FieldList, FormField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from lms.exercises.editing import EditorForm, number, text
from lms.sandbox.config import DEFAULT_MAX_LIMITS

#: blank test rows offered under the existing ones
SPARE_TESTS = 2
_CODE = {"render_kw": {"dir": "ltr", "rows": 10, "class": "code-source", "spellcheck": "false"}}

NEW_CONFIG: dict[str, Any] = {
    "prompt": "",
    "starter": "",
    "solution": "",
    "wrong": {},
    "data": {},
    "packages": [],
    "limits": {},
    "tests": [],
}


class TestForm(EditorForm):
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


class PythonForm(EditorForm):
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


def editor_form(config: dict[str, Any], formdata: Any = None) -> PythonForm:
    """Return the editor's form for ``config``, bound to ``formdata`` when posted."""
    wrong = config["wrong"][sorted(config["wrong"])[0]] if config["wrong"] else ""
    form = PythonForm(formdata, data={**config, **config["limits"], "wrong": wrong})
    if formdata is None:
        for _spare in range(SPARE_TESTS):
            form.tests.append_entry()
    return form


def config_from_editor(old: dict[str, Any], form: PythonForm) -> dict[str, Any]:
    """Return the config the posted form describes; keys the editor does not show are kept."""
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
        if text(entry.stdin.data):
            test["stdin"] = text(entry.stdin.data)
        if text(entry.stdout.data):
            test["stdout"] = text(entry.stdout.data)
        test["hidden"] = bool(entry.hidden.data)
        for key in ("setup", "tolerance"):  # kept from a package; not edited here
            previous = next((t for t in old["tests"] if t["name"] == test["name"]), {})
            if previous.get(key) is not None:
                test[key] = previous[key]
        tests.append(test)
    wrong = dict(old["wrong"])
    first = sorted(wrong)[0] if wrong else "wrong/plausible.py"
    if text(form.wrong.data).strip():
        wrong[first] = text(form.wrong.data)
    else:
        wrong.pop(first, None)
    limits = {
        key: number(getattr(form, key).data)
        for key in ("cpu_seconds", "memory_mb", "wall_seconds")
        if getattr(form, key).data is not None
    }
    return {
        **old,
        "prompt": text(form.prompt.data),
        "starter": text(form.starter.data),
        "solution": text(form.solution.data),
        "wrong": wrong,
        "limits": limits,
        "tests": tests,
    }


def missing_wrong_answer(config: dict[str, Any]) -> list[str]:
    """Validation needs a wrong answer to fail: say so on the editor page."""
    return [] if config["wrong"] else [_("At least one plausible wrong answer is needed.")]
