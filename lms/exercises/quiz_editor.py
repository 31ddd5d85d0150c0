"""The browser editor of quizzes: the settings form, and one form per question of any kind.

The core's generic part routes add, edit, reorder and remove questions one at a time (the
quiz's ``parts_key`` is ``questions``); this module only turns forms into config and back.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp

from lms.exercises.editing import EditorForm, number, text
from lms.exercises.questions import QUESTION_KINDS as SCORERS
from lms.packages.model import SLUG

SLUG_RE = re.compile(SLUG)

#: kind -> label shown to authors
QUESTION_KINDS = {
    "single": _l("Single choice"),
    "multiple": _l("Multiple choice"),
    "numeric": _l("Number (with a tolerance)"),
    "text": _l("Short text (accepted answers)"),
    "ordering": _l("Ordering (put items in order)"),
    "matching": _l("Matching (pair prompts with answers)"),
    "cloze": _l("Fill in the blanks (text, number or choice gaps)"),
}
#: review policy -> label shown to authors
REVIEW_LABELS = {
    "after-attempt": _l("After each attempt"),
    "after-passing": _l("Once passed (or no attempt left)"),
    "after-attempts": _l("After a number of attempts (or no attempt left)"),
    "after-due": _l("After the due date"),
    "never": _l("Never"),
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
    time_limit_minutes = IntegerField(
        _l("Time limit in minutes (0 = none)"),
        validators=[InputRequired(), NumberRange(min=0, max=1440, message=_l("Between 0 and 1440."))],
        description=_l("Checked by the server: answers sent after the limit are not graded."),
        render_kw={"dir": "ltr"},
    )
    review = SelectField(
        _l("Show right answers and explanations"),
        choices=[SelectChoice(value, label) for value, label in REVIEW_LABELS.items()],
    )
    review_after_attempts = IntegerField(
        _l("… after this many attempts"),
        validators=[Optional(), NumberRange(min=1, max=100, message=_l("Between 1 and 100."))],
        render_kw={"dir": "ltr"},
    )
    shuffle_questions = BooleanField(_l("Shuffle the questions for each attempt"))
    shuffle_choices = BooleanField(_l("Shuffle the choices for each attempt"))
    draw = TextAreaField(
        _l("Question bank: draw from tagged questions, one rule per line"),
        validators=[Optional()],
        description=_l(
            '"tag: count", e.g. "loops: 2" draws two questions tagged loops. Empty: every question.'
        ),
        render_kw={"dir": "ltr", "rows": 3, "spellcheck": "false"},
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
    tags = StringField(
        _l("Tags (for question banks, separated by spaces)"),
        validators=[Optional()],
        render_kw={"dir": "ltr", "spellcheck": "false"},
    )
    pairs = TextAreaField(
        _l("Pairs, one per line: prompt => answer"),
        validators=[Optional()],
        description=_l("Learners choose the answer of each prompt among all the answers, shuffled."),
        render_kw={"dir": "auto", "rows": 5},
    )
    distractors = TextAreaField(
        _l("Extra wrong answers, one per line (optional)"),
        validators=[Optional()],
        render_kw={"dir": "auto", "rows": 2},
    )
    gaps = TextAreaField(
        _l("Gaps, one per line"),
        validators=[Optional()],
        description=_l(
            "Write {{name}} in the question where a gap goes, then one line per gap: "
            '"name: text: answer | other accepted answer", "name: number: 3.5 ± 0.1" '
            'or "name: choice: *right | wrong | wrong".'
        ),
        render_kw={"dir": "ltr", "rows": 4, "spellcheck": "false"},
    )
    items = TextAreaField(
        _l("Items in their right order, one per line"),
        validators=[Optional()],
        description=_l("Learners see them shuffled and give each its place."),
        render_kw={"dir": "auto", "rows": 5},
    )


def settings_form(config: dict[str, Any], formdata: Any = None) -> QuizForm:
    from lms.exercises.quiz import OPTIONS

    options = {name: config.get(name, default) for name, default in OPTIONS.items()}
    options["draw"] = "\n".join(f"{rule['tag']}: {rule['count']}" for rule in options["draw"])
    options["review_after_attempts"] = options["review_after_attempts"] or None
    return QuizForm(formdata, data={**config, **options, "pass_mark": round(config["pass_mark"] * 100)})


def settings_from_form(config: dict[str, Any], form: QuizForm) -> tuple[dict[str, Any], list[str]]:
    """The quiz settings, and what is wrong with the bank's rules (translated)."""
    from lms.exercises.quiz import OPTIONS

    errors: list[str] = []
    draw = []
    for line in (form.draw.data or "").splitlines():
        if not line.strip():
            continue
        tag, _sep, count = line.partition(":")
        if not SLUG_RE.match(tag.strip()) or not count.strip().isdigit():
            errors.append(_("Bank rule “%(line)s”: write “tag: count”, e.g. “loops: 2”.", line=line.strip()))
            continue
        draw.append({"tag": tag.strip(), "count": int(count.strip())})
    review = form.review.data
    new = {
        **config,
        "intro": text(form.intro.data).strip(),
        "pass_mark": number(form.pass_mark.data / 100),
        "max_attempts": form.max_attempts.data,
        "draw": draw,
        "shuffle_questions": bool(form.shuffle_questions.data),
        "shuffle_choices": bool(form.shuffle_choices.data),
        "time_limit_minutes": form.time_limit_minutes.data or 0,
        "review": review,
        "review_after_attempts": (form.review_after_attempts.data or 1) if review == "after-attempts" else 0,
    }
    for name, default in OPTIONS.items():  # defaults are left out, as a package would leave them out
        if new[name] == default:
            del new[name]
    return new, errors


