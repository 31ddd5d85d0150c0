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


#: Explicit direction controls (embeddings, overrides, isolates). A name never needs them: pages isolate
#: every name already, while in a mail subject or a CSV cell they reorder the text around the name
#: (U+202E shows "3e A‮txt.exe" backwards). The marks U+200E and U+200F stay.
DIRECTION_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def without_direction_controls(value: Any) -> Any:
    """A typed name without explicit direction controls (a WTForms filter)."""
    return value.translate(DIRECTION_CONTROLS) if isinstance(value, str) else value


def name_field(
    label: Any, *, required: Any, maximum: int = NAME_MAX, autocomplete: str = "off", **options: Any
) -> StringField:
    """A name in any script (a person's, a class's): required, not blank, bounded, no direction controls."""
    return StringField(
        label,
        filters=[without_direction_controls],
        validators=[
            InputRequired(message=required),
            NotBlank(required),
            Length(max=maximum, message=_l("The name must be at most %(max)d characters long.", max=maximum)),
        ],
        render_kw={"dir": "auto", "autocomplete": autocomplete},
        **options,
    )


def display_name_field(
    label: Any = None, *, required: Any = None, description: Any = None, autocomplete: str = "off"
) -> StringField:
    """A full name in any script, at most :data:`NAME_MAX` characters (``autocomplete="name"``: one's own)."""
    return name_field(
        label or _l("Full name"),
        required=required or _l("Please enter the person's name."),
        description=description,
        autocomplete=autocomplete,
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
