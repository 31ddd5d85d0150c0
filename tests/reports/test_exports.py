"""CSV safety, chart geometry in both directions, and the indexes the report queries use."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Region
from lms.programmes.models import Programme
from lms.reports import charts
from lms.reports.exports import csv_lines, neutralise
from lms.reports.queries import Scope, active_query, totals_query


@pytest.mark.parametrize("value", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_cells_become_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Amina", "أمينة", "a=b", 12, -3, 0.5])
def test_other_cells_are_untouched(value):
    assert neutralise(value) == value


def test_csv_lines_start_with_a_bom_and_use_crlf():
    lines = list(csv_lines([["Nom", "Total"], ['أمينة, "la" première', 3]]))
    assert lines == ["\ufeff", "Nom,Total\r\n", '"أمينة, ""la"" première",3\r\n']


def test_bars_grow_from_the_label_side_in_both_directions():
    items = [("Casablanca-Settat", 10), ("Souss-Massa", 5)]
    ltr, rtl = charts.horizontal(items, "x", rtl=False), charts.horizontal(items, "x", rtl=True)
    assert ltr.bars[0].width == rtl.bars[0].width == 2 * ltr.bars[1].width
    assert ltr.bars[0].x == ltr.bars[1].x  # aligned on the left edge
    assert rtl.bars[0].x + rtl.bars[0].width == rtl.bars[1].x + rtl.bars[1].width  # on the right edge
    assert ltr.labels[0].x < ltr.bars[0].x and rtl.labels[0].x > rtl.bars[0].x


def test_weeks_run_in_the_reading_direction():
    groups = [("1/9", [1, 0]), ("8/9", [2, 1])]
    ltr, rtl = (
        charts.grouped_columns(groups, ["a", "b"], rtl=False),
        charts.grouped_columns(groups, ["a", "b"], rtl=True),
    )
    assert ltr.labels[0].x < ltr.labels[1].x and rtl.labels[0].x > rtl.labels[1].x
    assert charts.horizontal([], "x", rtl=False).bars == []


def _plan(statement) -> str:
    sql = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    return " | ".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


def _pg_plan(statement) -> str:
    """PostgreSQL's plan with sequential scans priced out, so a missing index shows as a Seq Scan."""
    sql = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    return " | ".join(row[0] for row in db.session.execute(text(f"EXPLAIN {sql}")))


def test_the_report_queries_read_indexes_not_tables(app):
    if db.engine.dialect.name == "postgresql":
        return _check_postgresql_plans()
    programme = db.session.scalar(select(Programme).where(Programme.code == "sic"))
    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    for scope in (Scope(programme), Scope(programme, region)):
        totals = _plan(totals_query(scope))
        assert "SEARCH report_totals USING INDEX" in totals and "(programme_id=?)" in totals, totals
        active = _plan(active_query(scope, utcnow()))
        # The unique key's index (SQLite names it sqlite_autoindex_…), on a range of the last 30 days.
        assert "SEARCH report_active_days USING INDEX" in active, active
        assert "(programme_id=? AND level=? AND parent_id=? AND day>?)" in active, active
        assert "SCAN" not in totals + active


def _check_postgresql_plans() -> None:
    programme = db.session.scalar(select(Programme).where(Programme.code == "sic"))
    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    for scope in (Scope(programme), Scope(programme, region)):
        totals = _pg_plan(totals_query(scope))
        assert "Index" in totals and "Seq Scan" not in totals, totals
        active = _pg_plan(active_query(scope, utcnow()))
        assert "uq_report_active_days_programme_id" in active and "Seq Scan" not in active, active
    db.session.rollback()
