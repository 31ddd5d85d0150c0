"""Forms of class management; the school years offered are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import InputRequired, Length


class RenameForm(FlaskForm):
    name = StringField(
        _l("Name of the class"),
        validators=[
            InputRequired(message=_l("Please name the class.")),
            Length(max=120, message=_l("The name must be at most %(max)d characters long.", max=120)),
        ],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )


class CopyForm(FlaskForm):
    #: Its own id: the rename form on the same page already has ``name`` (its label took this field).
    name = StringField(
        _l("Name of the new class"),
        id="copy-name",
        validators=[
            InputRequired(message=_l("Please name the class.")),
            Length(max=120, message=_l("The name must be at most %(max)d characters long.", max=120)),
        ],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )
    school_year = SelectField(_l("School year"), validate_choice=True)


class CoTeacherForm(FlaskForm):
    email = EmailField(
        _l("Teacher's email address"),
        validators=[InputRequired(message=_l("Please enter the teacher's email address."))],
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )
