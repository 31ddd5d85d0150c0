"""Forms of people management; choices that come from the database are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from lms.auth.forms import email_field, sign_in_field
from lms.csvimport import UploadForm
from lms.i18n import language_choices
from lms.users.fields import display_name_field, massar_code_field
from lms.users.models import ROLE_LABELS, Role


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]


def _optional_int(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class PersonForm(FlaskForm):
    """The details an admin keeps up to date; the role has its own form (it is audited separately)."""

    display_name = display_name_field(description=_l("As it should appear on certificates, in any script."))
    email = email_field(required=_l("Please enter the person's email address."))
    language = SelectField(_l("Language"), choices=language_choices(), default="fr")
    massar_code = massar_code_field(
        description=_l("Pupils only: one letter followed by nine digits, e.g. J130000001.")
    )
    school_code = StringField(
        _l("School code"),
        validators=[Optional(), Length(max=32)],
        description=_l("The ministry code of the school; leave empty for none."),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
    )
    programme_id = SelectField(_l("Programme"), coerce=_optional_int, validate_choice=True)
    region_id = SelectField(
        _l("Region reported on"),
        coerce=_optional_int,
        validate_choice=True,
        description=_l("Programme managers only; empty means every region."),
    )


class UsernamePersonForm(PersonForm):
    """A pupil who signs in with a username (registered by a teacher without email): keep it, or give
    them an email address."""

    email = sign_in_field()


class PersonRowForm(Form):
    """A line of the people import, judged by the person form's own fields (no CSRF: not a request)."""

    display_name = display_name_field()
    email = email_field(required=_l("Please enter the person's email address."))
    massar_code = massar_code_field()


class NewPersonForm(PersonForm):
    role = SelectField(_l("Role"), choices=role_choices(), default=Role.STUDENT.value, validate_choice=True)
    first_password = RadioField(
        _l("First password"),
        choices=[
            SelectChoice("show", _l("Generate a password and show it to me once (to hand over on paper)")),
            SelectChoice("email", _l("Email a link to choose a password")),
        ],
        default="show",
        validate_choice=True,
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("New role"), choices=role_choices(), validate_choice=True)


class ReasonForm(FlaskForm):
    """Deactivation: the reason is kept in the audit log (e.g. "left the school in June")."""

    reason = StringField(
        _l("Reason (kept in the audit log)"),
        validators=[Optional(), Length(max=200)],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )


class ResetForm(FlaskForm):
    method = RadioField(
        _l("How should the person get a new password?"),
        choices=[
            SelectChoice("link", _l("Email them a link to choose one (valid for one hour)")),
            SelectChoice("temporary", _l("Generate a temporary password and show it to me once")),
        ],
        default="link",
        validate_choice=True,
    )


#: Upload → dry run → confirmation, the same for every import.
ImportForm = UploadForm


class UserImportForm(ImportForm):
    first_password = RadioField(
        _l("Passwords of the new accounts"),
        choices=[
            SelectChoice("show", _l("Generate them and show them to me once (to print and hand over)")),
            SelectChoice("email", _l("Email each new person a link to choose one")),
        ],
        default="show",
        validate_choice=True,
    )
