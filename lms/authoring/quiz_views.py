"""The quiz editor: settings, questions of each kind (added, edited, reordered, removed), learner preview."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.authoring import drafts
from lms.authoring.blueprint import author, bp, load_item, registry
from lms.authoring.forms import ConfirmForm, MoveForm
from lms.authoring.item_views import apply_settings, preview_html
from lms.authoring.quiz_forms import QUESTION_KINDS as KIND_LABELS
from lms.authoring.quiz_forms import SPARE_CHOICES, NewQuestionForm, QuestionForm, QuizForm
from lms.exercises.questions import QUESTION_KINDS
from lms.extensions import db
from lms.i18n import text_direction
from lms.learning.models import AttemptStatus


def _number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def edit_quiz(course, draft, item):
    """Settings form and the list of questions (called by ``edit_item``)."""
    config = item["config"]
    data = {**item, **config, "pass_mark": round(config["pass_mark"] * 100)}
    form = QuizForm(data=data)
    if form.validate_on_submit():
        doc = copy.deepcopy(draft.document)
        _unit, saved = drafts.find_item(doc, item["slug"])
        apply_settings(saved, form)
        saved["config"]["intro"] = (form.intro.data or "").replace("\r\n", "\n").strip()
        saved["config"]["pass_mark"] = _number(form.pass_mark.data / 100)
        saved["config"]["max_attempts"] = form.max_attempts.data
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Quiz saved in the draft."), "success")
        return redirect(url_for("authoring.edit_item", slug=course.slug, item_slug=item["slug"]))
    problems = [p.message for p in registry().get("quiz").validate(config)] if config["questions"] else []
    return render_template(
        "authoring/quiz.html",
        course=course,
        item=item,
        form=form,
        new_form=NewQuestionForm(),
        move_form=MoveForm(),
        confirm=ConfirmForm(),
        problems=problems,
        kinds=dict(KIND_LABELS),
    )


def _question_from_form(form: QuestionForm, kind: str, old: dict[str, Any] | None) -> dict[str, Any]:
    question: dict[str, Any] = {
        "id": form.qid.data,
        "kind": kind,
        "text": form.text.data.replace("\r\n", "\n").strip(),
        "points": _number(form.points.data),
        "explanation": (form.explanation.data or "").replace("\r\n", "\n").strip(),
    }
    if kind in ("single", "multiple"):
        old_ids = [c["id"] for c in (old or {}).get("choices", [])]
        choices = []
        for index, row in enumerate(form.choices.entries):
            text = (row.form.text.data or "").strip()
            if not text:
                continue
            used = {c["id"] for c in choices}
            cid = old_ids[index] if index < len(old_ids) and old_ids[index] not in used else None
            if cid is None:
                cid = next(f"c{n}" for n in range(1, 1000) if f"c{n}" not in used and f"c{n}" not in old_ids)
            choices.append({"id": cid, "text": text, "correct": bool(row.form.correct.data)})
        question["choices"] = choices
    elif kind == "numeric":
        question["answer"] = _number(form.answer.data if form.answer.data is not None else 0)
        question["tolerance"] = _number(form.tolerance.data or 0)
    else:
        question["accepted"] = [
            line.strip() for line in (form.accepted.data or "").splitlines() if line.strip()
        ]
        question["case_sensitive"] = bool(form.case_sensitive.data)
    return question


@bp.route("/<slug>/items/<item_slug>/questions/<qid>", methods=["GET", "POST"])
@author
def edit_question(slug: str, item_slug: str, qid: str):
    """Edit one question; ``new`` as the id adds a question of the kind in ``?kind=``."""
    course, draft, _unit, item = load_item(slug, item_slug)
    if item.get("exercise_type") != "quiz":
        abort(404)
    questions = item["config"]["questions"]
    old = next((q for q in questions if q["id"] == qid), None)
    if old is None and qid != "new":
        abort(404)
    kind = old["kind"] if old else request.args.get("kind", "single")
    if kind not in QUESTION_KINDS:
        abort(404)
    if old:
        data = {**old, "qid": old["id"], "accepted": "\n".join(old.get("accepted", []))}
    else:
        data = {
            "qid": next(f"q{n}" for n in range(1, 1000) if f"q{n}" not in {q["id"] for q in questions}),
            "points": 1,
        }
    form = QuestionForm(data=data)
    if request.method == "GET" and kind in ("single", "multiple"):
        for _spare in range(SPARE_CHOICES if old else 4):
            form.choices.append_entry()
    errors: list[str] = []
    if form.validate_on_submit():
        question = _question_from_form(form, kind, old)
        if question["id"] != qid and any(q["id"] == question["id"] for q in questions):
            errors.append(_("Another question already has this identifier."))
        errors += [message for message, _key in QUESTION_KINDS[kind].validate(question)]
        if kind == "numeric" and form.answer.data is None:
            errors.append(_("Please give the right answer."))
        if not errors:
            doc = copy.deepcopy(draft.document)
            _u, saved = drafts.find_item(doc, item_slug)
            saved_questions = saved["config"]["questions"]
            if old:
                saved_questions[[q["id"] for q in saved_questions].index(qid)] = question
            else:
                saved_questions.append(question)
            drafts.save(draft, doc, current_user)
            db.session.commit()
            flash(_("Question saved in the draft."), "success")
            return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug))
    return render_template(
        "authoring/question.html",
        course=course,
        item=item,
        form=form,
        kind=kind,
        errors=errors,
        is_new=old is None,
    )


@bp.post("/<slug>/items/<item_slug>/questions/<qid>/move")
@author
def move_question(slug: str, item_slug: str, qid: str):
    _course, draft, _unit, _item = load_item(slug, item_slug)
    form = MoveForm()
    doc = copy.deepcopy(draft.document)
    _u, saved = drafts.find_item(doc, item_slug)
    questions = (saved.get("config") or {}).get("questions", [])
    ids = [q["id"] for q in questions]
    if qid not in ids:
        abort(404)
    index, target = ids.index(qid), ids.index(qid) + (form.delta if form.validate_on_submit() else 0)
    if 0 <= target < len(questions) and target != index:
        questions[index], questions[target] = questions[target], questions[index]
        drafts.save(draft, doc, current_user)
        db.session.commit()
    return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug, _anchor=f"question-{qid}"))


@bp.post("/<slug>/items/<item_slug>/questions/<qid>/remove")
@author
def remove_question(slug: str, item_slug: str, qid: str):
    _course, draft, _unit, _item = load_item(slug, item_slug)
    doc = copy.deepcopy(draft.document)
    _u, saved = drafts.find_item(doc, item_slug)
    questions = (saved.get("config") or {}).get("questions", [])
    if not any(q["id"] == qid for q in questions):
        abort(404)
    if ConfirmForm().validate_on_submit():
        saved["config"]["questions"] = [q for q in questions if q["id"] != qid]
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Question removed from the draft."), "success")
    return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item_slug))


@bp.route("/<slug>/items/<item_slug>/learner-preview", methods=["GET", "POST"])
@author
def learner_preview(slug: str, item_slug: str):
    """Show the quiz exactly as a learner gets it, and grade answers without recording anything."""
    course, _draft, _unit, item = load_item(slug, item_slug)
    if item.get("exercise_type") != "quiz":
        abort(404)
    quiz = registry().get("quiz")
    config = item["config"]
    form = ConfirmForm()
    shown, explanations = None, {}
    if form.validate_on_submit():
        answers: dict[str, Any] = {}
        for question in config["questions"]:
            key = f"q-{question['id']}"
            if question["kind"] == "multiple":
                answers[question["id"]] = request.form.getlist(key)
            elif key in request.form:
                answers[question["id"]] = request.form.get(key, "")
        result = quiz.grade(config, {"answers": answers})
        shown = SimpleNamespace(
            submission={"answers": answers},
            feedback=result.feedback,
            status=AttemptStatus.GRADED,
            score=result.score,
            passed=result.passed,
        )
        explanations = {e["id"]: e for e in quiz.feedback_view(config, result)}
    max_attempts = int(config.get("max_attempts") or 0)
    return render_template(
        "authoring/learner_preview.html",
        course=course,
        item=SimpleNamespace(slug=item["slug"], title=item["title"]),
        draft_item=item,
        public=quiz.public_view(config),
        shown=shown,
        explanations=explanations,
        form=form,
        attempts_left=max_attempts if max_attempts else None,
        language=course.language,
        content_dir=text_direction(course.language),
        markdown=lambda text: preview_html(course.slug, text),
        submit_url=url_for("authoring.learner_preview", slug=slug, item_slug=item_slug),
    )
