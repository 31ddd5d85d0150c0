"""A class's assignments: the list, giving work (with a due date, to the class or chosen pupils), taking it back."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from lms.assignments import operations
from lms.assignments.dates import due_from_local, local
from lms.assignments.forms import AssignmentForm, DueDateForm
from lms.assignments.models import Assignment
from lms.assignments.queries import chosen_pupils, class_assignments
from lms.classes.models import ClassMember, SchoolClass
from lms.courses.models import Course, Item, Unit
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.i18n import current_language, format_deadline
from lms.notifications.operations import mail_out
from lms.policy import Permission, require
from lms.teaching.access import class_courses, taught_class
from lms.users.models import User

bp = Blueprint("assignments", __name__, url_prefix="/assignments")


def _form(klass, courses: list[Course]) -> AssignmentForm:
    """The form with the class's courses, their live units and items, and the members as choices."""
    form = AssignmentForm()
    language = current_language()
    choices: list[SelectChoice] = []
    course_ids = [c.id for c in courses]
    pairs = (
        db.session.execute(
            select(Unit, Item)
            .join(Item, Item.unit_id == Unit.id)
            .where(Unit.course_id.in_(course_ids), Unit.archived_at.is_(None), Item.archived_at.is_(None))
            .order_by(Unit.course_id, Unit.position, Item.position)
        ).all()
        if course_ids
        else []
    )
    for course in courses:
        if not course.published or course.archived_at is not None:
            continue
        title = course.title_in(language)
        options = [
            SelectChoice(f"course:{course.id}", _("The whole course: %(title)s", title=title), optgroup=title)
        ]
        seen_units: set[int] = set()
        for unit, item in pairs:
            if unit.course_id != course.id:
                continue
            if unit.id not in seen_units:
                seen_units.add(unit.id)
                options.append(
                    SelectChoice(
                        f"unit:{unit.id}", _("Unit: %(title)s", title=unit.title_in(language)), optgroup=title
                    )
                )
            options.append(SelectChoice(f"item:{item.id}", "— " + item.title_in(language), optgroup=title))
        choices += options
    form.target.choices = choices
    form.pupils.choices = [
        SelectChoice(uid, name)
        for uid, name in db.session.execute(
            select(User.id, User.display_name)
            .join(ClassMember, ClassMember.user_id == User.id)
            .where(ClassMember.class_id == klass.id)
            .order_by(User.display_name, User.id)
        )
    ]
    return form


def _due_form(assignment: Assignment) -> DueDateForm:
    """The assignment's due-date form, filled with its date and time as the teacher typed them."""
    due = local(assignment.due_at) if assignment.due_at else None
    return DueDateForm(
        formdata=None,
        prefix=f"due-{assignment.id}",
        data={"due_date": due.date() if due else None, "due_time": due.time() if due else None},
    )


def _render(klass, form, status: int = 200, posted: tuple[int, DueDateForm] | None = None):
    """The page; ``posted`` is (assignment id, its due-date form) sent with errors, shown again as typed."""
    assignments = class_assignments(klass)
    chosen = chosen_pupils(assignments)
    names = {choice.value: choice.label for choice in form.pupils.choices}
    shown = dict([posted]) if posted else {}
    due_forms = {a.id: shown[a.id] if a.id in shown else _due_form(a) for a in assignments}
    return (
        render_template(
            "assignments/index.html",
            klass=klass,
            form=form,
            assignments=assignments,
            chosen={aid: sorted(names.get(uid, "") for uid in uids) for aid, uids in chosen.items()},
            remove_form=FlaskForm(),
            due_forms=due_forms,
            now=utcnow(),
        ),
        status,
    )


@bp.get("/classes/<int:class_id>")
@require(Permission.TEACH)
def list_assignments(class_id: int):
    klass = taught_class(class_id)
    return _render(klass, _form(klass, class_courses(klass)))


