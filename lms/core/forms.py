"""The language switcher, a real form so that it carries a CSRF token like every POST."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from lms.i18n import language_choices


class LanguageForm(FlaskForm):
    language = SelectField(choices=language_choices())
    next = HiddenField()
