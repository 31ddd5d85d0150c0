"""People pages: the list, one person (edit, role, deactivate, password), creation and the CSV export.

Every route needs ``Permission.MANAGE_PEOPLE``: other roles get 403, visitors the sign-in page.
Imports (of people and of places) are in :mod:`lms.people.import_views`, on this blueprint.
"""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.core.downloads import ExportAudit, csv_response, download
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.i18n import current_language
from lms.people import operations, queries
from lms.people.blueprint import bp
from lms.people.exports import people_header, people_rows
from lms.people.forms import NewPersonForm, PersonForm, ReasonForm, ResetForm, RoleForm
from lms.policy import Permission, require
from lms.programmes.models import Programme
from lms.users.models import ROLE_LABELS, Role, User
from lms.users.operations import AccountError

manage = require(Permission.MANAGE_PEOPLE)


def _person(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _filter_choices(filters: queries.Filters) -> dict:
    """The filter menus: three small queries (schools only once a region narrows them)."""
    language = current_language()
    schools = []
    if filters.region:
        schools = db.session.scalars(
            select(School).join(Province).where(Province.region_id == filters.region).order_by(School.name_fr)
        ).all()
    return {
        "role_options": [(role.value, ROLE_LABELS[role]) for role in Role],
        "programme_options": [
            (p.id, p.name) for p in db.session.scalars(select(Programme).order_by(Programme.id))
        ],
        "region_options": [
            (r.id, r.name_for(language)) for r in db.session.scalars(select(Region).order_by(Region.code))
        ],
        "school_options": [(s.id, s.name_for(language)) for s in schools],
        "status_options": [("active", _("Active")), ("inactive", _("Deactivated"))],
    }


@bp.get("/")
@manage
def list_people():
    filters = queries.Filters.from_args(request.args)
    page = queries.page(filters, request.args.get("page", 1, type=int))
    return render_template(
        "people/index.html",
        filters=filters,
        page=page,
        sorts=queries.SORTS,
        page_sizes=queries.PAGE_SIZES,
        **_filter_choices(filters),
    )


@bp.get("/export.csv")
@manage
@download("text/csv")
def export_people():
    """The filtered list as CSV; audited once sent, since it is personal data leaving the platform."""
    filters = queries.Filters.from_args(request.args)
    audit = ExportAudit(current_user.id, "people", "people", {"filters": filters.as_args()})
    return csv_response(people_header(), people_rows(filters), "people.csv", audit)


def _set_place_choices(form: PersonForm) -> None:
    language = current_language()
    form.programme_id.choices = [(None, _("None"))] + [
        (p.id, p.name) for p in db.session.scalars(select(Programme).order_by(Programme.id))
    ]
    form.region_id.choices = [(None, _("Every region"))] + [
        (r.id, r.name_for(language)) for r in db.session.scalars(select(Region).order_by(Region.code))
    ]


def _school_id(form: PersonForm) -> tuple[bool, int | None]:
    """Resolve the school code typed in the form: (ok, id)."""
    if not form.school_code.data:
        return True, None
    school_id = db.session.scalar(select(School.id).where(School.code == form.school_code.data))
    if school_id is None:
        form.school_code.errors.append(_("No school has this code."))
        return False, None
    return True, school_id


@bp.route("/new", methods=["GET", "POST"])
@manage
def create_person():
    form = NewPersonForm()
    _set_place_choices(form)
    if form.validate_on_submit():
        ok, school_id = _school_id(form)
        role = Role(form.role.data)
        if ok:
            try:
                user, password = operations.create_person(
                    current_user,
                    email=form.email.data,
                    display_name=form.display_name.data,
                    role=role,
                    language=form.language.data,
                    massar_code=form.massar_code.data,
                    school_id=school_id,
                    programme_id=form.programme_id.data,
                    region_id=form.region_id.data,
                )
                if form.first_password.data == "email":
                    operations.send_reset_link(current_user, user, reason="new account")
            except AccountError as error:
                db.session.rollback()
                getattr(form, error.field, form.email).errors.append(error.message)
            else:
                db.session.commit()
                if form.first_password.data == "email":
                    flash(
                        _(
                            "Account created; a link to choose a password was sent to %(email)s.",
                            email=user.email,
                        ),
                        "success",
                    )
                    return redirect(url_for("people.show_person", user_id=user.id))
                # Rendered, not redirected: the password must not travel in the session cookie.
                return _one_time(person=user, password=password, created=True)
    return render_template("people/new.html", form=form)


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@manage
def show_person(user_id: int):
    """The person's details (editable), their role, status, password and audit history."""
    user = _person(user_id)
    form = PersonForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.school_code.data = user.school.code if user.school else ""
    _set_place_choices(form)
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            ok, school_id = _school_id(form)
            if ok:
                try:
                    changed = operations.update_person(
                        current_user,
                        user,
                        {
                            "display_name": form.display_name.data,
                            "email": form.email.data,
                            "language": form.language.data,
                            "massar_code": form.massar_code.data,
                            "school_id": school_id,
                            "programme_id": form.programme_id.data,
                            "region_id": form.region_id.data,
                        },
                    )
                except AccountError as error:
                    db.session.rollback()
                    getattr(form, error.field, form.email).errors.append(error.message)
                else:
                    db.session.commit()
                    flash(
                        _("Saved.") if changed else _("Nothing to change."), "success" if changed else "info"
                    )
                    return redirect(url_for("people.show_person", user_id=user.id))
        status = 400
    history = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject_user_id == user.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(20)
    ).all()
    return (
        render_template(
            "people/show.html",
            person=user,
            form=form,
            role_form=RoleForm(role=user.role.value),
            reason_form=ReasonForm(),
            reset_form=ResetForm(),
            history=history,
        ),
        status,
    )


def _one_time(**context):
    """The page that shows a password once: never cached, never stored in the session."""
    response = make_response(render_template("people/password.html", **context))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _back(user: User):
    return redirect(url_for("people.show_person", user_id=user.id))


@bp.post("/<int:user_id>/role")
@manage
def change_role(user_id: int):
    user = _person(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        changed = operations.change_role(current_user, user, Role(form.role.data))
    except AccountError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(user)
    db.session.commit()
    if changed:
        flash(_("%(name)s is now: %(role)s.", name=user.display_name, role=user.role.label), "success")
    return _back(user)


@bp.post("/<int:user_id>/deactivate")
@manage
def deactivate_person(user_id: int):
    user = _person(user_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        operations.deactivate(current_user, user, form.reason.data or "")
    except AccountError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(user)
    db.session.commit()
    flash(_("%(name)s can no longer sign in; their history is kept.", name=user.display_name), "success")
    return _back(user)


@bp.post("/<int:user_id>/reactivate")
@manage
def reactivate_person(user_id: int):
    user = _person(user_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    operations.reactivate(current_user, user)
    db.session.commit()
    flash(_("%(name)s can sign in again.", name=user.display_name), "success")
    return _back(user)


@bp.post("/<int:user_id>/password")
@manage
def reset_password(user_id: int):
    user = _person(user_id)
    form = ResetForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if form.method.data == "link":
            operations.send_reset_link(current_user, user)
        else:
            password = operations.set_temporary_password(current_user, user)
    except AccountError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _back(user)
    db.session.commit()
    if form.method.data == "link":
        flash(_("A link to choose a new password was sent to %(email)s.", email=user.email), "success")
        return _back(user)
    return _one_time(person=user, password=password, created=False)
