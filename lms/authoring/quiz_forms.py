"""Forms of the quiz editor: the quiz's settings and one question of any kind."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp

from lms.authoring.forms import _TITLE, ItemSettingsMixin
from lms.packages.model import SLUG

#: kind -> label shown to authors
QUESTION_KINDS = {
    "single": _l("Single choice"),
    "multiple": _l("Multiple choice"),
    "numeric": _l("Number (with a tolerance)"),
    "text": _l("Short text (accepted answers)"),
}
#: blank choice rows offered under the existing ones
SPARE_CHOICES = 2


class QuizForm(ItemSettingsMixin, FlaskForm):
    title = StringField(_l("Title"), **_TITLE)
    intro = TextAreaField(
        _l("Introduction (Markdown, optional)"), validators=[Optional()], render_kw={"dir": "auto", "rows": 3}
    )
    pass_mark = IntegerField(
        _l("Pass mark (%)"),
        validators=[InputRequired(), NumberRange(min=1, max=100, message=_l("Between 1 and 100."))],
        render_kw={"dir": "ltr"},
    )
    max_attempts = IntegerField(
        _l("Attempts allowed (0 = unlimited)"),
        validators=[InputRequired(), NumberRange(min=0, max=100, message=_l("Between 0 and 100."))],
        render_kw={"dir": "ltr"},
    )


class NewQuestionForm(FlaskForm):
    kind = SelectField(
        _l("Kind of question"),
        choices=[SelectChoice(value, label) for value, label in QUESTION_KINDS.items()],
    )


class ChoiceForm(FlaskForm):
    class Meta:
        csrf = False

    text = StringField(_l("Choice"), validators=[Optional()], render_kw={"dir": "auto"})
    correct = BooleanField(_l("Correct"))


class QuestionForm(FlaskForm):
    qid = StringField(
        _l("Identifier"),
        validators=[
            InputRequired(),
            Regexp(SLUG, message=_l("Use lowercase letters, digits and hyphens only.")),
        ],
        description=_l("Unique in the quiz, e.g. q1; it keeps translations attached."),
        render_kw={"dir": "ltr", "spellcheck": "false"},
    )
    text = TextAreaField(
        _l("Question (Markdown)"), validators=[InputRequired()], render_kw={"dir": "auto", "rows": 3}
    )
    points = DecimalField(
        _l("Points"),
        places=None,
        validators=[InputRequired(), NumberRange(min=0.01, max=100)],
        render_kw={"dir": "ltr"},
    )
    explanation = TextAreaField(
        _l("Explanation shown after answering (Markdown, optional)"),
        validators=[Optional()],
        render_kw={"dir": "auto", "rows": 2},
    )
    choices = FieldList(FormField(ChoiceForm), min_entries=0)
    answer = DecimalField(
        _l("Right answer"),
        places=None,
        validators=[Optional()],
        render_kw={"dir": "ltr", "inputmode": "decimal"},
    )
    tolerance = DecimalField(
        _l("Tolerance (±)"),
        places=None,
        validators=[Optional(), NumberRange(min=0)],
        render_kw={"dir": "ltr", "inputmode": "decimal"},
    )
    accepted = TextAreaField(
        _l("Accepted answers, one per line"),
        validators=[Optional()],
        description=_l("Accents, Arabic diacritics, spaces and (unless ticked below) case do not matter."),
        render_kw={"dir": "auto", "rows": 3},
    )
    case_sensitive = BooleanField(_l("Case matters"))