def _target(value: str, courses: list[Course]) -> tuple[Course, Unit | None, Item | None]:
    kind, _sep, number = (value or "").partition(":")
    if not number.isdigit():
        abort(400)
    by_id = {c.id: c for c in courses}
    if kind == "course" and int(number) in by_id:
        return by_id[int(number)], None, None
    if kind == "unit":
        unit = db.session.get(Unit, int(number))
        if unit is not None and unit.course_id in by_id:
            return by_id[unit.course_id], unit, None
    if kind == "item":
        item = db.session.get(Item, int(number))
        if item is not None and item.course_id in by_id:
            return by_id[item.course_id], None, item
    abort(400)


@bp.post("/classes/<int:class_id>")
@require(Permission.TEACH)
def create_assignment(class_id: int):
    klass = taught_class(class_id, write=True)
    courses = class_courses(klass)
    form = _form(klass, courses)
    if not form.validate_on_submit():
        return _render(klass, form, 400)
    course, unit, item = _target(form.target.data, courses)
    pupils = list(form.pupils.data or []) if form.audience.data == "pupils" else None
    due = due_from_local(form.due_date.data, form.due_time.data) if form.due_date.data else None
    try:
        _assignment, made = operations.assign(
            klass, course, current_user, unit=unit, item=item, due_at=due, pupils=pupils
        )
    except operations.AssignmentError as error:
        db.session.rollback()
        form.target.errors = [*form.target.errors, str(error.message)]
        return _render(klass, form, 400)
    mail_out(made)
    db.session.commit()
    flash(
        ngettext(
            "The work is assigned: %(num)d pupil sees it in their to-do list.",
            "The work is assigned: %(num)d pupils see it in their to-do list.",
            len(made),
        ),
        "success",
    )
    return redirect(url_for("assignments.list_assignments", class_id=klass.id))


def _class_assignment(class_id: int, assignment_id: int) -> tuple[SchoolClass, Assignment]:
    """A class the teacher may change and one of its assignments, or 404 (403 for an archived class)."""
    klass = taught_class(class_id, write=True)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.class_id != klass.id:
        abort(404)
    return klass, assignment


@bp.post("/classes/<int:class_id>/<int:assignment_id>/remove")
@require(Permission.TEACH)
def remove_assignment(class_id: int, assignment_id: int):
    klass, assignment = _class_assignment(class_id, assignment_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    operations.unassign(assignment)
    db.session.commit()
    flash(_("The assignment is removed; what pupils did is kept."), "success")
    return redirect(url_for("assignments.list_assignments", class_id=klass.id))


@bp.post("/classes/<int:class_id>/<int:assignment_id>/due")
@require(Permission.TEACH)
def change_due_date(class_id: int, assignment_id: int):
    """Move an assignment's due date, or remove it; its pupils are told."""
    klass, assignment = _class_assignment(class_id, assignment_id)
    form = DueDateForm(prefix=f"due-{assignment.id}")
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:  # an expired or forged form: nothing to show again
            abort(400)
        return _render(klass, _form(klass, class_courses(klass)), 400, posted=(assignment.id, form))
    due = due_from_local(form.due_date.data, form.due_time.data) if form.due_date.data else None
    if due == assignment.due_at:
        flash(_("The due date is unchanged."), "info")
        return redirect(url_for("assignments.list_assignments", class_id=klass.id))
    made = operations.change_due(assignment, due)
    mail_out(made)
    db.session.commit()
    if due is None:
        message = ngettext(
            "The due date is removed: %(num)d pupil is told.",
            "The due date is removed: %(num)d pupils are told.",
            len(made),
        )
    else:
        message = ngettext(
            "The work is now due %(date)s: %(num)d pupil is told.",
            "The work is now due %(date)s: %(num)d pupils are told.",
            len(made),
            date=format_deadline(due),
        )
    flash(message, "success")
    return redirect(url_for("assignments.list_assignments", class_id=klass.id))
