"""Forms of the gradebook: every one posts back to the pupil's item page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange

from lms.gradebook.operations import COMMENT_MAX, REASON_MAX


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Comment for the pupil"),
        validators=[
            InputRequired(message=_l("Write your comment first.")),
            Length(
                max=COMMENT_MAX,
                message=_l("A comment must be at most %(max)d characters long.", max=COMMENT_MAX),
            ),
        ],
        render_kw={"dir": "auto", "rows": 3},
    )


def _finite(value):
    """The typed number, or None (refused by the range check) when it is not a finite number."""
    return value if value is None or value.is_finite() else None


class OverrideForm(FlaskForm):
    score = DecimalField(
        _l("New grade (0 to 100)"),
        places=None,
        # NaN and infinities are no grade; a signalling NaN even made the range check below raise (500).
        filters=[_finite],
        validators=[
            InputRequired(message=_l("The grade must be a number from 0 to 100.")),
            NumberRange(min=0, max=100, message=_l("The grade must be a number from 0 to 100.")),
        ],
        render_kw={"dir": "ltr", "inputmode": "decimal"},
    )
    reason = StringField(
        _l("Reason (required, kept in the audit log)"),
        validators=[
            InputRequired(message=_l("Give the reason for changing this grade.")),
            Length(
                max=REASON_MAX,
                message=_l("The reason must be at most %(max)d characters long.", max=REASON_MAX),
            ),
        ],
        render_kw={"dir": "auto", "autocomplete": "off"},
    )


class ReviewForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("accept", _l("Accept")), SelectChoice("redo", _l("Ask to redo"))],
        validators=[InputRequired(message=_l("Choose accept or redo."))],
    )
    body = TextAreaField(
        _l("Comment for the pupil"),
        validators=[
            InputRequired(message=_l("Write your comment first.")),
            Length(
                max=COMMENT_MAX,
                message=_l("A comment must be at most %(max)d characters long.", max=COMMENT_MAX),
            ),
        ],
        render_kw={"dir": "auto", "rows": 3},
    )
