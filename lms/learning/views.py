"""Catalogue, course outline and the player (lessons and exercises)."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from lms.core.downloads import download
from lms.courses.models import Course, Item
from lms.dbtypes import utcnow
from lms.extensions import db, limiter
from lms.i18n import current_language, isolate, text_direction
from lms.learning import drafts, operations, progress, signals
from lms.learning.catalogue import visible_courses_query
from lms.learning.fragments import outline_unit_renderer
from lms.learning.models import Attempt, AttemptStatus, ItemStatus
from lms.learning.outline import build_outline, unit_counts
from lms.learning.structure import ItemInfo, structure_of
from lms.markdown import render_markdown
from lms.policy import Permission, require
from lms.programmes.models import Programme

bp = Blueprint("learning", __name__, url_prefix="/courses")


def _visible_course(slug: str, *options) -> Course:
    query = visible_courses_query(current_user).where(Course.slug == slug)
    course = db.session.scalar(query.options(*options) if options else query)
    if course is None:
        abort(404)
    return course


def _enrolled_course(slug: str) -> Course:
    """The course, if the learner may see it *and* is enrolled; 403 otherwise."""
    course = _visible_course(slug)
    if operations.find_enrolment(current_user, course) is None:
        abort(403)
    return course


def _not_enrolled(course: Course):
    """Opening an item of a course one is not enrolled in leads to the course page and its "Enrol"."""
    if course.self_enrol:
        flash(_("Enrol in this course to open its lessons and exercises."), "info")
    else:
        flash(
            _("This course is followed through a teacher's class: ask your teacher for the class code."),
            "info",
        )
    return redirect(url_for("learning.course", slug=course.slug))


def _item(course: Course, item_slug: str) -> Item:
    item = db.session.scalar(
        select(Item).where(Item.course_id == course.id, Item.slug == item_slug, Item.archived_at.is_(None))
    )
    if item is None:
        abort(404)
    return item


def _item_info(course: Course, item_slug: str) -> ItemInfo:
    """The live item from the course's shared structure, for what a page sends while the learner works
    (time in view, drafts): those requests need its ids and unit, not its body or configuration."""
    item = structure_of(course).by_slug.get(item_slug)
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
    course = _visible_course(slug, joinedload(Course.programme))  # its badge: no second round trip
    outline = build_outline(current_user, course)
    language = current_language()
    content_dir = text_direction(operations.content_language(course, language))
    return render_template(
        "learning/course.html",
        course=course,
        outline=outline,
        content_dir=content_dir,
        enrol_form=FlaskForm(),
        outline_unit=outline_unit_renderer(
            course, outline.structure_stamp, language, content_dir, outline.enrolment is not None
        ),
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
    """Go back to the item the learner opened last; without one, to the first unfinished item."""
    course = _visible_course(slug)
    outline = build_outline(current_user, course)
    if outline.enrolment is None:
        return _not_enrolled(course)
    last = outline.enrolment.last_item_id
    state = next((s for u in outline.units for s in u.items if s.item.id == last), None) if last else None
    item = state.item if state is not None and not state.locked else outline.next_item()
    if item is None:
        return redirect(url_for("learning.course", slug=slug))
    return redirect(url_for("learning.item", slug=slug, item_slug=item.slug))


@bp.get("/<slug>/items/<item_slug>")
@require(Permission.LEARN)
def item(slug: str, item_slug: str):
    course = _visible_course(slug)
    item = _item(course, item_slug)
    outline = build_outline(current_user, course)
    if outline.enrolment is None:
        return _not_enrolled(course)
    state = outline.state_of(item)
    language = operations.item_language(course, item, current_language())
    context = {
        "course": course,
        "item": item,
        "outline": outline,
        # The breadcrumb's unit from the shared structure: no query for the item's unit row.
        "unit_info": next((u.unit for u in outline.units if u.unit.id == item.unit_id), None),
        "state": state,
        "language": language,
        "content_dir": text_direction(language),
        "markdown": _markdown(course),
        "form": FlaskForm(),
    }
    if state.locked:
        return render_template("learning/locked.html", **context), 403
    from lms.learning.progress import record_visit, visit_is_news

    changed = outline.enrolment.last_item_id != item.id
    progress.remember_last_item(outline.enrolment, item)
    if visit_is_news(state.row):  # most views write nothing, and keep the loaded objects fresh
        state.status = record_visit(current_user, item).status  # the page shows the visit it made
        changed = True
    if item.is_lesson and course.lesson_completion == "open" and state.status is not ItemStatus.COMPLETED:
        with _milestones() as reached:
            operations.mark_lesson_done(current_user, item)
        state.status = ItemStatus.COMPLETED
        _flash_milestones(course, reached)
        changed = True
    stashed = drafts.take_stashed_work(current_user, item, request.path) if not item.is_lesson else None
    if changed or stashed is not None:
        db.session.commit()
    context["previous"], context["next"] = outline.neighbours(item)
    context["completion_url"] = (
        url_for("learning.complete", slug=slug) if outline.enrolment.completed_at else None
    )
    if item.is_lesson:
        return render_template("learning/lesson.html", **context)
    exercise = _exercise_context(item, language)
    shown = exercise.get("shown")
    unit_state = next(u for u in outline.units if any(s.item.id == item.id for s in u.items))
    if shown is not None and shown.passed:
        # The result page of the passing attempt that finished the unit (or the course) says so.
        if unit_state.completed_at and unit_state.completed_at >= shown.submitted_at:
            context["unit_finished"] = unit_state.unit
        completed_at = outline.enrolment.completed_at
        context["course_finished"] = bool(completed_at and completed_at >= shown.submitted_at)
    return render_template(
        "learning/exercise.html", **context, **exercise, draft=_draft_context(item, exercise)
    )


def _draft_context(item: Item, exercise: dict) -> dict | None:
    """What the page needs to keep and restore the learner's typed work (None: nothing to keep)."""
    if exercise.get("exercise_template") is None:
        return None
    draft = drafts.find_draft(current_user, item)
    attempts = exercise.get("attempts") or []
    latest = attempts[0] if attempts else None
    return {
        "url": url_for("learning.save_draft", slug=item.course.slug, item_slug=item.slug),
        "key": f"maharat-draft:{current_user.id}:{item.id}",
        "latest_attempt": latest.id if latest else 0,
        # A draft older than the latest attempt was submitted: the attempt shows that work.
        "fields": draft.fields
        if draft and (latest is None or draft.updated_at > latest.submitted_at)
        else None,
        "saved_ms": int(draft.updated_at.timestamp() * 1000) if draft else 0,
    }


