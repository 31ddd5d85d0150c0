"""Class settings (rename, archive, a copy for a new school year, co-teachers) and "who needs help"."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from lms.classes.heatmap import Options, class_progress
from lms.classes.models import SchoolClass
from lms.classes.operations import school_years
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.i18n import isolate
from lms.policy import Permission, manages_every_class, require
from lms.teaching import operations
from lms.teaching.access import class_courses, taught_class
from lms.teaching.forms import CopyForm, CoTeacherForm, RenameForm
from lms.teaching.models import taught_class_ids

bp = Blueprint("teaching", __name__, url_prefix="/teaching")


def _copy_form(klass: SchoolClass, formdata=True) -> CopyForm:
    form = CopyForm() if formdata else CopyForm(formdata=None)
    years = school_years(utcnow().date())
    form.school_year.choices = [SelectChoice(year) for year in sorted({*years, klass.school_year})]
    if not formdata:
        form.name.data = klass.name
        form.school_year.data = years[-1] if klass.school_year in years[:-1] else years[0]
    return form


def _settings_page(klass, rename_form=None, copy_form=None, co_form=None, status=200):
    rename_form = rename_form or RenameForm(formdata=None, name=klass.name)
    return (
        render_template(
            "teaching/settings.html",
            klass=klass,
            rename_form=rename_form,
            copy_form=copy_form or _copy_form(klass, formdata=False),
            co_form=co_form or CoTeacherForm(formdata=None),
            co_teachers=operations.co_teachers(klass),
            form=FlaskForm(),
        ),
        status,
    )


@bp.get("/classes/<int:class_id>/settings")
@require(Permission.TEACH)
def settings(class_id: int):
    return _settings_page(taught_class(class_id))


@bp.post("/classes/<int:class_id>/rename")
@require(Permission.TEACH)
def rename(class_id: int):
    klass = taught_class(class_id, write=True)
    form = RenameForm()
    if not form.validate_on_submit():
        return _settings_page(klass, rename_form=form, status=400)
    try:
        operations.rename(klass, form.name.data)
    except operations.TeachingError as error:
        db.session.rollback()
        form.name.errors = [str(error.message)]
        return _settings_page(klass, rename_form=form, status=400)
    db.session.commit()
    flash(_("The class is renamed."), "success")
    return redirect(url_for("teaching.settings", class_id=klass.id))


@bp.post("/classes/<int:class_id>/archive")
@require(Permission.TEACH)
def archive(class_id: int):
    klass = taught_class(class_id, write=True)
    if not FlaskForm().validate_on_submit():
        abort(400)
    operations.archive(klass)
    db.session.commit()
    flash(_("The class is archived: read-only, kept for reports."), "success")
    return redirect(url_for("teaching.settings", class_id=klass.id))


@bp.post("/classes/<int:class_id>/unarchive")
@require(Permission.TEACH)
def unarchive(class_id: int):
    klass = taught_class(class_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    operations.unarchive(klass)
    db.session.commit()
    flash(_("The class is open again."), "success")
    return redirect(url_for("teaching.settings", class_id=klass.id))


@bp.post("/classes/<int:class_id>/copy")
@require(Permission.TEACH)
def copy(class_id: int):
    """A new school year: an archived class may be copied too (that is the usual September move)."""
    klass = taught_class(class_id)
    form = _copy_form(klass)
    if not form.validate_on_submit():
        return _settings_page(klass, copy_form=form, status=400)
    made = operations.copy_for_year(klass, current_user, form.name.data.strip(), form.school_year.data)
    db.session.commit()
    flash(
        _(
            "The class %(name)s is created for %(year)s, without pupils. Its code: %(code)s",
            name=isolate(made.name),
            year=made.school_year,
            code=made.join_code,
        ),
        "success",
    )
    return redirect(url_for("classes.show_class", class_id=made.id))


@bp.post("/classes/<int:class_id>/co-teachers")
@require(Permission.TEACH)
def add_co_teacher(class_id: int):
    klass = taught_class(class_id, write=True)
    form = CoTeacherForm()
    if not form.validate_on_submit():
        return _settings_page(klass, co_form=form, status=400)
    try:
        teacher = operations.add_co_teacher(klass, form.email.data, current_user)
    except operations.TeachingError as error:
        db.session.rollback()
        form.email.errors = [str(error.message)]
        return _settings_page(klass, co_form=form, status=400)
    db.session.commit()
    flash(_("%(name)s now teaches this class too.", name=isolate(teacher.display_name)), "success")
    return redirect(url_for("teaching.settings", class_id=klass.id))


@bp.post("/classes/<int:class_id>/co-teachers/<int:user_id>/remove")
@require(Permission.TEACH)
def remove_co_teacher(class_id: int, user_id: int):
    klass = taught_class(class_id, write=True)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not operations.remove_co_teacher(klass, user_id):
        abort(404)
    db.session.commit()
    flash(_("The co-teacher no longer has access to the class."), "success")
    if user_id == current_user.id and not manages_every_class(current_user):
        return redirect(url_for("classes.list_classes"))
    return redirect(url_for("teaching.settings", class_id=klass.id))


@bp.get("/help")
@require(Permission.TEACH)
def who_needs_help():
    """Across every live class the teacher runs: the learners the class dashboards flag, with the reasons."""
    # The reader's own classes, admins included: every class of the country is the reports' job.
    query = select(SchoolClass).where(
        SchoolClass.archived_at.is_(None), SchoolClass.id.in_(taught_class_ids(current_user.id))
    )
    classes = db.session.scalars(query.order_by(SchoolClass.name, SchoolClass.id)).all()
    now = utcnow()
    groups = []
    for klass in classes:
        for course in class_courses(klass):
            progress = class_progress(klass, course, Options(), now)
            if progress.at_risk:
                groups.append((klass, course, progress.at_risk))
    return render_template("teaching/help.html", groups=groups, classes=classes)
