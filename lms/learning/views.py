"""Catalogue, course outline and the player (lessons and exercises)."""

from __future__ import annotations

from functools import lru_cache

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import select

from lms.core.downloads import download
from lms.courses.models import Course, Item
from lms.dbtypes import utcnow
from lms.extensions import db, limiter
from lms.i18n import current_language, text_direction
from lms.learning import operations, progress
from lms.learning.catalogue import visible_courses_query
from lms.learning.models import Attempt, AttemptStatus
from lms.learning.outline import build_outline, unit_counts
from lms.markdown import render_markdown
from lms.policy import Permission, require
from lms.programmes.models import Programme

bp = Blueprint("learning", __name__, url_prefix="/courses")


def _visible_course(slug: str) -> Course:
    course = db.session.scalar(visible_courses_query(current_user).where(Course.slug == slug))
    if course is None:
        abort(404)
    return course


def _enrolled_course(slug: str) -> Course:
    """The course, if the learner may see it *and* is enrolled; 403 otherwise."""
    course = _visible_course(slug)
    if operations.find_enrolment(current_user, course) is None:
        abort(403)
    return course


def _item(course: Course, item_slug: str) -> Item:
    item = db.session.scalar(
        select(Item).where(Item.course_id == course.id, Item.slug == item_slug, Item.archived_at.is_(None))
    )
    if item is None:
        abort(404)
    return item


def _markdown(course: Course):
    """Render Markdown of this course's content; the result is cached (content is immutable per hash)."""
    prefix = url_for("learning.asset", slug=course.slug, filename="")
    return lambda text: cached_markdown(text or "", prefix)


@lru_cache(maxsize=2048)
def cached_markdown(text: str, asset_prefix: str) -> Markup:
    """The rendering of a text is a pure function of the text and the asset URL prefix."""
    return render_markdown(text, asset_url=lambda path: asset_prefix + path.removeprefix("assets/"))


@bp.get("/")
@require(Permission.LEARN)
def catalogue():
    """Courses for my role, filterable by programme, language and audience."""
    filters = {key: request.args.get(key, "") for key in ("programme", "language", "audience")}
    query = visible_courses_query(current_user).join(Programme)
    if filters["programme"]:
        query = query.where(Programme.code == filters["programme"])
    if filters["language"]:
        query = query.where(Course.language == filters["language"])
    if filters["audience"] == "teacher":
        query = query.where(Course.for_teachers.is_(True))
    elif filters["audience"] == "student":
        query = query.where(Course.for_students.is_(True))
    courses = db.session.scalars(query.order_by(Programme.id, Course.title)).all()
    enrolments = {e.course_id: e for e in operations.enrolments_for(current_user, [c.id for c in courses])}
    from lms.learning.outline import learner_courses

    progress = {card.course.id: card for card in learner_courses(current_user)}
    programmes = db.session.scalars(select(Programme).order_by(Programme.id)).all()
    return render_template(
        "learning/catalogue.html",
        courses=courses,
        filters=filters,
        programmes=programmes,
        enrolments=enrolments,
        progress=progress,
        units=unit_counts([c.id for c in courses]),
    )


@bp.get("/<slug>")
@require(Permission.LEARN)
def course(slug: str):
    course = _visible_course(slug)
    outline = build_outline(current_user, course)
    return render_template(
        "learning/course.html",
        course=course,
        outline=outline,
        content_dir=text_direction(operations.content_language(course, current_language())),
        enrol_form=FlaskForm(),
    )


