"""The one shape of every CSV import: read → check rows → plan → apply.

The people, class roster and place (province, school) imports each declare a :class:`CsvSchema` (its
columns, their translated headers and the other spellings schools use) and keep only what is theirs:
the row rules and what applying a row means. This module owns the rest:

- **read**: :func:`lms.csvfiles.decode` and :func:`lms.csvfiles.read_rows` (encodings, delimiters),
  then the header matched against every column's aliases in every interface language; a missing
  column, a forbidden one (passwords) or too many rows blocks the whole file;
- **check**: a cell is judged by the same WTForms validators as the form that edits that field
  (:func:`form_problems`), so a name, an email or a Massar code is accepted or refused the same way
  on a form and in a file; every problem has a line, a column and a translated reason;
- **plan**: an :class:`ImportPlan` lists what would happen; nothing is written while checking;
- **apply**: the importer writes the valid rows (all, or only the valid ones when the person chose so).

The upload itself goes through :class:`UploadForm` (step one: a file, always a dry run; step two:
the checked text posted back and checked again, never trusted).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import MultiDict
from wtforms import Form, HiddenField

from lms import csvfiles
from lms.csvfiles import CsvFileError, decode, normalise_header, read_rows


@dataclass(frozen=True)
class Column:
    """One column of an import: its key, its header in the reader's language, and other spellings."""

    key: str
    #: Translatable header, written in the downloadable template in the person's language.
    label: Any
    #: Other headers seen in school files (Massar exports, French and Arabic spreadsheets).
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class RowProblem:
    """A problem in one cell (or, on line 1, with the whole file)."""

    line: int
    #: The column key; pages show its translated header (:meth:`CsvSchema.label`).
    column: str
    #: Translatable (lazy) reason.
    message: object
    #: The header to show; empty for a key of no column (e.g. an unknown header as written).
    label: Any = ""

    @property
    def column_label(self) -> str:
        return str(self.label or self.column)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass
class Row:
    line: int
    #: Column key → the trimmed cell ("" when the column is absent or the cell empty).
    values: dict[str, str]


@dataclass
class ImportPlan:
    """What an import would do. Importers subclass it with their own planned rows."""

    problems: list[RowProblem] = field(default_factory=list)
    #: A problem with the whole file (header, size): nothing can be imported, not even valid rows.
    blocking: bool = False

    @property
    def lines_with_problems(self) -> int:
        return len({p.line for p in self.problems})

    def can_apply(self, valid_rows_only: bool) -> bool:
        """Apply everything when there is no problem, or the valid rows when the person chose that."""
        return not self.blocking and (not self.problems or valid_rows_only)


