"""The gradebook of a class: the grid, its CSV, one pupil's attempts on one item, and the teacher's verbs."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.assignments.models import Assignment
from lms.assignments.queries import class_assignments, due_dates
from lms.audit.operations import record_export
from lms.classes.drilldown import describe_submission
from lms.core.downloads import download
from lms.core.limits import export_limit
from lms.courses.models import Item
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.gradebook import operations
from lms.gradebook.cells import Words, line, records
from lms.gradebook.forms import CommentForm, OverrideForm, ReviewForm
from lms.gradebook.grid import gradebook
from lms.gradebook.models import AttemptComment, GradeOverride
from lms.i18n import current_language
from lms.learning.models import Attempt, ItemProgress
from lms.notifications.operations import mail_out
from lms.policy import Permission, require
from lms.reports.exports import neutralise
from lms.teaching.access import chosen_course, class_courses, class_member, taught_class

bp = Blueprint("gradebook", __name__, url_prefix="/gradebook")


def _assignment(assignments: list[Assignment]) -> Assignment | None:
    wanted = request.args.get("assignment", type=int)
    if not wanted:
        return None
    found = next((a for a in assignments if a.id == wanted), None)
    if found is None:
        abort(404)
    return found


def _book(klass):
    courses = class_courses(klass)
    course = chosen_course(courses)
    if course is None:
        return courses, None, [], None
    assignments = class_assignments(klass, course)
    assignment = _assignment(assignments)
    sort = request.args.get("sort", "name")
    if sort not in ("name", "total") and not (sort.startswith("unit-") and sort[5:].isdigit()):
        sort = "name"
    book = gradebook(
        klass,
        course,
        utcnow(),
        assignment=assignment,
        sort=sort,
        descending=request.args.get("dir") == "desc",
    )
    return courses, course, assignments, book


@bp.get("/classes/<int:class_id>")
@require(Permission.TEACH)
def show(class_id: int):
    """Learners × items of one course (optionally one assignment's work and pupils), with totals."""
    klass = taught_class(class_id)
    courses, course, assignments, book = _book(klass)
    return render_template(
        "gradebook/show.html",
        klass=klass,
        courses=courses,
        course=course,
        assignments=assignments,
        book=book,
        grid=_grid(klass, book) if book else [],
    )


def _grid(klass, book) -> list[tuple]:
    """Per row: the row and its cells as ready HTML (``<td>``…), in screen order.

    The texts are :func:`lms.gradebook.cells.line`'s, the CSV's very words. A 40 × 60 grid has 2,400
    cells: built here with one escape per text and one ``url_for`` in all, they cost a few
    milliseconds, where the same markup through Jinja (a dozen escapes and a ``url_for`` per cell)
    cost more than every query of the page.
    """
    words = Words()
    sample = url_for("gradebook.show_item", class_id=klass.id, user_id=1, item_id=2)
    prefix = escape(sample.removesuffix("/learners/1/items/2"))
    slugs = [escape(item.slug) for item in book.items]
    ids = [item.id for item in book.items]
    grid = []
    for row in book.rows:
        texts = line(book, row, words)
        parts = []
        position, index = 1, 0
        for column in book.columns:
            for _item in column.items:
                cell = row.cells[index]
                extra = " is-late" if cell.late else " is-overdue" if cell.overdue else ""
                late = ' data-late="true"' if cell.late else ""
                parts.append(
                    f'<td class="grade cell-{cell.status}{extra}" data-item="{slugs[index]}" '
                    f'data-status="{cell.status}"{late}><a href="{prefix}/learners/{row.user_id}/items/'
                    f'{ids[index]}" dir="ltr">{escape(texts[position])}</a></td>'
                )
                position += 1
                index += 1
            parts.append(f'<td class="num total">{escape(texts[position])}</td>')
            position += 1
        parts.append(f'<td class="num total course-total">{escape(texts[position])}</td>')
        grid.append((row, Markup("".join(parts))))  # noqa: S704 (every text above is escaped)
    return grid


@bp.get("/classes/<int:class_id>/gradebook.csv")
@require(Permission.TEACH)
@download("text/csv")
@export_limit
def export(class_id: int):
    """The grid as on screen (same filter, order and words), as a UTF-8 CSV with a BOM for Excel."""
    klass = taught_class(class_id)
    _courses, course, _assignments, book = _book(klass)
    if book is None:
        abort(404)
    rows = records(book, current_language())
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    data = buffer.getvalue().encode("utf-8")
    if request.method != "HEAD":  # a HEAD asks about the file; nobody downloaded anything
        record_export(current_user, "gradebook", target=f"class:{klass.id}", course=course.slug)
        db.session.commit()
    response = send_file(
        io.BytesIO(data),
        mimetype="text/csv",
        as_attachment=True,
        download_name=f"maharat-gradebook-{klass.id}-{course.slug}-{utcnow():%Y%m%d}.csv",
        max_age=0,
    )
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _class_item(klass, item_id: int) -> Item:
    """An item of one of the class's courses, or 404."""
    item = db.session.get(Item, item_id)
    if item is None or item.course_id not in {c.id for c in class_courses(klass)}:
        abort(404)
    return item


def _class_attempt(klass, attempt_id: int) -> Attempt:
    """An attempt by a member of the class on one of its courses, or 404 (ids cannot be probed)."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        abort(404)
    class_member(klass, attempt.user_id)
    _class_item(klass, attempt.item_id)
    return attempt


def _back(klass, attempt_or_user, item_id: int | None = None):
    if isinstance(attempt_or_user, Attempt):
        user_id, item_id = attempt_or_user.user_id, attempt_or_user.item_id
    else:
        user_id = attempt_or_user
    return redirect(url_for("gradebook.show_item", class_id=klass.id, user_id=user_id, item_id=item_id))


@bp.get("/classes/<int:class_id>/learners/<int:user_id>/items/<int:item_id>")
@require(Permission.TEACH)
def show_item(class_id: int, user_id: int, item_id: int):
    """One pupil's every attempt on one item, with comments, overrides and the teacher's forms."""
    klass = taught_class(class_id)
    pupil = class_member(klass, user_id)
    item = _class_item(klass, item_id)
    attempts = list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.user_id == pupil.id, Attempt.item_id == item.id)
            .order_by(Attempt.number.desc())
        )
    )
    ids = [a.id for a in attempts]
    comments: dict[int, list[AttemptComment]] = {}
    overrides: dict[int, list[GradeOverride]] = {}
    if ids:
        for c in db.session.scalars(
            select(AttemptComment)
            .where(AttemptComment.attempt_id.in_(ids))
            .options(selectinload(AttemptComment.author))
            .order_by(AttemptComment.created_at)
        ):
            comments.setdefault(c.attempt_id, []).append(c)
        for o in db.session.scalars(
            select(GradeOverride)
            .where(GradeOverride.attempt_id.in_(ids))
            .options(selectinload(GradeOverride.actor))
            .order_by(GradeOverride.at)
        ):
            overrides.setdefault(o.attempt_id, []).append(o)
    row = db.session.scalar(
        select(ItemProgress).where(ItemProgress.user_id == pupil.id, ItemProgress.item_id == item.id)
    )
    due = due_dates(class_assignments(klass, item.course), [pupil.id], [item]).get((pupil.id, item.id))
    kind = current_app.extensions["exercise_types"].get(item.exercise_type or "")
    return render_template(
        "gradebook/item.html",
        reviewable=kind is not None and kind.reviewed_by_teacher,
        rubric=kind.review_criteria(item.config_in(current_language()) or {}) if kind is not None else [],
        klass=klass,
        pupil=pupil,
        item=item,
        attempts=attempts,
        comments=comments,
        overrides=overrides,
        progress=row,
        due=due,
        describe=describe_submission,
        comment_form=CommentForm(formdata=None),
        override_form=OverrideForm(formdata=None),
        review_form=ReviewForm(formdata=None),
        reset_form=FlaskForm(),
    )


def _done(klass, attempt: Attempt, made, message: str):
    mail_out(made)
    db.session.commit()
    flash(message, "success")
    return _back(klass, attempt)


def _refused(klass, attempt: Attempt, form: FlaskForm):
    db.session.rollback()
    for errors in form.errors.values():
        for error in errors:
            flash(str(error), "error")
    return _back(klass, attempt)


@bp.post("/classes/<int:class_id>/attempts/<int:attempt_id>/comment")
@require(Permission.TEACH)
def comment(class_id: int, attempt_id: int):
    klass = taught_class(class_id, write=True)
    attempt = _class_attempt(klass, attempt_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return _refused(klass, attempt, form)
    try:
        made = operations.comment(attempt, current_user, form.body.data)
    except operations.GradebookError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(klass, attempt)
    return _done(klass, attempt, made, _("Your comment is saved; the pupil sees it."))


@bp.post("/classes/<int:class_id>/attempts/<int:attempt_id>/override")
@require(Permission.TEACH)
def override(class_id: int, attempt_id: int):
    klass = taught_class(class_id, write=True)
    attempt = _class_attempt(klass, attempt_id)
    form = OverrideForm()
    if not form.validate_on_submit():
        return _refused(klass, attempt, form)
    try:
        made = operations.override(attempt, current_user, float(form.score.data), form.reason.data)
    except operations.GradebookError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(klass, attempt)
    return _done(klass, attempt, made, _("The grade is changed and recorded in the audit log."))


@bp.post("/classes/<int:class_id>/attempts/<int:attempt_id>/review")
@require(Permission.TEACH)
def review(class_id: int, attempt_id: int):
    klass = taught_class(class_id, write=True)
    attempt = _class_attempt(klass, attempt_id)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _refused(klass, attempt, form)
    accept = form.decision.data == "accept"
    try:
        levels = {
            key.removeprefix("rubric-"): int(value)
            for key, value in request.form.items()
            if key.startswith("rubric-") and value.isdigit() and len(value) < 3
        }
        made = operations.review_reflection(
            attempt, current_user, accept, form.body.data, levels, current_language()
        )
    except operations.GradebookError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(klass, attempt)
    message = _("The reflection is accepted.") if accept else _("The pupil is asked to write it again.")
    return _done(klass, attempt, made, message)


@bp.post("/classes/<int:class_id>/learners/<int:user_id>/items/<int:item_id>/reset")
@require(Permission.TEACH)
def reset(class_id: int, user_id: int, item_id: int):
    klass = taught_class(class_id, write=True)
    pupil = class_member(klass, user_id)
    item = _class_item(klass, item_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        used = operations.reset_attempts(pupil, item, current_user)
    except operations.GradebookError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(klass, pupil.id, item.id)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d attempt given back: the pupil can try again.",
            "%(num)d attempts given back: the pupil can try again.",
            used,
        ),
        "success",
    )
    return _back(klass, pupil.id, item.id)
