"""Profile and password of the signed-in person."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from sqlalchemy import select

from lms.account.forms import ChangePasswordForm, ProfileForm
from lms.auth.operations import change_password
from lms.core.limits import per_person
from lms.extensions import db, limiter
from lms.users.models import Role, User, normalise_massar

bp = Blueprint("account", __name__, url_prefix="/account")

#: What a person with a temporary password may still reach: choosing a new one, signing out, languages.
TEMPORARY_PASSWORD_ENDPOINTS = frozenset(
    {"account.profile", "account.password", "auth.logout", "core.set_language", "core.healthz", "static"}
)


@bp.before_app_request
def require_own_password():
    """A password an admin handed over is known to someone else: replace it before anything else."""
    if request.endpoint in TEMPORARY_PASSWORD_ENDPOINTS or request.endpoint is None:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        flash(
            _("Please choose your own password to continue: the one you were given is temporary."), "warning"
        )
        return redirect(url_for("account.profile"))
    return None


def _keeps_massar_code() -> bool:
    """True when a profile form leaves the Massar code as it is (then the limit below does not apply)."""
    if not current_user.is_authenticated:
        return False
    typed = normalise_massar(request.form.get("massar_code"))
    return "massar_code" not in request.form or typed == current_user.massar_code


@bp.route("/profile", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["MASSAR_RATE_LIMIT"],
    key_func=per_person,
    methods=["POST"],
    exempt_when=_keeps_massar_code,
)
def profile():
    form = ProfileForm(obj=current_user)
    if current_user.role is not Role.STUDENT:
        del form.massar_code
    if form.validate_on_submit():
        massar = form.massar_code.data if "massar_code" in form else current_user.massar_code
        taken = massar and db.session.scalar(
            select(User.id).where(User.massar_code == massar, User.id != current_user.id)
        )
        if taken:
            # Uniqueness cannot be kept without refusing, but the refusal does not say "another
            # account has it", and MASSAR_RATE_LIMIT bounds how many codes one account can probe.
            form.massar_code.errors.append(
                _(
                    "This Massar code cannot be saved on your account. If it is yours, ask your teacher "
                    "or an administrator to check it."
                )
            )
        else:
            current_user.display_name = form.display_name.data.strip()
            current_user.language = form.language.data
            current_user.massar_code = massar
            session["language"] = current_user.language
            db.session.commit()
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("account.profile"))
    return render_template("account/profile.html", form=form, password_form=ChangePasswordForm())


def _guessed_wrong(_response) -> bool:
    return bool(g.get("wrong_current_password"))


@bp.post("/password")
@login_required
# The current password is a password check like the sign-in's: wrong ones count against the same limit,
# per account, or a session left open on a school computer would let anyone guess it at full speed.
@limiter.limit(
    lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=per_person, deduct_when=_guessed_wrong
)
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            g.wrong_current_password = True
            form.current_password.errors.append(_("The current password is not correct."))
        else:
            change_password(current_user, form.password.data)
            # Other sessions hold the old token and are now signed out; this one carries on.
            login_user(current_user._get_current_object())
            flash(_("Your password has been changed. Other sessions have been signed out."), "success")
            return redirect(url_for("account.profile"))
    profile_form = ProfileForm(obj=current_user)
    if current_user.role is not Role.STUDENT:
        del profile_form.massar_code
    return render_template("account/profile.html", form=profile_form, password_form=form), 400