@contextmanager
def _milestones() -> Iterator[dict]:
    """Collect the units and the course an operation completes (the progress signals say so exactly)."""
    reached: dict = {"units": [], "course": False}

    def on_unit(sender, unit, **_kwargs) -> None:
        reached["units"].append(unit)

    def on_course(sender, **_kwargs) -> None:
        reached["course"] = True

    with signals.unit_completed.connected_to(on_unit), signals.course_completed.connected_to(on_course):
        yield reached


def _flash_milestones(course: Course, reached: dict) -> None:
    for unit in reached["units"]:
        flash(
            _("You have finished the unit %(unit)s!", unit=isolate(unit.title_in(current_language()))),
            "success",
        )
    if reached["course"]:
        flash(_("Congratulations, you have completed the course!"), "success")


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
        # Names, signed, whom the page is shown to: work posted after the session ended is kept for them only.
        "submit_url": url_for(
            "learning.submit",
            slug=item.course.slug,
            item_slug=item.slug,
            **{drafts.OWNER_PARAMETER: drafts.owner_token(current_user)},
        ),
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
        with _milestones() as reached:
            operations.mark_lesson_done(current_user, item)
    except operations.LearningError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("learning.item", slug=slug, item_slug=item_slug))
    db.session.commit()
    if reached["course"]:
        return redirect(url_for("learning.complete", slug=slug))
    _flash_milestones(course, reached)
    outline = build_outline(current_user, course)
    _, following = outline.neighbours(item)
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
    work = drafts.fields_from_form(request.form)
    try:
        drafts.check_size(work)
    except drafts.DraftTooLarge:
        flash(_too_large_message(), "error")
        return redirect(url_for("learning.item", slug=slug, item_slug=item_slug))
    submission = submission_from_form(item, language)
    try:
        attempt = operations.submit_exercise(
            current_user, item, submission, current_app.extensions["exercise_types"], language
        )
    except operations.LearningError as error:
        db.session.rollback()
        _keep_work(item, work)
        flash(str(error.message), "error")
        return redirect(url_for("learning.item", slug=slug, item_slug=item_slug))
    drafts.discard_draft(current_user, item)
    # What the answer says is read before the commit expires the attempt (a graded one is final).
    attempt_id, (status, passed, late) = attempt.id, _outcome(attempt)
    db.session.commit()
    if status is AttemptStatus.QUEUED:
        from lms.grading.queue import enqueue

        enqueue(attempt_id)  # an inline queue may have graded it already: read it again
        db.session.refresh(attempt)
        status, passed, late = _outcome(attempt)
    if status in (AttemptStatus.QUEUED, AttemptStatus.RUNNING):
        flash(_("Your code is being tested. The result appears below in a few seconds."), "info")
    elif status is AttemptStatus.ERROR:
        flash(_("Your code is saved but could not be tested right now. Please try again later."), "error")
    elif late:
        flash(_("The time was up before your answers arrived: they are kept but were not graded."), "error")
    elif passed:
        flash(_("Well done, you passed!"), "success")
    else:
        flash(_("Not passed yet: read the feedback below and try again."), "warning")
    return redirect(
        url_for("learning.item", slug=slug, item_slug=item_slug, attempt=attempt_id) + "#feedback"
    )


