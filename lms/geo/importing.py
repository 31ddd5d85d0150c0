"""CSV import of provinces and schools: every row checked, all or nothing, idempotent by code.

Used by ``flask --app wsgi geo …`` and by the admins' import page (:mod:`lms.people.places`).
Messages are translatable: the shell prints them in English, the web page in the admin's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from lms.csvfiles import normalise_header, read_rows
from lms.extensions import db
from lms.geo.models import Province, Region, School

PROVINCE_COLUMNS = ("code", "name_fr", "name_ar", "region_code")
SCHOOL_COLUMNS = ("code", "name_fr", "name_ar", "province_code")


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    #: Translatable (lazy) reason.
    message: object

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def _rows(text: str, columns: tuple[str, ...], report: ImportReport):
    header, rows = read_rows(text)
    positions = {normalise_header(name): index for index, name in enumerate(header)}
    missing = [c for c in columns if c not in positions]
    if missing:
        report.problems.append(RowProblem(1, ", ".join(missing), _l("missing column(s) in the header")))
        return
    for line, cells in rows:
        values = {}
        for column in columns:
            index = positions[column]
            values[column] = cells[index].strip() if index < len(cells) else ""
        yield line, values


def _upsert(model, code: str, values: dict, report: ImportReport) -> None:
    obj = db.session.scalar(select(model).where(model.code == code))
    if obj is None:
        db.session.add(model(code=code, **values))
        report.created += 1
    elif any(getattr(obj, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(obj, key, value)
        report.updated += 1
    else:
        report.unchanged += 1


def _import(source: Path | str, model, parent_model, parent_column: str, fk: str) -> ImportReport:
    text = source.read_text(encoding="utf-8-sig") if isinstance(source, Path) else source
    report = ImportReport()
    parents = {p.code: p.id for p in db.session.scalars(select(parent_model))}
    seen: set[str] = set()
    columns = ("code", "name_fr", "name_ar", parent_column)
    for line, row in _rows(text, columns, report):
        problems_before = len(report.problems)
        if not row["code"]:
            report.problems.append(RowProblem(line, "code", _l("empty")))
        elif row["code"] in seen:
            report.problems.append(
                RowProblem(line, "code", _l("%(code)s appears twice in the file", code=row["code"]))
            )
        if not row["name_fr"]:
            report.problems.append(RowProblem(line, "name_fr", _l("empty")))
        if row[parent_column] not in parents:
            report.problems.append(
                RowProblem(line, parent_column, _l("unknown code '%(code)s'", code=row[parent_column]))
            )
        seen.add(row["code"])
        if len(report.problems) == problems_before:
            values = {"name_fr": row["name_fr"], "name_ar": row["name_ar"], fk: parents[row[parent_column]]}
            _upsert(model, row["code"], values, report)
    return report


def import_provinces(source: Path | str) -> ImportReport:
    """Stage provinces (code,name_fr,name_ar,region_code) from a file or its text.

    The caller commits only when ``problems`` is empty (and rolls back for a dry run).
    """
    return _import(source, Province, Region, "region_code", "region_id")


def import_schools(source: Path | str) -> ImportReport:
    """Stage schools (code,name_fr,name_ar,province_code); commit only when ``problems`` is empty."""
    return _import(source, School, Province, "province_code", "province_id")
