"""The people list as CSV, in the import's own columns so that an exported file can be re-imported.

A national list holds 100,000 people: the rows come from one query of plain columns, read in batches
while the file streams (never ORM objects, never the whole list in memory).
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import format_datetime
from flask_babel import gettext as _

from lms.extensions import db
from lms.geo.models import Region, School
from lms.people.importing import COLUMNS
from lms.people.queries import Filters, filtered, ordered
from lms.programmes.models import Programme
from lms.users.models import User


def people_header() -> list[object]:
    """The header in the admin's language."""
    return [str(label) for label in COLUMNS.values()] + [_("Active"), _("Created"), _("Last sign-in")]


def people_rows(filters: Filters, batch: int = 1000) -> Iterator[list[object]]:
    """One row of plain values per person, in the list's order (cells neutralised by the writer)."""
    query = ordered(filtered(filters), filters).with_only_columns(
        User.email,
        User.display_name,
        User.role,
        User.language,
        User.massar_code,
        School.code,
        Programme.code,
        Region.code,
        User.active,
        User.created_at,
        User.last_login_at,
        maintain_column_froms=True,
    )
    query = (
        query.outerjoin(School, School.id == User.school_id)
        .outerjoin(Programme, Programme.id == User.programme_id)
        .outerjoin(Region, Region.id == User.region_id)
        .execution_options(yield_per=batch)
    )
    yes, no = _("yes"), _("no")
    for (
        email,
        name,
        role,
        language,
        massar,
        school,
        programme,
        region,
        active,
        created,
        last,
    ) in db.session.execute(query):
        yield [
            email,
            name,
            role.label,
            language,
            massar or "",
            school or "",
            programme or "",
            region or "",
            yes if active else no,
            format_datetime(created, "yyyy-MM-dd HH:mm") if created else "",
            format_datetime(last, "yyyy-MM-dd HH:mm") if last else "",
        ]
