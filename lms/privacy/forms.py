"""The confirmation asked before anonymising an account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired


class AnonymiseForm(FlaskForm):
    #: Typing the address, rather than ticking a box, makes anonymising the wrong person unlikely.
    confirm_email = StringField(
        _l("Type the account's email address to confirm"),
        validators=[InputRequired(message=_l("Type the email address to confirm."))],
        filters=[lambda v: v.strip().lower() if isinstance(v, str) else v],
        render_kw={"dir": "ltr", "autocomplete": "off"},
    )
