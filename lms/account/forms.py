"""A person's own account: profile and password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import InputRequired, Optional, Regexp

from lms.auth.forms import confirm_field, password_field
from lms.i18n import language_choices
from lms.users.fields import display_name_field
from lms.users.models import MASSAR_RE


class ProfileForm(FlaskForm):
    display_name = display_name_field(
        required=_l("Please enter your name."),
        description=_l("As it should appear on your certificates, in any script."),
        autocomplete="name",
    )
    language = SelectField(_l("Language"), choices=language_choices())
    massar_code = StringField(
        _l("Massar code"),
        validators=[
            Optional(),
            Regexp(MASSAR_RE.pattern, message=_l("A Massar code is one letter followed by nine digits.")),
        ],
        filters=[lambda v: (v or "").strip().upper() or None],
        description=_l("Pupils only: your national pupil identifier (one letter and nine digits)."),
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(message=_l("Please enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    password = password_field(_l("New password"))
    confirm = confirm_field("password")
