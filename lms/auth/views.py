"""Sign in, sign out, register, and recover a forgotten password."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from lms.auth import operations
from lms.auth.forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm
from lms.auth.tokens import TokenProblem, read_reset_token
from lms.core.navigation import gettable_path, safe_next_url
from lms.extensions import db, limiter, login_manager
from lms.i18n import isolate
from lms.policy import landing_endpoint
from lms.users.models import Role
from lms.users.operations import AccountError, create_user

bp = Blueprint("auth", __name__, url_prefix="/auth")


def page_after_sign_in(target: str | None) -> str | None:
    """Where to go once signed in: ``next`` when it is a page of this site; a form's action becomes
    the page of that form (a GET there would answer 405), e.g. an exercise's ``…/submit`` its item."""
    safe = safe_next_url(target)
    if safe is None:
        return None
    path = safe.split("?", 1)[0]
    gettable = gettable_path(path)
    return safe if gettable == path else gettable


def sign_in_first():
    """Anonymous visitors sign in, then come back; work posted without a session is kept for them."""
    if request.method in ("GET", "HEAD"):
        target = request.full_path.rstrip("?")
    else:
        target = gettable_path(request.path) or "/"
        if (request.view_args or {}).get("item_slug") and request.blueprint == "learning":
            from lms.learning.drafts import stash_posted_work

            stash_posted_work(target)
    flash(_("Please sign in to see this page."), "info")
    return redirect(url_for("auth.login", next=target))


@bp.record_once
def _install_sign_in_first(state) -> None:
    login_manager.unauthorized_handler(sign_in_first)


def _limit(key: str):
    return limiter.limit(lambda: current_app.config[key], methods=["POST"])


@bp.route("/login", methods=["GET", "POST"])
@_limit("LOGIN_RATE_LIMIT")
def login():
    if current_user.is_authenticated:
        return redirect(url_for(landing_endpoint(current_user)))
    form = LoginForm()
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data, request.remote_addr or "")
        if user is None:
            # One message for every refusal (unknown email, wrong password, back-off): see lockout.py.
            form.password.errors.append(_("The email address or the password is not correct."))
            form.password.errors.append(
                _("After several failed attempts, wait a few minutes or choose a new password.")
            )
        else:
            login_user(user, remember=form.remember.data)
            from lms.learning.drafts import drop_others_stash

            drop_others_stash(user)  # a shared computer: the last pupil's unsent work is not the next one's
            return redirect(page_after_sign_in(request.args.get("next")) or url_for(landing_endpoint(user)))
    return render_template("auth/login.html", form=form, next=safe_next_url(request.args.get("next")))


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        # A copied session or remember-me cookie must stop working too: rotating the token the
        # cookies carry ends every session of the account (docs/security.md, finding 6).
        operations.sign_out(current_user)
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/register", methods=["GET", "POST"])
@_limit("REGISTER_RATE_LIMIT")
def register():
    """Students create their own account; teachers and admins are created by an admin."""
    if current_user.is_authenticated:
        return redirect(url_for(landing_endpoint(current_user)))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                email=form.email.data,
                display_name=form.display_name.data,
                password=form.password.data,
                role=Role.STUDENT,
                language=form.language.data,
            )
        except AccountError as error:
            db.session.rollback()
            message = error.message
            if error.field == "email":
                # Instant sign-up cannot hide that an address is taken; the wording points the owner
                # to the way back in, and REGISTER_RATE_LIMIT bounds how many addresses can be probed.
                message = _(
                    "This address cannot be used to create a new account. If it is yours, sign in or "
                    "choose a new password with “Forgot your password?”."
                )
            getattr(form, error.field).errors.append(message)
        else:
            db.session.commit()
            login_user(user)
            from lms.learning.drafts import drop_others_stash

            drop_others_stash(user)
            flash(_("Welcome to Maharat, %(name)s!", name=isolate(user.display_name)), "success")
            # A class join link followed before the account existed leads on to the class.
            return redirect(page_after_sign_in(request.args.get("next")) or url_for(landing_endpoint(user)))
    return render_template("auth/register.html", form=form, next=safe_next_url(request.args.get("next")))


@bp.route("/forgot", methods=["GET", "POST"])
@_limit("RESET_RATE_LIMIT")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        operations.send_password_reset(form.email.data)
        flash(
            _("If an account uses this address, a link to choose a new password has been sent to it."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@_limit("RESET_RATE_LIMIT")
def reset_password(token: str):
    user = read_reset_token(token)
    if isinstance(user, TokenProblem):
        message = (
            _("This link has expired. Please ask for a new one.")
            if user is TokenProblem.EXPIRED
            else _("This link is not valid or has already been used. Please ask for a new one.")
        )
        flash(message, "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        operations.reset_password(user, form.password.data)
        flash(_("Your password has been changed. You can now sign in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)
