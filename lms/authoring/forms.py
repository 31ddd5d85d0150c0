"""Forms of the authoring area: course settings, units, items, lessons. Every one carries a CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from lms.exercises.registry import ExerciseTypeRegistry
from lms.i18n import LANGUAGE_NAMES
from lms.packages.model import SLUG

_SLUG = {
    "validators": [
        InputRequired(message=_l("Please give a short name.")),
        Length(max=80, message=_l("At most %(max)d characters.", max=80)),
        Regexp(SLUG, message=_l("Use lowercase letters, digits and hyphens only (e.g. first-steps).")),
    ],
    "description": _l(
        "Lowercase letters, digits and hyphens; it cannot change later (it keeps learners' history attached)."
    ),
    "render_kw": {"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
}
_TITLE = {
    "validators": [
        InputRequired(message=_l("Please give a title.")),
        Length(max=200, message=_l("At most %(max)d characters.", max=200)),
    ],
    "render_kw": {"dir": "auto"},
}


def _not_blank(form: FlaskForm, field) -> None:
    if field.data is not None and isinstance(field.data, str) and not field.data.strip():
        raise ValidationError(_l("This must not be empty."))


class CourseForm(FlaskForm):
    """A course's settings (the manifest of its package)."""

    title = StringField(_l("Title"), **_TITLE)
    summary = TextAreaField(
        _l("Summary"),
        validators=[InputRequired(message=_l("Please give a summary.")), _not_blank],
        description=_l("One paragraph, plain text, shown in the catalogue."),
        render_kw={"dir": "auto", "rows": 3},
    )
    programme = SelectField(
        _l("Programme"),
        choices=[SelectChoice("sic", "Samsung Innovation Campus"), SelectChoice("digischool", "DigiSchool")],
    )
    language = SelectField(
        _l("Content language"),
        choices=[SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGE_NAMES.items()],
        description=_l("The language the lessons are written in; it decides their text direction."),
    )
    for_teachers = BooleanField(_l("For teachers"))
    for_students = BooleanField(_l("For students"))
    level = SelectField(
        _l("Level"),
        choices=[
            SelectChoice("beginner", _l("Beginner")),
            SelectChoice("intermediate", _l("Intermediate")),
            SelectChoice("advanced", _l("Advanced")),
        ],
    )
    hours = DecimalField(
        _l("Estimated hours"),
        places=None,
        validators=[
            InputRequired(message=_l("Please give the estimated hours.")),
            NumberRange(min=0.5, max=1000, message=_l("Between %(min)s and %(max)s hours.")),
        ],
        render_kw={"inputmode": "decimal", "dir": "ltr"},
    )
    self_enrol = BooleanField(_l("Learners may enrol themselves"))

    def validate_for_students(self, field) -> None:
        if not (self.for_teachers.data or field.data):
            raise ValidationError(_l("Choose at least one audience."))

    def values(self) -> dict:
        """The course document's keys, from the submitted form."""
        return {
            "title": self.title.data.strip(),
            "summary": self.summary.data.strip(),
            "programme": self.programme.data,
            "language": self.language.data,
            "audience": [
                name
                for name, on in (("teacher", self.for_teachers.data), ("student", self.for_students.data))
                if on
            ],
            "level": self.level.data,
            "hours": float(self.hours.data),
            "self_enrol": self.self_enrol.data,
        }


class NewCourseForm(CourseForm):
    slug = StringField(_l("Short name (in the address)"), **_SLUG)


class UnitForm(FlaskForm):
    title = StringField(_l("Unit title"), **_TITLE)
    summary = TextAreaField(_l("Unit summary"), validators=[Optional()], render_kw={"dir": "auto", "rows": 2})


class NewUnitForm(UnitForm):
    slug = StringField(_l("Short name of the unit"), **_SLUG)


class NewItemForm(FlaskForm):
    """A lesson, or an exercise of any installed type that can be created in the browser."""

    kind = SelectField(_l("Kind"), choices=[])
    slug = StringField(_l("Short name of the item"), **_SLUG)
    title = StringField(_l("Item title"), **_TITLE)

    def __init__(self, *args, registry: ExerciseTypeRegistry, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        creatable = [registry.get(name) for name in registry.names()]
        self.kind.choices = [SelectChoice("lesson", _l("Lesson"))] + [
            SelectChoice(t.name, t.label) for t in creatable if t is not None and t.new_config() is not None
        ]


class MoveForm(FlaskForm):
    """Up or down by one place: the keyboard- and script-free way to reorder."""

    direction = HiddenField(validators=[InputRequired()])

    @property
    def delta(self) -> int:
        return -1 if self.direction.data == "up" else 1


class ConfirmForm(FlaskForm):
    """A bare POST with its CSRF token: confirmations, publish, unpublish, validate."""


class ItemSettingsMixin:
    required = BooleanField(_l("Required to complete the unit"))
    weight = DecimalField(
        _l("Weight in the unit's score"),
        places=None,
        validators=[InputRequired(), NumberRange(min=0, max=100)],
        render_kw={"inputmode": "decimal", "dir": "ltr"},
    )


class ItemSettingsForm(ItemSettingsMixin, FlaskForm):
    """What every exercise has besides its type's own fields; it carries the editor page's CSRF token."""

    title = StringField(_l("Title"), **_TITLE)


class LessonForm(ItemSettingsMixin, FlaskForm):
    title = StringField(_l("Title"), **_TITLE)
    body = TextAreaField(
        _l("Lesson (Markdown)"),
        description=_l(
            "Markdown: ## headings, **bold**, lists, tables, ```python code```. No raw HTML. "
            "Images: upload them below, then write ![description](assets/name.png). Do not start with a # title."
        ),
        render_kw={"dir": "auto", "rows": 22, "class": "markdown-source"},
    )

    def validate_body(self, field) -> None:
        from lms.markdown import opens_with_title

        if opens_with_title(field.data or ""):
            raise ValidationError(_l("Do not start with a # title: the page shows the title already."))


class PreviewForm(FlaskForm):
    """What the live preview posts: Markdown in, sanitised HTML out."""

    text = TextAreaField(validators=[Optional()])
