"""Forms of class management; the school years offered are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import InputRequired

from lms.classes.forms import class_name_field


class RenameForm(FlaskForm):
    name = class_name_field(_l("Name of the class"))


class CopyForm(FlaskForm):
    #: Its own id: the rename form on the same page already has ``name`` (its label took this field).
    name = class_name_field(_l("Name of the new class"), id="copy-name")
    school_year = SelectField(_l("School year"), validate_choice=True)


class CoTeacherForm(FlaskForm):
    email = EmailField(
        _l("Teacher's email address"),
        validators=[InputRequired(message=_l("Please enter the teacher's email address."))],
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )
