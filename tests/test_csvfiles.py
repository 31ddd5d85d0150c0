"""The tolerant reader every import uses: encodings, delimiters and headers as spreadsheets write them."""

from __future__ import annotations

import codecs

import pytest
from flask_babel import force_locale

from lms.csvfiles import CsvFileError, decode, delimiter, normalise_header, read_rows

TEXT = "email;display_name\na@example.ma;أمينة\n"


def test_utf8_with_and_without_bom_and_utf16_with_and_without_bom_are_read():
    assert decode(TEXT.encode("utf-8")) == TEXT
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT
    assert decode(TEXT.encode("utf-16")) == TEXT  # Excel's "Unicode text"
    assert decode(TEXT.encode("utf-16-le")) == TEXT
    assert decode(TEXT.encode("utf-16-be")) == TEXT


def test_french_windows_files_are_read_as_cp1252():
    text = "Nom;Prénom;École\nÉLÈVE;Créées;Lycée\n"
    assert decode(text.encode("cp1252")) == text


def test_arabic_windows_files_are_read_as_cp1256():
    text = "الاسم;النسب;Massar\nأمينة;الإدريسي;J130000001\néric;Dupré;J130000002\n"
    assert decode(text.encode("cp1256")) == text


def test_bytes_that_could_be_either_code_page_are_refused_rather_than_guessed(app):
    # An Arabic letter glued to a Latin one rules CP1256 out; 0x81 does not exist in CP1252.
    with force_locale("en"), pytest.raises(CsvFileError, match="UTF-8"):
        decode(b"email\nA\x81b@example.ma\n")
    # Four accented capitals in a row is Arabic read as CP1252, never French: refused.
    with force_locale("en"), pytest.raises(CsvFileError, match="UTF-8"):
        decode("Nom\nÉcole ÀÂÇÈÉ\n".encode("cp1252"))
    with force_locale("en"), pytest.raises(CsvFileError, match="not a CSV file"):
        decode(b"PK\x03\x04\x00\x00binary")
    with force_locale("en"), pytest.raises(CsvFileError, match="1 MB"):
        decode(b"a" * (1024 * 1024 + 1))
    assert len(decode(b"a" * (1024 * 1024 + 1), limit=None)) == 1024 * 1024 + 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a", ","), ('"Nom, prénom";email', ";")],
)
def test_the_delimiter_is_read_from_the_header_line_outside_quotes(header, expected):
    assert delimiter(header + "\n1,2;3\n") == expected


def test_excel_sep_line_names_the_delimiter_and_is_not_the_header():
    assert delimiter("sep=;\na,b;c\n") == ";"
    header, rows = read_rows("sep=;\r\nNom;Email\r\nAmina;a@example.ma\r\n")
    assert header == ["Nom", "Email"]
    assert list(rows) == [(3, ["Amina", "a@example.ma"])]


def test_rows_keep_the_file_line_numbers_and_skip_blank_lines():
    header, rows = read_rows('\ufeffa;b\n1;"x\ny"\n\n;\n2;z\n')
    assert header == ["a", "b"]
    assert list(rows) == [(3, ["1", "x\ny"]), (6, ["2", "z"])]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("E-mail", "e mail"),
        ("Prénom", "PRENOM"),
        ("code_massar", "Code  Massar"),
        ("الإسم", "الاسم"),
        ("\ufeffEmail ", "email"),
    ],
)
def test_headers_match_whatever_their_case_accents_hamza_and_separators(a, b):
    assert normalise_header(a) == normalise_header(b)
