"""Course list, settings, and the outline: units and items added, reordered and removed.

Every route needs ``Permission.AUTHOR`` (admins). Changes go to the draft; learners see them only
after a publish (lms.authoring.publishing).
"""

from __future__ import annotations

import copy

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from lms.authoring import drafts, exercise_views, item_views, part_views, publish_views, uploads  # noqa: F401
from lms.authoring.blueprint import author, bp, load, load_item, registry
from lms.authoring.forms import (
    ConfirmForm,
    CourseForm,
    MoveForm,
    NewCourseForm,
    NewItemForm,
    NewUnitForm,
    UnitForm,
)
from lms.authoring.models import CourseDraft, CourseRevision
from lms.courses.models import Course
from lms.extensions import db

SLUG_ERRORS = {
    "slug": lambda: _("Use lowercase letters, digits and hyphens only."),
    "slug-taken": lambda: _("This short name is already used; choose another."),
    "programme": lambda: _("Unknown programme."),
    "prerequisite-order": lambda: _("A unit must come after the units it requires."),
}


def _error(error: drafts.DraftError) -> str:
    return SLUG_ERRORS.get(str(error), lambda: str(error))()


@bp.get("/")
@author
def list_courses():
    """Every course, with whether its draft holds unpublished changes (two queries in all)."""
    rows = db.session.execute(
        select(Course, CourseDraft.updated_at)
        .outerjoin(CourseDraft, CourseDraft.course_id == Course.id)
        .options(joinedload(Course.programme))
        .order_by(Course.title)
    ).all()
    courses = [
        (course, course.synced_at is None or (edited is not None and edited > course.synced_at))
        for course, edited in rows
    ]
    return render_template("authoring/list.html", courses=courses)


@bp.route("/new", methods=["GET", "POST"])
@author
def new_course():
    form = NewCourseForm(data={"for_teachers": True, "self_enrol": True, "hours": 2})
    if form.validate_on_submit():
        try:
            course = drafts.create_course(form.values(), form.slug.data, current_user)
        except drafts.DraftError as error:
            form.slug.errors.append(_error(error))
        else:
            db.session.commit()
            flash(_("Course created. Add units and items, then publish it."), "success")
            return redirect(url_for("authoring.show_course", slug=course.slug))
    return render_template("authoring/new.html", form=form)


@bp.get("/<slug>")
@author
def show_course(slug: str):
    course, draft = load(slug)
    db.session.commit()  # a draft opened for the first time is kept
    revisions = db.session.scalars(
        select(CourseRevision)
        .where(CourseRevision.course_id == course.id)
        .order_by(CourseRevision.id.desc())
        .limit(5)
    ).all()
    return render_template(
        "authoring/course.html",
        course=course,
        doc=draft.document,
        changed=drafts.has_changes(draft),
        revisions=revisions,
        unit_form=NewUnitForm(prefix="unit"),
        item_form=NewItemForm(prefix="item", registry=registry()),
        form=ConfirmForm(),
    )


@bp.route("/<slug>/settings", methods=["GET", "POST"])
@author
def edit_course(slug: str):
    course, draft = load(slug)
    doc = copy.deepcopy(draft.document)
    data = {key: doc[key] for key in drafts.METADATA}
    data["for_teachers"], data["for_students"] = "teacher" in doc["audience"], "student" in doc["audience"]
    form = CourseForm(data=data)
    if form.validate_on_submit():
        drafts.update_metadata(doc, form.values())
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Settings saved in the draft."), "success")
        return redirect(url_for("authoring.show_course", slug=slug))
    return render_template("authoring/settings.html", course=course, form=form)


@bp.post("/<slug>/units")
@author
def add_unit(slug: str):
    _course, draft = load(slug)
    form = NewUnitForm(prefix="unit")
    doc = copy.deepcopy(draft.document)
    if form.validate_on_submit():
        try:
            drafts.add_unit(doc, form.slug.data, form.title.data.strip(), (form.summary.data or "").strip())
        except drafts.DraftError as error:
            flash(_error(error), "error")
        else:
            drafts.save(draft, doc, current_user)
            db.session.commit()
            flash(_("Unit added."), "success")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    return redirect(url_for("authoring.show_course", slug=slug))


