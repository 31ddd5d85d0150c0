"""CSV import of provinces and schools: every row checked, all or nothing, idempotent by code.

Used by ``flask --app wsgi geo …`` and by the admins' import page (:mod:`lms.people.import_views`),
through the shared scaffold of :mod:`lms.csvimport` (the same tolerant reader and header aliases as
the people and roster imports). Messages are translatable: the shell prints them in English, the
web page in the admin's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from lms.csvfiles import decode
from lms.csvimport import Column, CsvSchema, ImportPlan
from lms.csvimport import RowProblem as RowProblem
from lms.extensions import db
from lms.geo.models import Province, Region, School

_CODE = Column("code", _l("Code"), ("code établissement", "الرمز"), required=True)
_NAME_FR = Column(
    "name_fr", _l("Name in French"), ("nom", "nom fr", "nom français", "libellé"), required=True
)
_NAME_AR = Column(
    "name_ar", _l("Name in Arabic"), ("nom ar", "nom arabe", "الاسم", "الاسم بالعربية"), required=True
)

PROVINCE_SCHEMA = CsvSchema(
    columns=(
        _CODE,
        _NAME_FR,
        _NAME_AR,
        Column("region_code", _l("Region code"), ("code région", "رمز الجهة"), True),
    ),
    max_rows=5000,
)
SCHOOL_SCHEMA = CsvSchema(
    columns=(
        _CODE,
        _NAME_FR,
        _NAME_AR,
        Column("province_code", _l("Province code"), ("code province", "رمز الإقليم", "رمز العمالة"), True),
    ),
    max_rows=20000,
)
PROVINCE_COLUMNS = PROVINCE_SCHEMA.keys
SCHOOL_COLUMNS = SCHOOL_SCHEMA.keys


@dataclass
class ImportReport(ImportPlan):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


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


def _import(source: Path | str, schema: CsvSchema, model, parent_model, fk: str) -> ImportReport:
    text = decode(source.read_bytes(), limit=None) if isinstance(source, Path) else source
    report = ImportReport()
    rows = schema.read(text, report)
    if report.blocking:
        return report
    parent_column = schema.keys[-1]
    parents = {p.code: p.id for p in db.session.scalars(select(parent_model))}
    seen: set[str] = set()
    for row in rows:
        values = row.values
        problems_before = len(report.problems)

        def problem(column: str, message: object, line: int = row.line) -> None:
            report.problems.append(schema.problem(line, column, message))

        if not values["code"]:
            problem("code", _l("empty"))
        elif values["code"] in seen:
            problem("code", _l("%(code)s appears twice in the file", code=values["code"]))
        if not values["name_fr"]:
            problem("name_fr", _l("empty"))
        if values[parent_column] not in parents:
            problem(parent_column, _l("unknown code '%(code)s'", code=values[parent_column]))
        seen.add(values["code"])
        if len(report.problems) == problems_before:
            changes = {
                "name_fr": values["name_fr"],
                "name_ar": values["name_ar"],
                fk: parents[values[parent_column]],
            }
            _upsert(model, values["code"], changes, report)
    return report


def import_provinces(source: Path | str) -> ImportReport:
    """Stage provinces (code,name_fr,name_ar,region_code) from a file or its text.

    The caller commits only when ``problems`` is empty (and rolls back for a dry run).
    """
    return _import(source, PROVINCE_SCHEMA, Province, Region, "region_id")


def import_schools(source: Path | str) -> ImportReport:
    """Stage schools (code,name_fr,name_ar,province_code); commit only when ``problems`` is empty."""
    return _import(source, SCHOOL_SCHEMA, School, Province, "province_id")