def _outcome(attempt: Attempt) -> tuple[AttemptStatus, bool | None, bool]:
    """What the learner is told after sending: the attempt's status, whether it passed, whether it was late."""
    return attempt.status, attempt.passed, bool((attempt.details or {}).get("late"))


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


def _too_large_message() -> str:
    return _(
        "Your work is longer than %(limit)s characters, the most the platform keeps: nothing was cut or "
        "sent. Shorten it, then send it again.",
        limit=f"{drafts.FIELD_LIMIT:,}".replace(",", "\u202f"),
    )


def _keep_work(item: Item, work: dict) -> None:
    """A refused submission keeps what the learner typed: it becomes the item's draft."""
    if not work or not current_user.is_authenticated:
        return
    try:
        drafts.save_draft(current_user, item, work)
        db.session.commit()
    except drafts.DraftTooLarge:
        db.session.rollback()


def _json_refusal(message: str, status: int):
    return jsonify(error=message), status


@bp.post("/<slug>/items/<item_slug>/draft")
@require(Permission.LEARN)
def save_draft(slug: str, item_slug: str):
    """Keep the learner's typed work on an exercise (posted by the page as they type, debounced)."""
    course = _enrolled_course(slug)
    item = _item_info(course, item_slug)
    if item.is_lesson:
        abort(400)
    if progress.unit_is_locked(current_user, structure_of(course).units_by_id[item.unit_id]):
        return _json_refusal(_("Complete the previous units first: this one is still locked."), 403)
    try:
        draft = drafts.save_draft(current_user, item, drafts.fields_from_form(request.form))
    except drafts.DraftTooLarge:
        db.session.rollback()
        return _json_refusal(_too_large_message(), 413)
    # Read before the commit, which expires what the session holds (nothing is read back).
    answer = jsonify(saved_ms=int(draft.updated_at.timestamp() * 1000), message=_("Draft saved"))
    db.session.commit()
    return answer


@bp.post("/<slug>/items/<item_slug>/read")
@require(Permission.LEARN)
def read_lesson(slug: str, item_slug: str):
    """The learner read the lesson to its end (reported by the page): it counts as done."""
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    if not item.is_lesson:
        abort(400)
    try:
        with _milestones() as reached:
            newly = operations.mark_lesson_done(current_user, item)
    except operations.LearningError as error:
        db.session.rollback()
        return _json_refusal(str(error.message), 403)
    db.session.commit()
    messages = [
        _("You have finished the unit %(unit)s!", unit=isolate(unit.title_in(current_language())))
        for unit in reached["units"]
    ]
    if reached["course"]:
        messages.append(_("Congratulations, you have completed the course!"))
    return jsonify(
        completed=True,
        newly=newly,
        status=_("You have completed this lesson."),
        messages=messages,
        complete_url=url_for("learning.complete", slug=slug) if reached["course"] else None,
        complete_label=_("See my certificate"),
    )


@bp.post("/<slug>/items/<item_slug>/time")
@require(Permission.LEARN)
def time_spent(slug: str, item_slug: str):
    """Add the seconds the page was in view with the learner active (see docs/learning.md)."""
    course = _enrolled_course(slug)
    item = _item_info(course, item_slug)
    seconds = request.form.get("seconds", type=int)
    if seconds is None or not 0 < seconds <= progress.TIME_REPORT_LIMIT:
        abort(400)
    progress.add_time_spent(current_user, item, seconds)
    db.session.commit()
    return "", 204


