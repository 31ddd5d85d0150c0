"""Who is in a class: the members page, adding and removing pupils, CSV import, and joining with a code."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from lms.classes import operations
from lms.classes.blueprint import bp
from lms.classes.forms import AddMemberForm, ImportForm, JoinForm
from lms.classes.importing import apply_plan, check_csv
from lms.classes.models import ClassMember
from lms.classes.views import managed_class
from lms.extensions import db, limiter
from lms.i18n import isolate
from lms.policy import Permission, can_join_class, landing_endpoint, require
from lms.users.models import User
from lms.users.operations import AccountError


@bp.get("/<int:class_id>/members")
@require(Permission.TEACH)
def list_members(class_id: int):
    klass = managed_class(class_id)
    members = db.session.execute(
        select(User, ClassMember)
        .join(ClassMember, ClassMember.user_id == User.id)
        .where(ClassMember.class_id == klass.id)
        .order_by(User.display_name, User.id)
    ).all()
    return render_template(
        "classes/members.html", klass=klass, members=members, form=AddMemberForm(), remove_form=FlaskForm()
    )


@bp.post("/<int:class_id>/members")
@require(Permission.TEACH)
def add_member(class_id: int):
    klass = managed_class(class_id)
    form = AddMemberForm()
    back = redirect(url_for("classes.list_members", class_id=klass.id))
    if not form.validate_on_submit():
        flash(_("Please enter an email address or a Massar code."), "error")
        return back
    pupil = operations.find_pupil(form.identifier.data)
    if pupil is None:
        flash(_("No account has this email address or Massar code."), "error")
        return back
    try:
        added = operations.add_member(klass, pupil, source="teacher")
    except operations.ClassError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return back
    db.session.commit()
    if added:
        flash(_("%(name)s is now in the class.", name=isolate(pupil.display_name)), "success")
    else:
        flash(_("%(name)s was already in the class.", name=isolate(pupil.display_name)), "info")
    return back


@bp.post("/<int:class_id>/members/<int:user_id>/remove")
@require(Permission.TEACH)
def remove_member(class_id: int, user_id: int):
    klass = managed_class(class_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    pupil = db.session.get(User, user_id)
    if pupil is None or not operations.remove_member(klass, pupil):
        abort(404)
    db.session.commit()
    flash(
        _("%(name)s has left the class; their progress is kept.", name=isolate(pupil.display_name)), "success"
    )
    return redirect(url_for("classes.list_members", class_id=klass.id))


@bp.route("/<int:class_id>/import", methods=["GET", "POST"])
@require(Permission.TEACH)
def import_members(class_id: int):
    """Upload → dry run (every problem with its line and column) → confirm → accounts and members."""
    klass = managed_class(class_id)
    form = ImportForm()
    context = {"klass": klass, "form": form, "plan": None, "created": None, "text": None}
    if not form.validate_on_submit():
        return render_template("classes/import.html", **context)
    text = form.csv_text()
    if text is None:
        return render_template("classes/import.html", **context), 400
    plan = check_csv(klass, text)
    context.update(plan=plan, text=text)
    if plan.problems or "confirm" not in request.form:
        db.session.rollback()
        return render_template("classes/import.html", **context), 400 if plan.problems else 200
    try:
        created = apply_plan(klass, plan, current_user)
    except AccountError:
        db.session.rollback()
        return render_template("classes/import.html", **context), 409
    db.session.commit()
    context.update(created=created, text=None)
    flash(_("Import done: %(count)s pupils are in the class.", count=len(plan.rows)), "success")
    return render_template("classes/import.html", **context)


def _join_limit() -> str:
    return current_app.config.get("JOIN_RATE_LIMIT", "20 per minute")


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(_join_limit, methods=["POST"])
@require(Permission.LEARN)
def join():
    """Pupils type the code (or follow the link, which fills it in) and are enrolled at once."""
    if not can_join_class(current_user):
        abort(403)
    form = JoinForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = operations.normalise_join_code(request.args["code"])
    if form.validate_on_submit():
        try:
            klass, added = operations.join_with_code(current_user, form.code.data)
        except operations.ClassError as error:
            db.session.rollback()
            form.code.errors.append(str(error.message))
        else:
            db.session.commit()
            if added:
                flash(_("Welcome to the class %(name)s!", name=klass.name), "success")
            else:
                flash(_("You are already in the class %(name)s.", name=klass.name), "info")
            return redirect(url_for(landing_endpoint(current_user)))
    return render_template("classes/join.html", form=form)
