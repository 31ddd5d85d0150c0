"""CSV downloads that open cleanly in a spreadsheet and cannot run a formula planted in a name.

- UTF-8 with a BOM: without it, Excel reads Arabic names as mojibake;
- a cell that starts like a formula (``= + - @``, tab or carriage return) gets a leading apostrophe,
  so that a pupil named ``=HYPERLINK(…)`` stays text (numbers are written as numbers, untouched);
- rows are streamed as they are written, so a national export never builds the file in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Return ``value`` safe for a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(records: Iterable[Iterable[object]]) -> Iterator[str]:
    """The BOM, then one encoded-ready CSV line per record."""
    yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for record in records:
        writer.writerow([neutralise(v) for v in record])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)


def csv_response(records: Iterable[Iterable[object]], filename: str) -> Response:
    """A small CSV (a template, a report table), read whole now: see :mod:`lms.core.downloads`."""
    from lms.core.downloads import csv_response as streamed

    header, *rows = [list(record) for record in records]
    return streamed(header, rows, filename)
