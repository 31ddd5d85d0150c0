"""The admin's form for a programme's yearly targets."""

from __future__ import annotations

from flask_babel import LazyString, format_number, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

#: Targets beyond this are typing mistakes (Morocco has about 8 million pupils).
MAX_TARGET = 10_000_000


def _range_message() -> str:
    # Numbers in the reader's own format ("10 000 000", "10,000,000"); WTForms's own % then finds no
    # placeholder left to fill with the raw integers.
    return gettext(
        "Between %(min)s and %(max)s.", min=format_number(0), max=format_number(MAX_TARGET)
    ).replace("%", "%%")


_RANGE = LazyString(_range_message)


def _count(label) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        render_kw={"inputmode": "numeric"},
        validators=[
            InputRequired(message=_l("Enter a number (0 for no target).")),
            NumberRange(min=0, max=MAX_TARGET, message=_RANGE),
        ],
    )


class TargetForm(FlaskForm):
    programme = SelectField(_l("Programme"), validators=[InputRequired()])
    school_year = SelectField(_l("School year"), coerce=int, validators=[InputRequired()])
    region = SelectField(_l("Region"), description=_l("Leave “National” for the whole country."))
    teachers_trained = _count(_l("Teachers trained"))
    learners_reached = _count(_l("Learners reached"))
    certificates = _count(_l("Certificates issued"))
