"""A teacher's classes: list, create, the class dashboard, one learner's detail and the CSV export.

Every page about one class goes through :func:`managed_class`: a class the reader does not manage is
answered 404, exactly like one that does not exist, so ids cannot be probed.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from lms.classes import operations
from lms.classes.blueprint import bp
from lms.classes.drilldown import describe_submission, learner_report
from lms.classes.exports import progress_records
from lms.classes.forms import AssignCourseForm, ClassForm
from lms.classes.heatmap import SORTS, STATUSES, Options, class_progress
from lms.classes.models import ClassMember, SchoolClass
from lms.classes.rows import at_risk_items, heatmap_rows
from lms.classes.summary import class_summaries
from lms.core.downloads import ExportAudit, csv_response, download, file_name_part
from lms.core.limits import export_limit
from lms.core.urls import external_url
from lms.courses.models import Course
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.i18n import current_language
from lms.policy import Permission, can_manage_class, require
from lms.teaching.access import chosen_course, class_courses
from lms.users.models import User


def managed_class(class_id: int) -> SchoolClass:
    """The class, if the reader teaches it (or oversees every class); an archived class refuses writes."""
    klass = db.session.get(SchoolClass, class_id)
    if klass is None or not can_manage_class(current_user, klass):
        abort(404)
    if klass.archived and request.method not in ("GET", "HEAD"):
        abort(403)
    return klass


def _options() -> Options:
    args = request.args
    sort = args.get("sort") if args.get("sort") in SORTS else "name"
    status = args.get("status") if args.get("status") in STATUSES else ""
    days = args.get("days", type=int) or 14
    return Options(
        sort=sort,
        descending=args.get("dir") == "desc",
        status=status,
        page=max(1, args.get("page", 1, type=int) or 1),
        inactive_days=min(max(days, 1), 365),
    )


def _assignment_filter(klass: SchoolClass, course: Course | None) -> tuple[list, object, dict]:
    """The course's assignments, the one chosen with ``?assignment=`` (404 if not the class's), its filter."""
    from lms.assignments.queries import assignment_filter, class_assignments

    if course is None:
        return [], None, {}
    try:
        chosen, pupils, units = assignment_filter(klass, course, request.args.get("assignment", type=int))
    except LookupError:
        abort(404)
    return class_assignments(klass, course), chosen, {"pupil_ids": pupils, "unit_ids": units}


@bp.get("/")
@require(Permission.TEACH)
def list_classes():
    return render_template("classes/index.html", summaries=class_summaries(current_user))


@bp.route("/new", methods=["GET", "POST"])
@require(Permission.TEACH)
def new_class():
    form = ClassForm()
    schools = operations.schools_for(current_user)
    language = current_language()
    form.school_id.choices = [(s.id, s.name_for(language)) for s in schools]
    form.school_year.choices = operations.school_years(utcnow().date())
    if request.method == "GET" and current_user.school_id in {s.id for s in schools}:
        form.school_id.data = current_user.school_id
    if schools and form.validate_on_submit():
        school = next(s for s in schools if s.id == form.school_id.data)
        try:
            klass = operations.create_class(current_user, form.name.data, school, form.school_year.data)
        except operations.TooManyClasses as refused:
            flash(str(refused), "error")
            return render_template("classes/new.html", form=form, schools=schools), 409
        db.session.commit()
        flash(_("The class is created. Give your pupils its code: %(code)s", code=klass.join_code), "success")
        return redirect(url_for("classes.show_class", class_id=klass.id))
    return render_template("classes/new.html", form=form, schools=schools)


@bp.get("/<int:class_id>")
@require(Permission.TEACH)
def show_class(class_id: int):
    """The class dashboard: who is where in the chosen course, and who may be stuck."""
    klass = managed_class(class_id)
    courses = class_courses(klass)
    course = chosen_course(courses)
    options = _options()
    assign_form = AssignCourseForm()
    language = current_language()
    assigned = {c.id for c in courses}
    assign_form.course_id.choices = [
        (c.id, c.title_in(language)) for c in operations.assignable_courses() if c.id not in assigned
    ]
    assignments, assignment, narrowed = _assignment_filter(klass, course)
    progress = class_progress(klass, course, options, utcnow(), **narrowed) if course else None
    return render_template(
        "classes/show.html",
        klass=klass,
        courses=courses,
        course=course,
        options=options,
        progress=progress,
        assignments=assignments,
        assignment=assignment,
        assign_form=assign_form,
        code_form=FlaskForm(),
        join_link=external_url("classes.join", code=klass.join_code),
        heatmap_rows=heatmap_rows,
        at_risk_items=at_risk_items,
    )


@bp.post("/<int:class_id>/courses")
@require(Permission.TEACH)
def assign_course(class_id: int):
    klass = managed_class(class_id)
    form = AssignCourseForm()
    form.course_id.choices = [(c.id, c.title) for c in operations.assignable_courses()]
    if not form.validate_on_submit():
        flash(_("Choose a course to assign."), "error")
        return redirect(url_for("classes.show_class", class_id=klass.id))
    course = db.session.get(Course, form.course_id.data)
    try:
        enrolled = operations.assign_course(klass, course)
    except operations.ClassError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("classes.show_class", class_id=klass.id))
    db.session.commit()
    flash(
        ngettext(
            "Course assigned: %(num)d member is enrolled.",
            "Course assigned: %(num)d members are enrolled.",
            enrolled,
        ),
        "success",
    )
    return redirect(url_for("classes.show_class", class_id=klass.id, course=course.slug))


@bp.post("/<int:class_id>/code")
@require(Permission.TEACH)
def regenerate_code(class_id: int):
    klass = managed_class(class_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    code = operations.regenerate_code(klass)
    db.session.commit()
    flash(
        _("New code: %(code)s. The old code no longer works; members stay in the class.", code=code),
        "success",
    )
    return redirect(url_for("classes.show_class", class_id=klass.id))


@bp.get("/<int:class_id>/progress.csv")
@require(Permission.TEACH)
@download("text/csv")
@export_limit
def export_progress(class_id: int):
    """The dashboard's table for the same course, filter and sort, every page of it, as CSV.

    A class is small (about 40 pupils): its rows are read whole here, as plain values, before streaming.
    """
    klass = managed_class(class_id)
    course = chosen_course(class_courses(klass))
    if course is None:
        abort(404)
    _assignments, _chosen, narrowed = _assignment_filter(klass, course)
    progress = class_progress(klass, course, _options(), utcnow(), whole=True, **narrowed)
    header, *rows = list(progress_records(progress, current_language()))
    filename = f"maharat-{file_name_part(klass.name)}-{course.slug}-{utcnow():%Y%m%d}.csv"
    audit = ExportAudit(current_user.id, "class_progress", f"class:{klass.id}", {"course": course.slug})
    return csv_response(header, rows, filename, audit)


@bp.get("/<int:class_id>/learners/<int:user_id>")
@require(Permission.TEACH)
def show_learner(class_id: int, user_id: int):
    """One member's every item, attempt, score and answer in one of the class's courses."""
    klass = managed_class(class_id)
    member = db.session.scalar(
        select(User)
        .join(ClassMember, ClassMember.user_id == User.id)
        .where(ClassMember.class_id == klass.id, User.id == user_id)
    )
    if member is None:
        abort(404)
    courses = class_courses(klass)
    course = chosen_course(courses)
    return render_template(
        "classes/learner.html",
        klass=klass,
        member=member,
        courses=courses,
        course=course,
        report=learner_report(member, course) if course else None,
        describe=describe_submission,
    )
