"""One time-zone database for the whole platform: the pinned ``tzdata`` package.

Pages show dates through Flask-Babel, which converts with pytz and pytz's own copy of the IANA
database; the standard library's ``zoneinfo`` reads the machine's copy first (Debian's ``tzdata``),
which may be older. The two disagreed on Morocco: IANA 2026f has it on UTC+0 from 20 September 2026,
a machine with an older copy keeps UTC+1, so a deadline typed as 18:00 was stored as 17:00 UTC and
shown to pupils as 17:00. Every zone the code uses comes from here, read from the ``tzdata`` package
of the same IANA release as pytz (both pinned in setup.cfg; tests/test_zones.py compares them day by
day).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from flask import current_app

#: The programmes' zone, and the platform's unless ``BABEL_DEFAULT_TIMEZONE`` says otherwise.
MOROCCO = "Africa/Casablanca"


@cache
def zone(name: str = MOROCCO) -> ZoneInfo:
    """The zone ``name`` of the pinned IANA database (never the machine's)."""
    parts = name.split("/")
    if not all(part and part.replace("_", "").replace("-", "").replace("+", "").isalnum() for part in parts):
        raise ValueError(f"not a time zone name: {name!r}")
    with resources.files("tzdata.zoneinfo").joinpath(*parts).open("rb") as handle:
        return ZoneInfo.from_file(handle, key=name)


def platform_zone() -> ZoneInfo:
    """The zone dates are typed and shown in (the app's ``BABEL_DEFAULT_TIMEZONE``)."""
    return zone(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or MOROCCO)
