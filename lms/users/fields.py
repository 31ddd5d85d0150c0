"""Form fields of a person's identity, shared by every form and every CSV import that sets them.

A name or a Massar code is judged by the same validators, with the same message,
on the admin's person form, the teacher's pupil forms and in a line of an imported file
(:func:`lms.csvimport.form_problems` runs a file's row through them). Email addresses use
:func:`lms.auth.forms.email_field`, the sign-in form's own.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from lms.users.models import MASSAR_RE, NAME_MAX


class NotBlank:
    """Refuse a value made only of spaces (InputRequired accepts it)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and not field.data.strip():
            raise ValidationError(self.message)


def display_name_field(label: Any = None, *, required: Any = None, description: Any = None) -> StringField:
    """A full name in any script, at most :data:`NAME_MAX` characters."""
    required = required or _l("Please enter the person's name.")
    return StringField(
        label or _l("Full name"),
        validators=[
            InputRequired(message=required),
            NotBlank(required),
            Length(
                max=NAME_MAX, message=_l("The name must be at most %(max)d characters long.", max=NAME_MAX)
            ),
        ],
        description=description,
        render_kw={"dir": "auto", "autocomplete": "off"},
    )


def massar_code_field(description: Any = None) -> StringField:
    """An optional Massar code, upper-cased: one letter and nine digits."""
    return StringField(
        _l("Massar code"),
        validators=[
            Optional(),
            Regexp(MASSAR_RE.pattern, message=_l("A Massar code is one letter followed by nine digits.")),
        ],
        filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
        description=description,
        render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
    )