@bp.post("/<slug>/enrol")
@require(Permission.LEARN)
def enrol(slug: str):
    course = _visible_course(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not course.self_enrol:
        flash(
            _("This course is followed through a teacher's class: ask your teacher for the class code."),
            "error",
        )
        return redirect(url_for("learning.course", slug=slug))
    operations.enrol(current_user, course)
    db.session.commit()
    flash(_("You are enrolled. Good learning!"), "success")
    return redirect(url_for("learning.course", slug=slug))


@bp.get("/<slug>/continue")
@require(Permission.LEARN)
def resume(slug: str):
    """Go to the first unfinished item: where the learner left off."""
    course = _enrolled_course(slug)
    item = build_outline(current_user, course).next_item()
    if item is None:
        return redirect(url_for("learning.course", slug=slug))
    return redirect(url_for("learning.item", slug=slug, item_slug=item.slug))


@bp.get("/<slug>/items/<item_slug>")
@require(Permission.LEARN)
def item(slug: str, item_slug: str):
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    outline = build_outline(current_user, course)
    state = outline.state_of(item)
    language = operations.content_language(course, current_language())
    context = {
        "course": course,
        "item": item,
        "outline": outline,
        "state": state,
        "language": language,
        "content_dir": text_direction(language),
        "markdown": _markdown(course),
        "form": FlaskForm(),
    }
    if state.locked:
        return render_template("learning/locked.html", **context), 403
    from lms.learning.progress import record_visit, visit_is_news

    if visit_is_news(state.row):  # most views write nothing, and keep the loaded objects fresh
        state.status = record_visit(current_user, item).status  # the page shows the visit it made
        db.session.commit()
    context["previous"], context["next"] = outline.neighbours(item)
    if item.is_lesson:
        return render_template("learning/lesson.html", **context)
    return render_template("learning/exercise.html", **context, **_exercise_context(item, language))


def _exercise_context(item: Item, language: str) -> dict:
    """What the type's learner template is given; a type not installed, or without one, is unavailable."""
    from lms.exercises.base import GradeResult
    from lms.exercises.templating import learner_template

    registry = current_app.extensions["exercise_types"]
    exercise_type = registry.get(item.exercise_type or "")
    config = item.config_in(language)
    template = learner_template(current_app.jinja_env, exercise_type)
    if exercise_type is None or config is None or template is None:
        return {"exercise_type": None, "exercise_template": None}
    opened = attempt_state = _open_attempt(item, exercise_type, config, language)
    attempts = db.session.scalars(
        select(Attempt)
        .where(Attempt.user_id == current_user.id, Attempt.item_id == item.id)
        .order_by(Attempt.number.desc())
    ).all()
    shown = None
    wanted = request.args.get("attempt", type=int)
    if wanted is not None:
        shown = next((a for a in attempts if a.id == wanted), None)
    max_attempts = int(config.get("max_attempts") or 0)
    attempts_left = None if not max_attempts else max(0, max_attempts - len(attempts))
    # A past attempt is shown as it was drawn; one drawn differently from the open attempt is read-only.
    review_only = shown is not None and shown.state is not None and shown.state != opened
    if shown is not None and shown.state is not None:
        attempt_state = shown.state
    config = exercise_type.attempt_config(config, (attempt_state or {}).get("state"))
    extra, review_shown = [], False
    if shown is not None and shown.status is AttemptStatus.GRADED:
        review = operations.review_context(current_user, item, list(attempts), attempts_left)
        review_shown = exercise_type.review_shown(config, review)
        if review_shown:
            result = GradeResult(shown.score or 0.0, bool(shown.passed), shown.feedback, {})
            extra = exercise_type.feedback_view(config, result)
    limit = exercise_type.time_limit(config)
    ends = operations.deadline(opened, limit)
    return {
        "exercise_type": exercise_type,
        "exercise_template": template,
        "public": exercise_type.public_view(config),
        "attempts": attempts,
        "shown": shown,
        "extra_feedback": extra,
        "explanations": {e["id"]: e for e in extra if isinstance(e, dict) and "id" in e},
        "review_shown": review_shown,
        "review_only": review_only,
        "attempts_left": attempts_left,
        "deadline": ends,
        "time_left": None if ends is None else max(0, int((ends - utcnow()).total_seconds())),
        "start_url": None
        if opened is not None or not limit or review_only
        else url_for("learning.start", slug=item.course.slug, item_slug=item.slug),
        "submit_url": url_for("learning.submit", slug=item.course.slug, item_slug=item.slug),
    }


def _open_attempt(item: Item, exercise_type, config: dict, language: str) -> dict | None:
    """The learner's open attempt (drawn now if the type keeps a state); a timed one past its time is closed."""
    if operations.expire_open_attempt(current_user, item, current_app.extensions["exercise_types"], language):
        db.session.commit()
        flash(_("The time was up: that attempt was recorded without answers."), "warning")
    row = progress.item_progress(current_user, item)
    before = row.open_attempt
    opened = operations.open_attempt(current_user, item, exercise_type, config, start=False, row=row)
    if opened is not before:
        db.session.commit()
    return opened


@bp.post("/<slug>/items/<item_slug>/start")
@require(Permission.LEARN)
def start(slug: str, item_slug: str):
    """Start a timed exercise: its clock (kept by the server) and its draw begin now."""
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    if item.is_lesson or not FlaskForm().validate_on_submit():
        abort(400)
    language = operations.content_language(course, current_language())
    exercise_type = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    config = item.config_in(language)
    if exercise_type is None or config is None:
        abort(404)
    operations.open_attempt(current_user, item, exercise_type, config, start=True)
    db.session.commit()
    return redirect(url_for("learning.item", slug=slug, item_slug=item_slug))


@bp.post("/<slug>/items/<item_slug>/done")
@require(Permission.LEARN)
def mark_done(slug: str, item_slug: str):
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        operations.mark_lesson_done(current_user, item)
    except operations.LearningError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("learning.item", slug=slug, item_slug=item_slug))
    db.session.commit()
    outline = build_outline(current_user, course)
    _, following = outline.neighbours(item)
    if outline.enrolment and outline.enrolment.completed_at and following is None:
        flash(_("Congratulations, you have completed the course!"), "success")
        return redirect(url_for("learning.course", slug=slug))
    if following is not None:
        return redirect(url_for("learning.item", slug=slug, item_slug=following.slug))
    return redirect(url_for("learning.course", slug=slug))


