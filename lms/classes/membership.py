"""Who is in a class: the members page, adding and removing pupils, CSV import, and joining with a code.

Pupils are minors: a teacher adds by email, username or Massar code only the pupils of their own
school (:func:`lms.classes.operations.may_add_existing`), and one message answers both "no such
account" and "out of your reach". Every addition and removal is audited; the additions by
identifier and the import's checks are rate-limited per teacher (``ROSTER_RATE_LIMIT``).
"""

from __future__ import annotations

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from lms.classes import operations
from lms.classes.blueprint import bp
from lms.classes.forms import AddMemberForm, ImportForm, JoinForm
from lms.classes.importing import SCHEMA, apply_plan, check_csv
from lms.classes.models import ClassMember
from lms.classes.slips import class_qr
from lms.classes.views import managed_class
from lms.core.downloads import download
from lms.core.limits import per_person
from lms.core.urls import external_url
from lms.extensions import db, limiter
from lms.i18n import current_language, isolate
from lms.policy import Permission, can_join_class, landing_endpoint, require
from lms.reports.exports import csv_response
from lms.users.models import User

#: Each answer tells whether a pupil of the teacher's school exists: bounded per teacher.
roster_limit = limiter.limit(
    lambda: current_app.config["ROSTER_RATE_LIMIT"], key_func=per_person, methods=["POST"]
)


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
@roster_limit
def add_member(class_id: int):
    klass = managed_class(class_id)
    form = AddMemberForm()
    back = redirect(url_for("classes.list_members", class_id=klass.id))
    if not form.validate_on_submit():
        flash(_("Please enter an email address or a Massar code."), "error")
        return back
    pupil = operations.find_pupil(current_user, klass, form.identifier.data)
    if pupil is None:
        # The same words whether no account matches or one does out of reach (another school, not a
        # pupil): the form must not tell a teacher who exists elsewhere, nor their role.
        flash(
            _(
                "No pupil of this class's school has this email address, username or Massar code. "
                "A pupil from elsewhere can join with the class code."
            ),
            "error",
        )
        return back
    try:
        added = operations.add_member(klass, pupil, source="teacher", actor=current_user)
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
    if pupil is None or not operations.remove_member(klass, pupil, actor=current_user):
        abort(404)
    db.session.commit()
    flash(
        _("%(name)s has left the class; their progress is kept.", name=isolate(pupil.display_name)), "success"
    )
    return redirect(url_for("classes.list_members", class_id=klass.id))


@bp.get("/<int:class_id>/import/template.csv")
@require(Permission.TEACH)
@download("text/csv")
def import_template(class_id: int):
    """The roster's columns in the teacher's language, with two example pupils."""
    managed_class(class_id)
    rows = SCHEMA.template(
        [["El Idrissi", "Amina", "J130000001", ""], ["بنعلي", "يوسف", "", "youssef@example.ma"]],
        keys=("last_name", "first_name", "massar_code", "email"),
    )
    return csv_response(rows, "roster-template.csv")


@bp.route("/<int:class_id>/import", methods=["GET", "POST"])
@require(Permission.TEACH)
@roster_limit
def import_members(class_id: int):
    """Upload → dry run (every problem with its line and column) → confirm → accounts, members, slips."""
    klass = managed_class(class_id)
    form = ImportForm()
    context = {"klass": klass, "form": form, "plan": None, "text": None}
    if not form.validate_on_submit():
        return render_template("classes/import.html", **context), 400 if request.method == "POST" else 200
    text = form.csv_text()
    if text is None:
        return render_template("classes/import.html", **context), 400
    plan = check_csv(klass, text, current_user)
    context.update(plan=plan, text=text)
    confirm = request.form.get("confirm")
    valid_only = confirm == "valid"
    if confirm not in ("all", "valid") or not plan.can_apply(valid_only):
        db.session.rollback()
        return render_template("classes/import.html", **context), 400 if plan.problems else 200
    slips, failed = apply_plan(
        klass,
        plan,
        current_user,
        valid_rows_only=valid_only,
        filename=form.filename.data or "",
        language=current_language(),
    )
    klass = managed_class(class_id)
    flash(
        ngettext(
            "Import done: %(num)s pupil is in the class.",
            "Import done: %(num)s pupils are in the class.",
            len(slips) + len(plan.already),
        ),
        "success",
    )
    # Printed and handed to pupils: the public site's addresses, never the request's Host (lms/core/urls.py).
    join_link = external_url("classes.join", code=klass.join_code)
    response = make_response(
        render_template(
            "classes/slips.html",
            klass=klass,
            slips=slips,
            failed=failed,
            join_link=join_link,
            sign_in_link=external_url("auth.login"),
            qr=class_qr(join_link),
        )
    )
    response.headers["Cache-Control"] = "private, no-store"  # one-time passwords
    return response


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