@bp.get("/<slug>/progress")
@require(Permission.LEARN)
def progress_page(slug: str):
    """The learner's own progress in one course: every unit and item, and what remains."""
    course = _visible_course(slug)
    outline = build_outline(current_user, course)
    if outline.enrolment is None:
        return _not_enrolled(course)
    remaining = [
        (unit, [s for s in unit.items if s.item.required and s.status is not ItemStatus.COMPLETED])
        for unit in outline.units
    ]
    return render_template(
        "learning/progress.html",
        course=course,
        outline=outline,
        remaining=[(unit, states) for unit, states in remaining if states],
        total_seconds=sum(s.row.time_spent_seconds for u in outline.units for s in u.items if s.row),
        certificate=_live_certificate(course),
        content_dir=text_direction(operations.content_language(course, current_language())),
    )


@bp.get("/<slug>/complete")
@require(Permission.LEARN)
def complete(slug: str):
    """The completion screen: congratulations, and the certificate with its links."""
    course = _visible_course(slug)
    enrolment = operations.find_enrolment(current_user, course)
    if enrolment is None:
        return _not_enrolled(course)
    if enrolment.completed_at is None:
        flash(_("You have not completed this course yet: here is what remains."), "info")
        return redirect(url_for("learning.progress_page", slug=slug))
    return render_template(
        "learning/complete.html",
        course=course,
        enrolment=enrolment,
        certificate=_live_certificate(course),
    )


def _live_certificate(course: Course):
    from lms.certificates.models import Certificate

    return db.session.scalar(
        select(Certificate).where(
            Certificate.user_id == current_user.id,
            Certificate.course_id == course.id,
            Certificate.revoked_at.is_(None),
        )
    )


def _item_path_of_request() -> str | None:
    """The item page a learning POST came from (its address without the action), when there is one."""
    args = request.view_args or {}
    if "slug" in args and "item_slug" in args:
        return url_for("learning.item", slug=args["slug"], item_slug=args["item_slug"])
    return None


@bp.errorhandler(CSRFError)
def form_expired(error: CSRFError):
    """A learning form sent after the session ended: keep the work, sign in again, land on the item."""
    from lms.core.errors import form_expired_page, sent_by_another_site

    item_path = _item_path_of_request()
    # Another site's page keeps nothing here: no work to restore, no session (lms/core/errors.py).
    if (
        item_path is None
        or request.endpoint not in ("learning.submit", "learning.save_draft")
        or sent_by_another_site()
    ):
        return form_expired_page()
    if request.endpoint == "learning.save_draft":
        if current_user.is_authenticated:
            # A page open for hours: its token is old, the session is not. The page takes a fresh token
            # and saves again (the token proves the request comes from this site's page, as before).
            from flask_wtf.csrf import generate_csrf

            return jsonify(
                error=_("Draft kept in this browser (not sent yet)"), csrf_token=generate_csrf()
            ), 400
        return _json_refusal(
            _("Your session has ended: sign in again. Your work is kept in this browser."), 400
        )
    if current_user.is_authenticated:
        # A stale tab of a live session: the work becomes the draft, and the learner sends it again.
        course = _visible_course(request.view_args["slug"])
        if operations.find_enrolment(current_user, course) is not None:
            _keep_work(_item(course, request.view_args["item_slug"]), drafts.fields_from_form(request.form))
        flash(_("This page had expired: your work is kept below. Check it and send it again."), "warning")
        return redirect(item_path)
    drafts.stash_posted_work(item_path)
    flash(_("Your session has ended: sign in again, your work is kept."), "warning")
    return redirect(url_for("auth.login", next=item_path))


@bp.errorhandler(RateLimitExceeded)
def slow_down(error: RateLimitExceeded):
    """Too many submissions: keep the answers and say when to send them again."""
    current = limiter.current_limit
    seconds = max(1, math.ceil(current.reset_at - time.time())) if current is not None else 60
    item_path = _item_path_of_request()
    message = ngettext(
        "Too many submissions in a short time. Your answers are kept: send them again in %(num)d second.",
        "Too many submissions in a short time. Your answers are kept: send them again in %(num)d seconds.",
        seconds,
    )
    if item_path is None or not current_user.is_authenticated:
        from lms.core.errors import rate_limited_page

        return rate_limited_page(seconds)
    course = _visible_course(request.view_args["slug"])
    if operations.find_enrolment(current_user, course) is not None:
        _keep_work(_item(course, request.view_args["item_slug"]), drafts.fields_from_form(request.form))
    flash(message, "warning")
    response = redirect(item_path)
    response.headers["Retry-After"] = str(seconds)
    return response