def question_form(kind: str, old: dict[str, Any] | None, config: dict[str, Any], formdata: Any = None):
    """Return the form of one question; a new one gets the first free id ``q<n>`` and 4 blank choices."""
    if old:
        data = {
            **old,
            "qid": old["id"],
            "accepted": "\n".join(old.get("accepted", [])),
            "items": "\n".join(old.get("items", [])),
            "tags": " ".join(old.get("tags") or []),
            "pairs": "\n".join(f"{p['left']} => {p['right']}" for p in old.get("pairs", [])),
            "distractors": "\n".join(old.get("distractors", [])),
            "gaps": "\n".join(gap_line(gap) for gap in old.get("gaps", [])),
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
        "tags": (form.tags.data or "").split(),
    }
    errors: list[str] = []
    bad_tags = [tag for tag in question["tags"] if not SLUG_RE.match(tag)]
    if bad_tags:
        errors.append(_("Tags use lowercase letters, digits and hyphens only."))
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
    elif kind == "matching":
        question["pairs"] = []
        for line in _lines(form.pairs.data):
            left, sep, right = line.partition("=>")
            if not sep:
                errors.append(_("Pair “%(line)s”: write “prompt => answer”.", line=line))
                continue
            question["pairs"].append({"left": left.strip(), "right": right.strip()})
        question["distractors"] = _lines(form.distractors.data)
    elif kind == "cloze":
        question["gaps"] = []
        for line in _lines(form.gaps.data):
            gap = gap_from_line(line)
            if gap is None:
                errors.append(_("Gap “%(line)s”: write “name: text|number|choice: answers”.", line=line))
            else:
                question["gaps"].append(gap)
    else:
        question["accepted"] = [
            line.strip() for line in (form.accepted.data or "").splitlines() if line.strip()
        ]
        question["case_sensitive"] = bool(form.case_sensitive.data)
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
        elif question["kind"] in ("matching", "cloze"):
            answers[question["id"]] = _parts(question, form, key)
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
    if all(position == 10_000 for position, _index, _id in placed):
        return []  # nothing placed: the question is not answered
    return [item_id for _position, _index, item_id in sorted(placed)]


def _parts(question: dict[str, Any], form: Any, key: str) -> dict[str, str]:
    """Read a matching question's ``q-<id>-p<n>`` or a cloze's ``q-<id>-<gap>`` fields (empty ones left out)."""
    names = (
        [f"p{n}" for n in range(1, len(question.get("pairs", [])) + 1)]
        if question["kind"] == "matching"
        else [gap["id"] for gap in question.get("gaps", [])]
    )
    values = {name: str(form.get(f"{key}-{name}", "")).strip() for name in names}
    return {name: value[:500] for name, value in values.items() if value}


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def gap_line(gap: dict[str, Any]) -> str:
    """One gap as the editor writes it: ``name: kind: answers``."""
    if gap["kind"] == "text":
        answers = " | ".join(gap.get("accepted", []))
        return f"{gap['id']}: text{' (case)' if gap.get('case_sensitive') else ''}: {answers}"
    if gap["kind"] == "number":
        tolerance = gap.get("tolerance", 0)
        return f"{gap['id']}: number: {gap.get('answer', 0):g}" + (f" ± {tolerance:g}" if tolerance else "")
    choices = " | ".join(("*" if c == gap.get("correct") else "") + c for c in gap.get("choices", []))
    return f"{gap['id']}: choice: {choices}"


def gap_from_line(line: str) -> dict[str, Any] | None:
    """Read ``name: kind: answers`` back (None: not that shape); the question's validation judges the rest."""
    from lms.exercises.questions import parse_number

    name, _sep, rest = line.partition(":")
    kind, sep, answers = rest.partition(":")
    kind, name = kind.strip(), name.strip()
    if not sep or not name:
        return None
    if kind in ("text", "text (case)"):
        accepted = [a.strip() for a in answers.split("|") if a.strip()]
        return {"id": name, "kind": "text", "accepted": accepted, "case_sensitive": kind != "text"}
    if kind == "number":
        value, _pm, tolerance = answers.replace("+/-", "±").partition("±")
        answer, slack = parse_number(value), parse_number(tolerance or "0")
        if answer is None or slack is None:
            return None
        return {"id": name, "kind": "number", "answer": number(answer), "tolerance": number(slack)}
    if kind == "choice":
        choices = [c.strip() for c in answers.split("|") if c.strip()]
        correct = next((c[1:].strip() for c in choices if c.startswith("*")), "")
        return {
            "id": name,
            "kind": "choice",
            "choices": [c.lstrip("*").strip() for c in choices],
            "correct": correct,
        }
    return None