def _submitter_key() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else request.remote_addr or ""


@bp.post("/<slug>/items/<item_slug>/submit")
@require(Permission.LEARN)
@limiter.limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], key_func=_submitter_key)
def submit(slug: str, item_slug: str):
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    if item.is_lesson or not FlaskForm().validate_on_submit():
        abort(400)
    language = operations.content_language(course, current_language())
    submission = submission_from_form(item, language)
    try:
        attempt = operations.submit_exercise(
            current_user, item, submission, current_app.extensions["exercise_types"], language
        )
    except operations.LearningError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("learning.item", slug=slug, item_slug=item_slug))
    db.session.commit()
    if attempt.status is AttemptStatus.QUEUED:
        from lms.grading.queue import enqueue

        enqueue(attempt.id)
        db.session.refresh(attempt)
    if attempt.status in (AttemptStatus.QUEUED, AttemptStatus.RUNNING):
        flash(_("Your code is being tested. The result appears below in a few seconds."), "info")
    elif attempt.status is AttemptStatus.ERROR:
        flash(_("Your code is saved but could not be tested right now. Please try again later."), "error")
    elif (attempt.details or {}).get("late"):
        flash(_("The time was up before your answers arrived: they are kept but were not graded."), "error")
    elif attempt.passed:
        flash(_("Well done, you passed!"), "success")
    else:
        flash(_("Not passed yet: read the feedback below and try again."), "warning")
    return redirect(
        url_for("learning.item", slug=slug, item_slug=item_slug, attempt=attempt.id) + "#feedback"
    )


def submission_from_form(item: Item, language: str) -> dict:
    """Let the item's type read the posted form (never trusted: the type's grading checks it)."""
    exercise_type = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    config = item.config_in(language)
    if exercise_type is None or config is None:
        return {}
    submission = exercise_type.submission_from_form(config, request.form)
    return submission if isinstance(submission, dict) else {}


@bp.get("/<slug>/items/<item_slug>/attempts/<int:attempt_id>")
@require(Permission.LEARN)
def attempt_status(slug: str, item_slug: str, attempt_id: int):
    """The grading status of one of my attempts (polled by the exercise page while it is pending)."""
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id or attempt.item_id != item.id:
        abort(404)
    return jsonify(
        status=attempt.status.value,
        score=attempt.score,
        passed=attempt.passed,
        url=url_for("learning.item", slug=slug, item_slug=item_slug, attempt=attempt.id),
    )


@bp.get("/<slug>/assets/<path:filename>")
@require(Permission.LEARN)
@download(None)
def asset(slug: str, filename: str):
    """Serve a package asset to enrolled learners; only files the package declared, never a path trick."""
    from lms.core.confined import send_opened
    from lms.courses.assets import open_asset

    course = _enrolled_course(slug)
    # Uploaded in the browser, or shipped in the package; opened without following any link.
    opened = open_asset(course, f"assets/{filename}")
    if opened is None:
        abort(404)
    response = send_opened(opened, filename, max_age=3600)
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
