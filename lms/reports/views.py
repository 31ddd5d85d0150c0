"""Programme reports for admins (everything) and programme managers (their programme, maybe one region)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lms.core.downloads import ExportAudit, csv_response, download
from lms.core.limits import export_limit
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Province, Region
from lms.i18n import current_language, text_direction
from lms.policy import Permission, in_report_scope, report_scope, require
from lms.programmes.models import Programme
from lms.reports import charts
from lms.reports.models import NO_PLACE
from lms.reports.queries import METRICS, Scope, Week, counts_by_place, counts_by_programme, places, trend
from lms.reports.tables import Column, Row, Table

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _metric_columns() -> list[Column]:
    labels = {
        "teacher_enrolled": _("Teachers enrolled"),
        "teacher_active": _("Teachers active (30 days)"),
        "teacher_completed": _("Teachers who completed a course"),
        "student_enrolled": _("Pupils enrolled"),
        "student_active": _("Pupils active (30 days)"),
        "student_completed": _("Pupils who completed a course"),
    }
    return [Column(key, labels[key]) for key in METRICS]


def _programmes() -> list[Programme]:
    allowed = report_scope(current_user)
    if allowed is None:
        abort(403)
    query = select(Programme).order_by(Programme.id)
    if allowed[0] is not None:
        query = query.where(Programme.id == allowed[0])
    return list(db.session.scalars(query))


def _scope(programmes: list[Programme]) -> Scope:
    """The report asked for by the query string, or 403/404 when it is outside the reader's scope."""
    code = request.args.get("programme", "")
    programme = next((p for p in programmes if p.code == code), None) if code else programmes[0]
    if programme is None:
        abort(403 if db.session.scalar(select(Programme.id).where(Programme.code == code)) else 404)
    province = region = None
    if request.args.get("province"):
        province = db.session.scalar(select(Province).where(Province.code == request.args["province"]))
        if province is None:
            abort(404)
        region = province.region
    elif request.args.get("region"):
        region = db.session.scalar(select(Region).where(Region.code == request.args["region"]))
        if region is None:
            abort(404)
    forced = report_scope(current_user)[1]
    if region is None and forced is not None:
        region = db.session.get(Region, forced)
    if not in_report_scope(current_user, programme.id, region.id if region else None):
        abort(403)
    return Scope(programme, region, province)


def _link(scope: Scope, **params: str) -> str:
    return url_for("reports.index", programme=scope.programme.code, **params)


def places_table(scope: Scope) -> Table:
    language = current_language()
    counts = counts_by_place(scope, utcnow())
    heading = {"region": _("Region"), "province": _("Province"), "school": _("School")}[scope.level]
    captions = {
        "region": _("People by region"),
        "province": _("People by province"),
        "school": _("People by school"),
    }
    table = Table(captions[scope.level], heading, _metric_columns())
    for place_id, code, name in places(scope, language):
        link = None
        if scope.level == "region":
            link = _link(scope, region=code)
        elif scope.level == "province":
            link = _link(scope, province=code)
        table.rows.append(Row(name, counts.get(place_id, {}), link, code))
    if scope.level == "region" and NO_PLACE in counts:
        table.rows.append(Row(_("No school recorded"), counts[NO_PLACE]))
    table.add_total(_("Total"))
    return table


def weeks_table(weeks: list[Week]) -> Table:
    columns = [Column("enrolled", _("People enrolled")), Column("completed", _("First course completions"))]
    table = Table(_("New enrolments and completions per week"), _("Week starting"), columns)
    for week in weeks:
        table.rows.append(
            Row(format_date(week.start, "medium"), {"enrolled": week.enrolled, "completed": week.completed})
        )
    table.add_total(_("Total"))
    return table


def programmes_table(programmes: list[Programme]) -> Table:
    counts = counts_by_programme(programmes, utcnow())
    table = Table(_("People by programme, nationally"), _("Programme"), _metric_columns())
    for programme in programmes:
        table.rows.append(Row(programme.name, counts.get(programme.id, {}), _link(Scope(programme))))
    return table


@bp.get("/")
@require(Permission.VIEW_REPORTS)
def index():
    programmes = _programmes()
    scope = _scope(programmes)
    by_place = places_table(scope)
    weeks = trend(scope, utcnow())
    by_week = weeks_table(weeks)
    rtl = text_direction(current_language()) == "rtl"
    place_chart = charts.horizontal(
        [(row.label, row.values.get("student_enrolled", 0)) for row in by_place.rows],
        _("Pupils enrolled"),
        rtl=rtl,
    )
    week_chart = charts.grouped_columns(
        [(format_date(w.start, "d/M"), [w.enrolled, w.completed]) for w in weeks],
        [column.label for column in by_week.columns],
        rtl=rtl,
    )
    return render_template(
        "reports/index.html",
        scope=scope,
        programmes=programmes,
        programmes_table=programmes_table(programmes) if len(programmes) > 1 else None,
        places=by_place,
        weeks=by_week,
        place_chart=place_chart,
        week_chart=week_chart,
        can_go_national=report_scope(current_user)[1] is None,
    )


def _filename(scope: Scope, what: str) -> str:
    place = scope.province.code if scope.province else scope.region.code if scope.region else "national"
    return f"maharat-{scope.programme.code}-{place}-{what}-{utcnow():%Y%m%d}.csv".lower()


def _csv(scope: Scope, what: str, table: Table):
    """The table, read whole now (one line per place or week), streamed and audited once sent."""
    header, *rows = list(table.records())
    place = scope.province or scope.region
    audit = ExportAudit(
        current_user.id,
        f"report_{what}",
        f"programme:{scope.programme.code}",
        {"place": place.code if place else None},
    )
    return csv_response(header, rows, _filename(scope, what), audit)


@bp.get("/places.csv")
@require(Permission.VIEW_REPORTS)
@download("text/csv")
@export_limit
def export_places():
    """The "people by place" table of the page with the same query string, as CSV."""
    scope = _scope(_programmes())
    return _csv(scope, "places", places_table(scope))


@bp.get("/weeks.csv")
@require(Permission.VIEW_REPORTS)
@download("text/csv")
@export_limit
def export_weeks():
    """The weekly table of the page with the same query string, as CSV."""
    scope = _scope(_programmes())
    return _csv(scope, "weeks", weeks_table(trend(scope, utcnow())))
