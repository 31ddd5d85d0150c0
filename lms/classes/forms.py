"""Forms of classes; choices that depend on the person (schools, years, courses) are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

#: A CSV file of a few thousand pupils is well under this; anything larger is a mistake.
IMPORT_MAX_BYTES = 1024 * 1024


class ClassForm(FlaskForm):
    name = StringField(
        _l("Name of the class"),
        validators=[
            InputRequired(message=_l("Please name the class.")),
            Length(max=120, message=_l("The name must be at most %(max)d characters long.", max=120)),
        ],
        description=_l("As your pupils know it, e.g. “Tronc commun sciences 3”."),
        render_kw={"dir": "auto", "autocomplete": "off"},
    )
    school_id = SelectField(_l("School"), coerce=int, validate_choice=True)
    school_year = SelectField(_l("School year"), validate_choice=True)

    def validate_name(self, field) -> None:
        if not field.data.strip():
            raise ValidationError(_l("Please name the class."))


class AssignCourseForm(FlaskForm):
    course_id = SelectField(_l("Course"), coerce=int, validate_choice=True)


class AddMemberForm(FlaskForm):
    identifier = StringField(
        _l("Pupil's email address or Massar code"),
        validators=[InputRequired(message=_l("Please enter an email address or a Massar code."))],
        description=_l("The pupil must already have an account; to create accounts, import a CSV file."),
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )


class JoinForm(FlaskForm):
    code = StringField(
        _l("Class code"),
        validators=[
            InputRequired(message=_l("Please enter the code your teacher gave you.")),
            Length(max=20, message=_l("A class code has 8 characters.")),
        ],
        description=_l("8 letters and digits, e.g. K7MQ2XRA."),
        render_kw={
            "dir": "ltr",
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
        },
    )


class ImportForm(FlaskForm):
    """Step one uploads a file and always gets a dry run; step two posts the checked text back."""

    file = FileField(_l("CSV file"), description=_l("UTF-8, with a header line."))
    #: The file's text, carried from the dry run to the confirmation (checked again, never trusted).
    content = HiddenField()

    def csv_text(self) -> str | None:
        """The CSV as text from the upload or the confirmation, or None after recording an error."""
        if self.file.data:
            raw = self.file.data.read(IMPORT_MAX_BYTES + 1)
            if len(raw) > IMPORT_MAX_BYTES:
                self.file.errors.append(_l("The file is larger than 1 MB: split it into several files."))
                return None
            try:
                return raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.file.errors.append(_l("The file is not UTF-8 text: save it as “CSV UTF-8”."))
                return None
        if self.content.data:
            return self.content.data
        self.file.errors.append(_l("Please choose a CSV file."))
        return None
