"""One zone database: the date a teacher types is the date pupils see, whatever the machine's tzdata."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import format_datetime, to_user_timezone

from lms.zones import MOROCCO, platform_zone, zone


def test_pages_and_code_use_the_same_offsets_every_day(app):
    """Flask-Babel (pytz) shows what lms.zones (tzdata) computes, on every day of four years."""
    with app.test_request_context():
        moment = datetime(2024, 1, 1, 12, tzinfo=UTC)
        differing = []
        while moment.year < 2028:
            shown = to_user_timezone(moment).utcoffset()
            computed = moment.astimezone(platform_zone()).utcoffset()
            if shown != computed:
                differing.append((moment.date(), shown, computed))
            moment += timedelta(days=1)
    assert not differing, differing[:5]


def test_the_zone_comes_from_the_pinned_database():
    """IANA 2026f: Morocco is back on UTC+0 from 20 September 2026 (older copies keep UTC+1)."""
    morocco = zone(MOROCCO)
    assert datetime(2026, 6, 10, 12, tzinfo=UTC).astimezone(morocco).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 12, 10, 12, tzinfo=UTC).astimezone(morocco).utcoffset() == timedelta(0)
    assert zone(MOROCCO) is morocco and str(morocco) == MOROCCO


@pytest.mark.parametrize(
    "name", ["../etc/passwd", "Africa/../../x", "", "Africa//Casablanca", "Africa/Casa blanca"]
)
def test_a_zone_name_never_reads_outside_the_database(name):
    with pytest.raises(ValueError):
        zone(name)


def test_a_deadline_reads_back_as_typed(app):
    from lms.assignments.dates import due_from_local

    with app.test_request_context(headers={"Accept-Language": "en"}):
        for day in (datetime(2026, 6, 12).date(), datetime(2026, 12, 11).date()):
            due = due_from_local(day, datetime(2000, 1, 1, 18, 0).time())
            assert format_datetime(due, "HH:mm") == "18:00", (day, due)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "11 déc. 2026, 18:00"),
        ("en", "Dec 11, 2026, 6:00\u202fPM"),
        ("ar", "11\u200f/12\u200f/2026، 6:00 م"),
    ],
)
def test_a_deadline_is_shown_to_the_minute_in_the_readers_language(app, language, expected):
    from flask_babel import force_locale

    from lms.i18n import format_deadline

    with app.test_request_context(), force_locale(language):
        assert format_deadline(datetime(2026, 12, 11, 18, 0, tzinfo=UTC)) == expected