@dataclass(frozen=True)
class CsvSchema:
    columns: tuple[Column, ...]
    max_rows: int
    #: Headers that block the file, with the reason (e.g. passwords never travel in spreadsheets).
    forbidden: tuple[str, ...] = ()
    forbidden_reason: Any = None
    #: Groups of which at least one column must be present (e.g. a full name, or first and last names).
    one_of: tuple[tuple[str, ...], ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def label(self, key: str) -> Any:
        """The column's header (lazy: it is shown in the reader's language), or the key itself."""
        column = next((c for c in self.columns if c.key == key), None)
        return column.label if column is not None else key

    def problem(self, line: int, key: str, message: object) -> RowProblem:
        return RowProblem(line, key, message, self.label(key) if key in self.keys else "")

    def aliases(self) -> dict[str, str]:
        """Every accepted header, normalised → column key: key, aliases, and the label in each language."""
        found: dict[str, str] = {}
        for column in self.columns:
            for name in (column.key, *column.aliases):
                found.setdefault(normalise_header(name), column.key)
        for language in current_app.config["LANGUAGES"]:
            with force_locale(language):
                for column in self.columns:
                    found.setdefault(normalise_header(str(column.label)), column.key)
        return found

    def read(self, text: str, plan: ImportPlan) -> list[Row]:
        """The rows of ``text`` keyed by column; header problems go to ``plan`` and block it."""
        header, rows = read_rows(text)
        aliases = self.aliases()
        forbidden = {normalise_header(name) for name in self.forbidden}
        positions: dict[str, int] = {}
        for index, name in enumerate(header):
            normalised = normalise_header(name)
            key = aliases.get(normalised)
            if key is not None:
                positions.setdefault(key, index)
            elif normalised in forbidden:
                plan.problems.append(RowProblem(1, name.strip(), self.forbidden_reason))
        missing = [c.key for c in self.columns if c.required and c.key not in positions]
        for group in self.one_of:
            if not any(key in positions for key in group):
                missing.append(" / ".join(group))
        if missing:
            plan.problems.append(RowProblem(1, ", ".join(missing), _l("missing column in the header line")))
        if plan.problems:
            plan.blocking = True
            return []
        result: list[Row] = []
        for line, cells in rows:
            values = {key: "" for key in self.keys}
            for key, index in positions.items():
                values[key] = cells[index].strip() if index < len(cells) else ""
            result.append(Row(line, values))
            if len(result) > self.max_rows:
                plan.problems.append(
                    RowProblem(
                        1,
                        "",
                        _l("more than %(max)s rows: split the file into several files", max=self.max_rows),
                    )
                )
                plan.blocking = True
                return []
        return result

    def template(
        self, examples: Iterable[Sequence[str]] = (), keys: Sequence[str] | None = None
    ) -> list[list[str]]:
        """The header in the current language (every column, or ``keys``), then example rows."""
        columns = [c for c in self.columns if keys is None or c.key in keys]
        if keys is not None:
            columns.sort(key=lambda c: list(keys).index(c.key))
        return [[str(c.label) for c in columns], *[list(row) for row in examples]]


def form_problems(
    form_class: type[Form],
    row: Row,
    schema: CsvSchema,
    *,
    fields: dict[str, str] | None = None,
    skip: Iterable[str] = (),
) -> list[RowProblem]:
    """Run a row through the form's own validators; each field error is a problem in its column.

    ``form_class`` is a plain WTForms form whose fields are built by the same functions as the web
    form's (so one rule, one message); ``fields`` maps a form field to a column key when they differ;
    fields in ``skip`` are not judged for this row (e.g. a name the row does not change).
    """
    fields = fields or {}
    data = MultiDict(row.values)
    for name, key in fields.items():
        data[name] = row.values.get(key, "")
    form = form_class(formdata=data)
    if form.validate():
        return []
    skipped = set(skip)
    return [
        schema.problem(row.line, fields.get(name, name), message)
        for name, messages in form.errors.items()
        if name not in skipped
        for message in messages
    ]


class UploadForm(FlaskForm):
    """Step one uploads a file and always gets a dry run; step two posts the checked text back."""

    file = FileField(
        _l("CSV file"),
        description=_l(
            "As saved by Excel or LibreOffice: CSV (UTF-8 or not), commas, semicolons or tabs, with a "
            "header line."
        ),
    )
    #: The file's text, carried from the dry run to the confirmation (checked again, never trusted).
    content = HiddenField()
    filename = HiddenField()

    def csv_text(self) -> str | None:
        """The CSV as text from the upload or the confirmation, or None after recording an error."""
        if self.file.data:
            self.filename.data = (self.file.data.filename or "")[:200]
            try:
                return decode(self.file.data.read(csvfiles.MAX_UPLOAD_BYTES + 1))
            except CsvFileError as error:
                self.file.errors.append(error.message)
                return None
        if self.content.data:
            if len(self.content.data.encode()) > csvfiles.MAX_UPLOAD_BYTES:
                self.file.errors.append(_l("The file is larger than 1 MB: split it into several files."))
                return None
            return self.content.data
        self.file.errors.append(_l("Please choose a CSV file."))
        return None
