"""Forms of certificates; choices that depend on the database (courses) are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

_REASON = {
    "validators": [
        InputRequired(message=_l("Please give the reason.")),
        Length(max=500, message=_l("The reason must be at most %(max)d characters long.", max=500)),
    ],
    "render_kw": {"dir": "auto", "rows": 3},
}


class VerifyForm(FlaskForm):
    """Read from the query string (GET): nothing is changed, so no CSRF token is needed."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Verification code"),
        validators=[InputRequired(message=_l("Please enter the code printed on the certificate."))],
        description=_l(
            "16 letters and digits, e.g. 7KQM-2XRA-9D4F-H3TB; case, spaces and dashes do not matter."
        ),
        render_kw={
            "dir": "ltr",
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
            "maxlength": 40,
        },
    )


class RevokeForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for revoking"),
        description=_l("Shown publicly on the verification page: write it for anyone who checks the code."),
        **_REASON,
    )

    def validate_reason(self, field) -> None:
        if not field.data.strip():
            raise ValidationError(_l("Please give the reason."))


class ReissueForm(RevokeForm):
    reason = TextAreaField(
        _l("Reason for re-issuing"),
        description=_l(
            "E.g. “name corrected at the learner's request”. The current certificate is revoked with this "
            "reason and a new one, with a new code, takes its place."
        ),
        **_REASON,
    )


class IssueForm(RevokeForm):
    email = StringField(
        _l("Learner's email address"),
        validators=[InputRequired(message=_l("Please enter the learner's email address."))],
        render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
    )
    course_id = SelectField(_l("Course"), coerce=int, validate_choice=True)
    reason = TextAreaField(
        _l("Reason for issuing"),
        description=_l("E.g. “face-to-face session in Agadir, 12 March”. Kept in the certificate's history."),
        **_REASON,
    )
