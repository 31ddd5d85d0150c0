"""Forms of people management; choices that come from the database are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from lms import csvfiles
from lms.auth.forms import email_field
from lms.csvfiles import CsvFileError, decode
from lms.i18n import language_choices
from lms.users.models import ROLE_LABELS, Role


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]


def _optional_int(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class PersonForm(FlaskForm):
    """The details an admin keeps up to date; the role has its own form (it is audited separately)."""

    display_name = StringField(
        _l("Full name"),
        validators=[
            InputRequired(message=_l("Please enter the person's name.")),
            Length(max=120, message=_l("The name must be at most %(max)d characters long.", max=120)),
        ],
        description=_l("As it should appear on certificates, in any script."),
        render_kw={"dir": "auto", "autocomplete": "off"},
    )
    email = email_field()
    language = SelectField(_l("Language"), choices=language_choices(), default="fr")
    massar_code = StringField(
        _l("Massar code"),
        validators=[Optional(), Length(max=16, message=_l("A Massar code has 10 characters."))],
        description=_l("Pupils only: one letter followed by nine digits, e.g. J130000001."),
        filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
        render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
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

    def validate_display_name(self, field) -> None:
        if not field.data.strip():
            raise ValidationError(_l("Please enter the person's name."))


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


class ImportForm(FlaskForm):
    """Step one uploads a file and always gets a dry run; step two posts the checked text back."""

    file = FileField(_l("CSV file"), description=_l("UTF-8, commas or semicolons, with a header line."))
    #: The file's text, carried from the dry run to the confirmation (checked again, never trusted).
    content = HiddenField()
    filename = HiddenField()

    def csv_text(self) -> str | None:
        """The CSV as text from the upload or the confirmation, or None after recording an error."""
        if self.file.data:
            self.filename.data = (self.file.data.filename or "")[:200]
            try:
                return decode(self.file.data.read(csvfiles.MAX_UPLOAD_BYTES + 1))
            except CsvFileError as error:
                self.file.errors.append(error.message)
                return None
        if self.content.data:
            if len(self.content.data.encode()) > csvfiles.MAX_UPLOAD_BYTES:
                self.file.errors.append(_l("The file is larger than 1 MB: split it into several files."))
                return None
            return self.content.data
        self.file.errors.append(_l("Please choose a CSV file."))
        return None


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
