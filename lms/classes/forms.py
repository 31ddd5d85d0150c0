"""Forms of classes; choices that depend on the person (schools, years, courses) are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from lms.csvimport import UploadForm
from lms.users.fields import name_field

#: The longest class name (the column's length).
CLASS_NAME_MAX = 120


def class_name_field(label, **options) -> StringField:
    """A class's name, as the teacher types it: required, bounded, no direction controls."""
    return name_field(label, required=_l("Please name the class."), maximum=CLASS_NAME_MAX, **options)


class ClassForm(FlaskForm):
    name = class_name_field(
        _l("Name of the class"), description=_l("As your pupils know it, e.g. “Tronc commun sciences 3”.")
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
        _l("Pupil's email address, username or Massar code"),
        validators=[InputRequired(message=_l("Please enter an email address or a Massar code."))],
        description=_l(
            "A pupil of this class's school who already has an account; to create accounts, import a "
            "CSV file. Pupils from elsewhere join with the class code."
        ),
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


#: Upload → dry run → confirmation, the same for every import (:mod:`lms.csvimport`).
ImportForm = UploadForm
