"""URL converters: an ``<int:…>`` in a route is a database id, and only ids a column can hold match.

Werkzeug's ``int`` accepts any number of digits. A number past the database's integer made the
lookup fail (SQLite: ``OverflowError``; PostgreSQL: "integer out of range", past 2**31 - 1) and every
such address answered 500 with a traceback in the log, anonymous ones included
(``/status/<programme>/99999999999999999999``). Bounded here, such an address is simply not found.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

#: The largest value of an INTEGER column on PostgreSQL (SQLite's is larger): every id fits.
MAX_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """``int``, between 0 and :data:`MAX_ID` unless a route says otherwise."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False) -> None:
        super().__init__(
            map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max, signed=signed
        )


def database_id(text: str | None) -> int | None:
    """A query-string number as an id (``?programme=3``), or None for anything else.

    ``str.isdigit`` alone let through what ``int`` refuses (``²``) or the database cannot hold (20
    digits): both answered 500. Only ASCII digits up to :data:`MAX_ID` are a number here.
    """
    if not text or not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
