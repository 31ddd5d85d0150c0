"""The people list as CSV, in the import's own columns so that an exported file can be re-imported."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import format_datetime
from flask_babel import gettext as _

from lms.people.importing import COLUMNS
from lms.people.queries import Filters, every


def people_records(filters: Filters) -> Iterator[list[object]]:
    """The header in the admin's language, then one row per person (cells neutralised by the writer)."""
    yield [str(label) for label in COLUMNS.values()] + [_("Active"), _("Created"), _("Last sign-in")]
    for user in every(filters):
        yield [
            user.email,
            user.display_name,
            user.role.label,
            user.language,
            user.massar_code or "",
            user.school.code if user.school else "",
            user.programme.code if user.programme else "",
            user.region.code if user.region else "",
            _("yes") if user.active else _("no"),
            format_datetime(user.created_at, "yyyy-MM-dd HH:mm") if user.created_at else "",
            format_datetime(user.last_login_at, "yyyy-MM-dd HH:mm") if user.last_login_at else "",
        ]
