"""Sign-in, registration and password forms; every message is translatable."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from lms.auth.passwords import PASSWORD_MAX, PASSWORD_MIN, NotCommon
from lms.i18n import language_choices
from lms.users.fields import display_name_field
from lms.users.models import USERNAME_RE


def password_field(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            InputRequired(message=_l("Please enter a password.")),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                message=_l(
                    "The password must be %(min)d to %(max)d characters long.",
                    min=PASSWORD_MIN,
                    max=PASSWORD_MAX,
                ),
            ),
            NotCommon(),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def confirm_field(other: str) -> PasswordField:
    return PasswordField(
        _l("Repeat the password"),
        validators=[
            InputRequired(message=_l("Please repeat the password.")),
            EqualTo(other, message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def email_field(*, required: Any = None) -> EmailField:
    """An email address; ``required`` says it is missing when the form is about someone else."""
    return EmailField(
        _l("Email address"),
        validators=[
            InputRequired(message=required or _l("Please enter your email address.")),
            Email(message=_l("This is not a valid email address."), check_deliverability=False),
            Length(max=254, message=_l("This email address is too long.")),
        ],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        render_kw={"autocomplete": "email", "dir": "ltr"},
    )


class SignInName:
    """An email address, or the username of a pupil registered by a teacher without one (no "@")."""

    def __call__(self, form, field) -> None:
        if "@" not in (field.data or "") and USERNAME_RE.fullmatch(field.data.lower()):
            return
        Email(message=_l("This is not a valid email address."), check_deliverability=False)(form, field)


def sign_in_field() -> StringField:
    """What a person signs in with: an email address, or a username (pupils registered by a teacher)."""
    return StringField(
        _l("Email address or username"),
        validators=[
            InputRequired(message=_l("Please enter your email address.")),
            SignInName(),
            Length(max=254, message=_l("This email address is too long.")),
        ],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        render_kw={"autocomplete": "username", "dir": "ltr"},
    )


class LoginForm(FlaskForm):
    email = sign_in_field()
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Please enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Stay signed in on this computer"))


class RegisterForm(FlaskForm):
    display_name = display_name_field(
        required=_l("Please enter your name."),
        description=_l("As it should appear on your certificates, in any script."),
        autocomplete="name",
    )
    email = email_field()
    language = SelectField(_l("Language"), choices=language_choices(), default="fr")
    password = password_field(_l("Password"))
    confirm = confirm_field("password")


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = password_field(_l("New password"))
    confirm = confirm_field("password")
