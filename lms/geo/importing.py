"""CSV import of provinces and schools: every row checked, all or nothing, idempotent by code."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from lms.extensions import db
from lms.geo.models import Province, Region, School


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def _rows(path: Path, columns: tuple[str, ...], report: ImportReport):
    # utf-8-sig: spreadsheets saved "as CSV UTF-8" start with a BOM.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            report.problems.append(RowProblem(1, ", ".join(missing), "missing column(s) in the header"))
            return
        for row in reader:
            yield reader.line_num, {k: (row.get(k) or "").strip() for k in columns}


def _upsert(model, code: str, values: dict, report: ImportReport) -> None:
    obj = db.session.scalar(select(model).where(model.code == code))
    if obj is None:
        db.session.add(model(code=code, **values))
        report.created += 1
    elif any(getattr(obj, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(obj, key, value)
        report.updated += 1


def _import(path: Path, model, parent_model, parent_column: str, fk: str) -> ImportReport:
    report = ImportReport()
    parents = {p.code: p.id for p in db.session.scalars(select(parent_model))}
    seen: set[str] = set()
    for line, row in _rows(path, ("code", "name_fr", "name_ar", parent_column), report):
        problems_before = len(report.problems)
        if not row["code"]:
            report.problems.append(RowProblem(line, "code", "empty"))
        elif row["code"] in seen:
            report.problems.append(RowProblem(line, "code", f"{row['code']} appears twice in the file"))
        if not row["name_fr"]:
            report.problems.append(RowProblem(line, "name_fr", "empty"))
        if row[parent_column] not in parents:
            report.problems.append(RowProblem(line, parent_column, f"unknown code {row[parent_column]!r}"))
        seen.add(row["code"])
        if len(report.problems) == problems_before:
            values = {"name_fr": row["name_fr"], "name_ar": row["name_ar"], fk: parents[row[parent_column]]}
            _upsert(model, row["code"], values, report)
    return report


def import_provinces(path: Path) -> ImportReport:
    """Stage provinces (code,name_fr,name_ar,region_code); commit only when ``problems`` is empty."""
    return _import(path, Province, Region, "region_code", "region_id")


def import_schools(path: Path) -> ImportReport:
    """Stage schools (code,name_fr,name_ar,province_code); commit only when ``problems`` is empty."""
    return _import(path, School, Province, "province_code", "province_id")
