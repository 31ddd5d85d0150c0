""" "Run" on a code exercise: the learner's program in the grading sandbox, with their input, not graded.

The web process never runs the code: it queues a :class:`CodeRun` for the grading workers (the same
sandbox, slot users and limits as grading) and waits for it, so a pupil on a slow school network gets
the output in the answer to one request. Without JavaScript the Run button is a plain form button
(``formaction``) and the answer is the exercise page again, code and input kept, output shown; with
JavaScript the same POST is sent by ``fetch`` and only the output is replaced.

A run is not an attempt: no attempt number, no progress, no score. It has its own rate limit
(``RUN_RATE_LIMIT``, counted in the platform's limiter storage); when it is reached the learner's code
and input stay on the page with the time to wait.
"""

from __future__ import annotations

import math
import time
from typing import Any

from flask import abort, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from limits import parse_many

from lms.courses.models import Course, Item
from lms.exercises.python_feedback import line_label, render
from lms.exercises.templating import template_name
from lms.extensions import db, limiter
from lms.i18n import current_language, text_direction
from lms.learning import operations
from lms.learning.code_runs import (
    MAX_CODE_CHARS,
    MAX_STDIN_CHARS,
    CodeRun,
    create_run,
    wait_for,
    wait_seconds,
)
from lms.learning.outline import build_outline
from lms.learning.views import _enrolled_course, _exercise_context, _item, _markdown, _submitter_key, bp
from lms.policy import Permission, require

#: default of ``RUN_RATE_LIMIT``: generous for trying things, short of hammering the workers
DEFAULT_RUN_RATE_LIMIT = "20 per minute;300 per hour"


def _runnable(course: Course, item: Item) -> tuple[Any, dict, str]:
    """The item's type and config if "Run" applies to it (a type that offers ``run_request``); else 404."""
    language = operations.content_language(course, current_language())
    exercise_type = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    config = item.config_in(language)
    if item.is_lesson or exercise_type is None or config is None or not hasattr(exercise_type, "run_request"):
        abort(404)
    return exercise_type, config, language


def _retry_after() -> int | None:
    """Count this run against ``RUN_RATE_LIMIT``; the seconds to wait when it is over, else None."""
    if not limiter.enabled:
        return None
    key = _submitter_key()
    wait = None
    for limit in parse_many(current_app.config.get("RUN_RATE_LIMIT") or DEFAULT_RUN_RATE_LIMIT):
        if not limiter.limiter.hit(limit, "learning.run_code", key):
            reset = limiter.limiter.get_window_stats(limit, "learning.run_code", key).reset_time
            wait = max(wait or 1, math.ceil(reset - time.time()))
    return wait


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def run_view(run: CodeRun | None) -> dict[str, Any]:
    """What the output area shows for a run, worded in the viewer's language."""
    if run is None:
        return {}
    if run.pending:
        return {
            "state": "pending",
            "message": render({"key": "run_still_running"}),
            "status_url": url_for(
                "learning.run_status", slug=run.item.course.slug, item_slug=run.item.slug, run_id=run.id
            ),
        }
    result = run.result or {}
    view: dict[str, Any] = {"state": "done" if run.status.value == "done" else "error"}
    if result.get("message"):
        view["message"] = render(result["message"])
    if "stdout" in result:
        view["stdout"] = result.get("stdout") or ""
        view["stdout_cut"] = bool(result.get("stdout_cut"))
        view["stderr"] = result.get("stderr") or ""
    error = result.get("error")
    if isinstance(error, dict):
        view["error_text"] = str(error.get("text") or "")
        view["error_line"] = line_label(error.get("line") if isinstance(error.get("line"), int) else None)
        view["error_hint"] = render(error.get("hint"))
    return view


def _respond(course: Course, item: Item, code: str, stdin: str, view: dict[str, Any], status: int = 200):
    """The JSON answer of the enhanced page, or the whole exercise page again (code and input kept)."""
    exercise_type = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    partial = template_name(exercise_type, "run_result.html")
    if _wants_json():
        html = render_template(partial, run_view=view)
        response = jsonify(state=view.get("state"), html=html, status_url=view.get("status_url"))
    else:
        response = current_app.make_response((_exercise_page(course, item, code, stdin, view), status))
    response.status_code = status
    if view.get("retry_after"):
        response.headers["Retry-After"] = str(view["retry_after"])
    return response


def _exercise_page(course: Course, item: Item, code: str, stdin: str, view: dict[str, Any]) -> str:
    outline = build_outline(current_user, course)
    language = operations.content_language(course, current_language())
    previous, following = outline.neighbours(item)
    return render_template(
        "learning/exercise.html",
        course=course,
        item=item,
        outline=outline,
        state=outline.state_of(item),
        language=language,
        content_dir=text_direction(language),
        markdown=_markdown(course),
        form=FlaskForm(),
        previous=previous,
        next=following,
        run_code=code,
        run_stdin=stdin,
        run_view=view,
        **_exercise_context(item, language),
    )


@bp.post("/<slug>/items/<item_slug>/run")
@require(Permission.LEARN)
def run_code(slug: str, item_slug: str):
    """Run the posted code with the posted input in the sandbox and show what it printed."""
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    config, language = _runnable(course, item)[1:]
    if build_outline(current_user, course).state_of(item).locked:
        abort(403)
    if not FlaskForm().validate_on_submit():
        abort(400)
    # Browsers send a textarea's line breaks as CRLF: input() would read "Amina\r"
    code = request.form.get("code", "").replace("\r\n", "\n")
    stdin = request.form.get("stdin", "").replace("\r\n", "\n")
    if len(code) > MAX_CODE_CHARS or len(stdin) > MAX_STDIN_CHARS:
        message = _(
            "Your code has %(count)s characters and its input %(input)s: at most %(code_max)s and "
            "%(input_max)s are accepted. Nothing was cut: shorten it and run again.",
            count=f"{len(code):,}",
            input=f"{len(stdin):,}",
            code_max=f"{MAX_CODE_CHARS:,}",
            input_max=f"{MAX_STDIN_CHARS:,}",
        )
        return _respond(course, item, code, stdin, {"state": "refused", "message": message}, 413)
    wait = _retry_after()
    if wait is not None:
        message = ngettext(
            "You ran your code many times in a short while. You can run it again in %(num)d second.",
            "You ran your code many times in a short while. You can run it again in %(num)d seconds.",
            wait,
        )
        view = {"state": "refused", "message": message, "retry_after": wait}
        return _respond(course, item, code, stdin, view, 429)
    run = create_run(current_user, item, language, code, stdin)
    db.session.commit()
    run_id = run.id
    from lms.grading.queue import enqueue_run

    enqueue_run(run_id)
    run = wait_for(run_id, wait_seconds(config.get("limits") or {}))
    return _respond(course, item, code, stdin, run_view(run), 202 if run is not None and run.pending else 200)


@bp.get("/<slug>/items/<item_slug>/runs/<int:run_id>")
@require(Permission.LEARN)
def run_status(slug: str, item_slug: str, run_id: int):
    """One of my runs: its output when done (JSON for the page's script, else the page with it)."""
    course = _enrolled_course(slug)
    item = _item(course, item_slug)
    _runnable(course, item)
    run = db.session.get(CodeRun, run_id)
    if run is None or run.user_id != current_user.id or run.item_id != item.id:
        abort(404)
    return _respond(course, item, run.code, run.stdin, run_view(run))
