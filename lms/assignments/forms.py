"""The assignment form; its choices (what, to whom) come from the class and are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SelectMultipleField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


class DueDateForm(FlaskForm):
    """A new due date for an assignment; both fields empty remove it."""

    due_date = DateField(
        _l("Due date"),
        validators=[Optional()],
        description=_l("Morocco time. Leave both fields empty for no due date."),
        render_kw={"dir": "ltr"},
    )
    due_time = TimeField(
        _l("Time (optional, 23:59 if empty)"), validators=[Optional()], render_kw={"dir": "ltr"}
    )

    def validate_due_time(self, field) -> None:
        if field.data is not None and self.due_date.data is None:
            raise ValidationError(_l("Choose the day of this time."))


class AssignmentForm(DueDateForm):
    """What to give, to whom, and by when (the time and its check come from DueDateForm)."""

    #: ``course:<id>``, ``unit:<id>`` or ``item:<id>``.
    target = SelectField(
        _l("What to do"),
        validators=[InputRequired(message=_l("Choose what to assign."))],
        validate_choice=True,
    )
    audience = RadioField(
        _l("For"),
        choices=[SelectChoice("class", _l("The whole class")), SelectChoice("pupils", _l("Chosen pupils"))],
        default="class",
        validators=[InputRequired(message=_l("Choose who the work is for."))],
    )
    pupils = SelectMultipleField(
        _l("Pupils"),
        coerce=int,
        validate_choice=True,
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    due_date = DateField(
        _l("Due date (optional)"),
        validators=[Optional()],
        description=_l("Morocco time. Late work is accepted and marked late."),
        render_kw={"dir": "ltr"},
    )
