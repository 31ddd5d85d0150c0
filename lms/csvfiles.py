"""Reading CSV files that people save from spreadsheets: encodings, delimiters, header names.

Admins prepare imports in Excel or LibreOffice. French Excel writes semicolons (the comma is the
decimal separator); "CSV UTF-8" starts with a byte-order mark; "Unicode text" is UTF-16 with tabs.
Legacy code pages are refused rather than guessed: a wrong guess silently garbles Arabic names.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

#: A few thousand rows is well under this; anything larger is a mistake (or an attack).
MAX_UPLOAD_BYTES = 1024 * 1024
DELIMITERS = (",", ";", "\t")


class CsvFileError(ValueError):
    """The upload cannot be read as CSV text; ``message`` is translatable and says what to do."""

    def __init__(self, message: object):
        super().__init__(str(message))
        self.message = message


def decode(raw: bytes) -> str:
    """Return the text of an upload: UTF-8 (with or without BOM) or UTF-16 with its BOM."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise CsvFileError(_l("The file is larger than 1 MB: split it into several files."))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise CsvFileError(_l("The file is not UTF-8 text: save it as “CSV UTF-8”."))


def delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon and tab."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return max(DELIMITERS, key=header.count) if any(d in header for d in DELIMITERS) else ","


def normalise_header(name: str | None) -> str:
    """Header cells are matched trimmed and case-insensitively (``Email`` = ``email``)."""
    return (name or "").strip().lstrip("\ufeff").casefold()


def read_rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Split ``text`` into its header cells and ``(line number, cells)`` for each non-blank row.

    Line numbers are the file's own (a quoted cell may span lines), so that an error report points
    at the line the admin sees in a text editor; the spreadsheet's row number is the same for
    ordinary files.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter(text))
    header = next(reader, [])

    def rows() -> Iterator[tuple[int, list[str]]]:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, cells

    return header, rows()
