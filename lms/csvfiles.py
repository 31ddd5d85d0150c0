"""Reading CSV files that people save from spreadsheets: encodings, delimiters, header names.

Admins and teachers prepare imports in Excel or LibreOffice, often on French or Arabic Windows.
French Excel writes semicolons (the comma is the decimal separator) and sometimes a ``sep=;`` first
line; "CSV UTF-8" starts with a byte-order mark; "Unicode text" is UTF-16 with tabs; a plain "CSV"
from an old Excel is in the Windows code page: CP1252 (French) or CP1256 (Arabic). A legacy code
page is accepted only when the bytes say which one it is; when they could be either, the file is
refused with a way out, because a wrong guess silently garbles Arabic names.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

#: A few thousand rows is well under this; anything larger is a mistake (or an attack).
MAX_UPLOAD_BYTES = 1024 * 1024
DELIMITERS = (",", ";", "\t")
#: Excel's "sep=;" first line names the delimiter; it is not the header.
_SEP_LINE = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)
#: Four Latin-1 letters in a row never happen in French, and always in Arabic read as CP1252.
_MOJIBAKE_RUN = re.compile(r"[\u00c0-\u00ff]{4,}")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
#: An Arabic letter glued to a Latin one: French upper-case accents (É, À, Ç) read as CP1256.
_GLUED = re.compile(r"[A-Za-z][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z]")


class CsvFileError(ValueError):
    """The upload cannot be read as CSV text; ``message`` is translatable and says what to do."""

    def __init__(self, message: object):
        super().__init__(str(message))
        self.message = message


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark: every other byte of ASCII text is zero."""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    encoding = (
        "utf-16-le"
        if odd > half * 0.3 and even == 0
        else "utf-16-be"
        if even > half * 0.3 and odd == 0
        else None
    )
    if encoding is None:
        return None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _legacy(raw: bytes) -> str | None:
    """Windows-1256 when the bytes make Arabic words, Windows-1252 when they make French; else None.

    French lower-case accents have the same bytes in both code pages, so a French file reads the
    same either way. An Arabic file read as CP1252 shows long runs of accented capitals, and a French
    capital read as CP1256 is an Arabic letter inside a Latin word: either sign rules a page out.
    """
    arabic = raw.decode("cp1256")
    if _ARABIC.search(arabic) and not _GLUED.search(arabic):
        return arabic
    try:
        french = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _MOJIBAKE_RUN.search(french):
        return None
    return french


def decode(raw: bytes, *, limit: int | None = -1) -> str:
    """Return the text of an upload: UTF-8 or UTF-16 (with a BOM or not), or a recognised legacy page.

    ``limit`` is :data:`MAX_UPLOAD_BYTES` by default (read at call time); ``None`` for a file an
    administrator passes on the command line.
    """
    if limit == -1:
        limit = MAX_UPLOAD_BYTES
    if limit is not None and len(raw) > limit:
        raise CsvFileError(_l("The file is larger than 1 MB: split it into several files."))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvFileError(_l("The file is not UTF-8 text: save it as “CSV UTF-8”.")) from None
    if b"\x00" in raw:
        text = _utf16_without_bom(raw)
        if text is None:
            raise CsvFileError(_l("This is not a CSV file: save the sheet as “CSV UTF-8”."))
        return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = _legacy(raw)
    if text is None:
        raise CsvFileError(_l("The file is not UTF-8 text: save it as “CSV UTF-8”."))
    return text


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def delimiter(text: str) -> str:
    """The delimiter: Excel's ``sep=`` line, else the most frequent of comma, semicolon and tab in the header.

    Only separators outside quotes count, so a header cell like ``"Nom, prénom"`` does not decide.
    """
    header = _first_line(text)
    declared = _SEP_LINE.match(header)
    if declared:
        return declared.group(1)
    unquoted = re.sub(r'"[^"]*"', "", header)
    return max(DELIMITERS, key=unquoted.count) if any(d in unquoted for d in DELIMITERS) else ","


_SEPARATORS = re.compile(r"[\s_\-.'’/]+")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ـ": None})


def normalise_header(name: str | None) -> str:
    """Header cells are matched loosely: case, accents, Arabic hamza forms, spaces, ``_`` and ``-``.

    ``E-mail``, ``email`` and ``EMAIL ``; ``Prénom`` and ``prenom``; ``code_massar`` and ``Code Massar``;
    ``الإسم`` and ``الاسم`` are each the same header.
    """
    text = (name or "").strip().lstrip("\ufeff").casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", text.translate(_ARABIC_FOLD)).strip()


def read_rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Split ``text`` into its header cells and ``(line number, cells)`` for each non-blank row.

    Line numbers are the file's own (a quoted cell may span lines), so that an error report points
    at the line the admin sees in a text editor; the spreadsheet's row number is the same for
    ordinary files. A ``sep=`` first line counts as line 1 and is skipped.
    """
    text = text.lstrip("\ufeff")
    sep = delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = next(reader, [])
    offset = 0
    if len(header) <= 2 and _SEP_LINE.match(_first_line(text)):
        header = next(reader, [])

    def rows() -> Iterator[tuple[int, list[str]]]:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num + offset, cells

    return header, rows()
