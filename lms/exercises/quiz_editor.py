"""The browser editor of quizzes: the settings form, and one form per question of any kind.

The core's generic part routes add, edit, reorder and remove questions one at a time (the
quiz's ``parts_key`` is ``questions``); this module only turns forms into config and back.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DecimalField, FieldList, FormField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp

from lms.exercises.editing import EditorForm, number, text
from lms.exercises.questions import QUESTION_KINDS as SCORERS
from lms.packages.model import SLUG

#: kind -> label shown to authors
QUESTION_KINDS = {
    "single": _l("Single choice"),
    "multiple": _l("Multiple choice"),
    "numeric": _l("Number (with a tolerance)"),
    "text": _l("Short text (accepted answers)"),
    "ordering": _l("Ordering (put items in order)"),
}
#: blank choice rows offered under the existing ones
SPARE_CHOICES = 2
NEW_CONFIG: dict[str, Any] = {"intro": "", "pass_mark": 0.7, "max_attempts": 0, "questions": []}


class QuizForm(EditorForm):
    intro = TextAreaField(
        _l("Introduction (Markdown, optional)"), validators=[Optional()], render_kw={"dir": "auto", "rows": 3}
    )
    pass_mark = IntegerField(
        _l("Pass mark (%)"),
        validators=[InputRequired(), NumberRange(min=1, max=100, message=_l("Between 1 and 100."))],
        render_kw={"dir": "ltr"},
    )
    max_attempts = IntegerField(
        _l("Attempts allowed (0 = unlimited)"),
        validators=[InputRequired(), NumberRange(min=0, max=100, message=_l("Between 0 and 100."))],
        render_kw={"dir": "ltr"},
    )


class ChoiceForm(EditorForm):
    text = StringField(_l("Choice"), validators=[Optional()], render_kw={"dir": "auto"})
    correct = BooleanField(_l("Correct"))


class QuestionForm(EditorForm):
    qid = StringField(
        _l("Identifier"),
        validators=[
            InputRequired(),
            Regexp(SLUG, message=_l("Use lowercase letters, digits and hyphens only.")),
        ],
        description=_l("Unique in the quiz, e.g. q1; it keeps translations attached."),
        render_kw={"dir": "ltr", "spellcheck": "false"},
    )
    text = TextAreaField(
        _l("Question (Markdown)"), validators=[InputRequired()], render_kw={"dir": "auto", "rows": 3}
    )
    points = DecimalField(
        _l("Points"),
        places=None,
        validators=[InputRequired(), NumberRange(min=0.01, max=100)],
        render_kw={"dir": "ltr"},
    )
    explanation = TextAreaField(
        _l("Explanation shown after answering (Markdown, optional)"),
        validators=[Optional()],
        render_kw={"dir": "auto", "rows": 2},
    )
    choices = FieldList(FormField(ChoiceForm), min_entries=0)
    answer = DecimalField(
        _l("Right answer"),
        places=None,
        validators=[Optional()],
        render_kw={"dir": "ltr", "inputmode": "decimal"},
    )
    tolerance = DecimalField(
        _l("Tolerance (±)"),
        places=None,
        validators=[Optional(), NumberRange(min=0)],
        render_kw={"dir": "ltr", "inputmode": "decimal"},
    )
    accepted = TextAreaField(
        _l("Accepted answers, one per line"),
        validators=[Optional()],
        description=_l("Accents, Arabic diacritics, spaces and (unless ticked below) case do not matter."),
        render_kw={"dir": "auto", "rows": 3},
    )
    case_sensitive = BooleanField(_l("Case matters"))
    items = TextAreaField(
        _l("Items in their right order, one per line"),
        validators=[Optional()],
        description=_l("Learners see them shuffled and give each its place."),
        render_kw={"dir": "auto", "rows": 5},
    )


def settings_form(config: dict[str, Any], formdata: Any = None) -> QuizForm:
    return QuizForm(formdata, data={**config, "pass_mark": round(config["pass_mark"] * 100)})


def settings_from_form(config: dict[str, Any], form: QuizForm) -> dict[str, Any]:
    return {
        **config,
        "intro": text(form.intro.data).strip(),
        "pass_mark": number(form.pass_mark.data / 100),
        "max_attempts": form.max_attempts.data,
    }


def question_form(kind: str, old: dict[str, Any] | None, config: dict[str, Any], formdata: Any = None):
    """Return the form of one question; a new one gets the first free id ``q<n>`` and 4 blank choices."""
    if old:
        data = {
            **old,
            "qid": old["id"],
            "accepted": "\n".join(old.get("accepted", [])),
            "items": "\n".join(old.get("items", [])),
        }
    else:
        taken = {q["id"] for q in config["questions"]}
        data = {"qid": next(f"q{n}" for n in range(1, 1000) if f"q{n}" not in taken), "points": 1}
    form = QuestionForm(formdata, data=data)
    if formdata is None and kind in ("single", "multiple"):
        for _spare in range(SPARE_CHOICES if old else 4):
            form.choices.append_entry()
    return form


def question_from_form(
    kind: str, form: QuestionForm, old: dict[str, Any] | None, config: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Return the question the form describes, and what is wrong with it (translated)."""
    question: dict[str, Any] = {
        "id": form.qid.data,
        "kind": kind,
        "text": text(form.text.data).strip(),
        "points": number(form.points.data),
        "explanation": text(form.explanation.data).strip(),
    }
    if kind in ("single", "multiple"):
        old_ids = [c["id"] for c in (old or {}).get("choices", [])]
        choices = []
        for index, row in enumerate(form.choices.entries):
            choice_text = (row.form.text.data or "").strip()
            if not choice_text:
                continue
            used = {c["id"] for c in choices}
            cid = old_ids[index] if index < len(old_ids) and old_ids[index] not in used else None
            if cid is None:
                cid = next(f"c{n}" for n in range(1, 1000) if f"c{n}" not in used and f"c{n}" not in old_ids)
            choices.append({"id": cid, "text": choice_text, "correct": bool(row.form.correct.data)})
        question["choices"] = choices
    elif kind == "numeric":
        question["answer"] = number(form.answer.data if form.answer.data is not None else 0)
        question["tolerance"] = number(form.tolerance.data or 0)
    elif kind == "ordering":
        question["items"] = [line.strip() for line in (form.items.data or "").splitlines() if line.strip()]
    else:
        question["accepted"] = [
            line.strip() for line in (form.accepted.data or "").splitlines() if line.strip()
        ]
        question["case_sensitive"] = bool(form.case_sensitive.data)
    errors: list[str] = []
    own_id = old["id"] if old else None
    if question["id"] != own_id and any(q["id"] == question["id"] for q in config["questions"]):
        errors.append(_("Another question already has this identifier."))
    errors += [message for message, _key in SCORERS[kind].validate(question)]
    if kind == "numeric" and form.answer.data is None:
        errors.append(_("Please give the right answer."))
    return question, errors


def answers_from_form(config: dict[str, Any], form: Any) -> dict[str, Any]:
    """Read the learner's answers: ``q-<id>`` fields, a list for multiple choice."""
    answers: dict[str, Any] = {}
    for question in config.get("questions", []):
        key = f"q-{question['id']}"
        if question["kind"] == "multiple":
            answers[question["id"]] = [str(v) for v in form.getlist(key)]
        elif question["kind"] == "ordering":
            answers[question["id"]] = _order(question, form, key)
        elif key in form:
            answers[question["id"]] = str(form.get(key, ""))
    return answers


def _order(question: dict[str, Any], form: Any, key: str) -> list[str]:
    """Read ``q-<id>-<item>`` places into the item keys in the learner's order (unplaced ones last)."""
    from lms.exercises.questions import ordering_items

    placed = []
    for index, item in enumerate(sorted(ordering_items(question), key=lambda i: i["id"])):
        position = str(form.get(f"{key}-{item['id']}", "")).strip()
        placed.append((int(position) if position.isdigit() else 10_000, index, item["id"]))
    return [item_id for _position, _index, item_id in sorted(placed)]
