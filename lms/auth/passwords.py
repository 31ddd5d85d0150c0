"""What a chosen password must be: long enough, and not one of the passwords every guesser tries first.

The list (``common-passwords.txt.gz``, 19,640 entries, lower case) is the one Django ships
(django/contrib/auth/common-passwords.txt.gz, Django 5.2, BSD-3-Clause licence, list created by
Royce Williams from breached-password corpora). It travels inside the package: no network is needed.
``12345678``, ``password``, ``azerty123`` and ``motdepasse`` are in it. Checked for every password a
person or an admin/teacher chooses: registration, password change, reset, ``users create``, admin
and roster creation (``create_user``). Generated passwords are random and pass.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

PASSWORD_MIN = 8
PASSWORD_MAX = 128

_LIST = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, read once per process."""
    with gzip.open(_LIST, "rt", encoding="utf-8") as file:
        return frozenset(line.strip() for line in file if line.strip())


def is_common(password: str) -> bool:
    """Tell whether a password is too easy to guess: in the list (any case), or one repeated character."""
    lowered = password.strip().lower()
    return lowered in common_passwords() or len(set(lowered)) <= 1


def password_problem(password: str) -> str | None:
    """Return why ``password`` may not be chosen (translated), or None when it is acceptable."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return str(
            _l(
                "The password must be %(min)d to %(max)d characters long.",
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
            )
        )
    if is_common(password):
        return str(
            _l("This password is one of the most common ones and easy to guess: choose a less obvious one.")
        )
    return None


class NotCommon:
    """WTForms validator: refuse a password of the common list (length is checked by ``Length``)."""

    def __call__(self, form, field) -> None:
        if field.data and is_common(field.data):
            raise ValidationError(
                _l(
                    "This password is one of the most common ones and easy to guess: choose a less obvious one."
                )
            )