@bp.route("/<slug>/units/<unit_slug>", methods=["GET", "POST"])
@author
def edit_unit(slug: str, unit_slug: str):
    course, draft = load(slug)
    doc = copy.deepcopy(draft.document)
    try:
        unit = drafts.find_unit(doc, unit_slug)
    except LookupError:
        abort(404)
    form = UnitForm(data=unit)
    if form.validate_on_submit():
        drafts.update_unit(doc, unit_slug, form.title.data.strip(), (form.summary.data or "").strip())
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Unit saved in the draft."), "success")
        return redirect(url_for("authoring.show_course", slug=slug))
    return render_template("authoring/unit.html", course=course, unit=unit, form=form)


@bp.post("/<slug>/units/<unit_slug>/move")
@author
def move_unit(slug: str, unit_slug: str):
    _course, draft = load(slug)
    form = MoveForm()
    doc = copy.deepcopy(draft.document)
    if form.validate_on_submit():
        try:
            drafts.find_unit(doc, unit_slug)
            if drafts.move_unit(doc, unit_slug, form.delta):
                drafts.save(draft, doc, current_user)
                db.session.commit()
        except LookupError:
            abort(404)
        except drafts.DraftError as error:
            flash(_error(error), "error")
    return redirect(url_for("authoring.show_course", slug=slug, _anchor=f"unit-{unit_slug}"))


@bp.route("/<slug>/units/<unit_slug>/remove", methods=["GET", "POST"])
@author
def remove_unit(slug: str, unit_slug: str):
    course, draft = load(slug)
    doc = copy.deepcopy(draft.document)
    try:
        unit = drafts.find_unit(doc, unit_slug)
    except LookupError:
        abort(404)
    slugs = [item["slug"] for item in unit["items"]]
    learners = drafts.learners_on_items(course, slugs)
    form = ConfirmForm()
    if form.validate_on_submit():
        drafts.remove_unit(doc, unit_slug)
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Unit removed from the draft."), "success")
        return redirect(url_for("authoring.show_course", slug=slug))
    return render_template(
        "authoring/remove.html",
        course=course,
        form=form,
        thing=unit,
        learners=learners,
        is_unit=True,
        published=drafts.is_published_item(course, *slugs),
    )


@bp.post("/<slug>/units/<unit_slug>/items")
@author
def add_item(slug: str, unit_slug: str):
    _course, draft = load(slug)
    form = NewItemForm(prefix="item", registry=registry())
    doc = copy.deepcopy(draft.document)
    if form.validate_on_submit():
        kind = form.kind.data
        exercise_type = None if kind == "lesson" else registry().get(kind)
        try:
            item = drafts.add_item(doc, unit_slug, form.slug.data, form.title.data.strip(), exercise_type)
        except LookupError:
            abort(404)
        except drafts.DraftError as error:
            flash(_error(error), "error")
        else:
            drafts.save(draft, doc, current_user)
            db.session.commit()
            return redirect(url_for("authoring.edit_item", slug=slug, item_slug=item["slug"]))
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    return redirect(url_for("authoring.show_course", slug=slug, _anchor=f"unit-{unit_slug}"))


@bp.post("/<slug>/items/<item_slug>/move")
@author
def move_item(slug: str, item_slug: str):
    _course, draft, _unit, _item = load_item(slug, item_slug)
    form = MoveForm()
    doc = copy.deepcopy(draft.document)
    if form.validate_on_submit() and drafts.move_item(doc, item_slug, form.delta):
        drafts.save(draft, doc, current_user)
        db.session.commit()
    return redirect(url_for("authoring.show_course", slug=slug, _anchor=f"item-{item_slug}"))


@bp.route("/<slug>/items/<item_slug>/remove", methods=["GET", "POST"])
@author
def remove_item(slug: str, item_slug: str):
    """Confirm, then take the item out of the draft: archived at publish if learners worked on it."""
    course, draft, _unit, item = load_item(slug, item_slug)
    learners = drafts.learners_on_items(course, [item_slug])
    form = ConfirmForm()
    if form.validate_on_submit():
        doc = copy.deepcopy(draft.document)
        drafts.remove_item(doc, item_slug)
        drafts.save(draft, doc, current_user)
        db.session.commit()
        flash(_("Item removed from the draft."), "success")
        return redirect(url_for("authoring.show_course", slug=slug))
    return render_template(
        "authoring/remove.html",
        course=course,
        form=form,
        thing=item,
        learners=learners,
        is_unit=False,
        published=drafts.is_published_item(course, item_slug),
    )
