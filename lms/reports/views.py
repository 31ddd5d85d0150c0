"""Programme reports for admins (everything) and programme managers (their programme, maybe one region)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lms.audit.operations import Action, record
from lms.core.downloads import ExportAudit, csv_response, download
from lms.core.limits import export_limit
from lms.courses.models import Course
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.geo.models import Province, Region
from lms.i18n import current_language, text_direction
from lms.policy import Permission, in_report_scope, report_scope, require
from lms.programmes.models import Programme
from lms.reports import charts
from lms.reports.courses import Period, course_figures
from lms.reports.forms import TargetForm
from lms.reports.models import NO_PLACE, ProgrammeTarget
from lms.reports.queries import Scope, Week, counts_by_place, counts_by_programme, headline, places, trend
from lms.reports.tables import Column, Row, Table
from lms.reports.targets import TARGET_FIGURES, school_year_of, set_target, target_progress
from lms.reports.vocabulary import ACTIVE_DAYS, HEADLINES, MEASURES, ROLE_LABELS, ROLES

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _metric_columns(role: str) -> list[Column]:
    return [Column(f"{role}_{key}", str(measure.label), key) for key, measure in MEASURES.items()]


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


def _parents(scope: Scope, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Headers and values of the columns naming the places above the rows (region, then province)."""
    labels: list[str] = []
    values: list[str] = []
    if scope.region is not None:
        labels += [_("Region code"), _("Region")]
        values += [scope.region.code, scope.region.name_for(language)]
    if scope.province is not None:
        labels += [_("Province code"), _("Province")]
        values += [scope.province.code, scope.province.name_for(language)]
    return tuple(labels), tuple(values)


def places_table(scope: Scope, role: str, counts: dict[int, dict[str, int]] | None = None) -> Table:
    """One role's figures per place one level under the scope (the CSV writes the same object)."""
    language = current_language()
    counts = counts_by_place(scope, utcnow()) if counts is None else counts
    heading = {"region": _("Region"), "province": _("Province"), "school": _("School")}[scope.level]
    code_label = {"region": _("Region code"), "province": _("Province code"), "school": _("School code")}[
        scope.level
    ]
    captions = {
        "teacher": {
            "region": _("Teachers by region"),
            "province": _("Teachers by province"),
            "school": _("Teachers by school"),
        },
        "student": {
            "region": _("Pupils by region"),
            "province": _("Pupils by province"),
            "school": _("Pupils by school"),
        },
    }
    parent_labels, parents = _parents(scope, language)
    table = Table(
        captions[role][scope.level],
        heading,
        _metric_columns(role),
        parent_labels=parent_labels,
        code_label=code_label,
    )
    for place_id, code, name in places(scope, language):
        link = None
        if scope.level == "region":
            link = _link(scope, region=code)
        elif scope.level == "province":
            link = _link(scope, province=code)
        table.rows.append(Row(name, counts.get(place_id, {}), link, code, parents))
    if scope.level == "region" and NO_PLACE in counts:
        table.rows.append(Row(_("No school recorded"), counts[NO_PLACE], None, "", parents))
    table.add_total(_("Total"))
    return table


def weeks_table(weeks: list[Week]) -> Table:
    columns = [
        Column("enrolled", _("People enrolled"), "enrolled"),
        Column("completed", _("First course completions"), "completed"),
    ]
    table = Table(_("New enrolments and completions per week"), _("Week starting"), columns)
    for week in weeks:
        table.rows.append(
            Row(format_date(week.start, "medium"), {"enrolled": week.enrolled, "completed": week.completed})
        )
    table.add_total(_("Total"))
    return table


def programmes_table(programmes: list[Programme]) -> Table:
    counts = counts_by_programme(programmes, utcnow())
    columns = [Column(key, str(label), key) for key, (label, _definition, _measure) in HEADLINES.items()]
    table = Table(_("The programmes, nationally"), _("Programme"), columns)
    for programme in programmes:
        table.rows.append(Row(programme.name, counts.get(programme.id, {}), _link(Scope(programme))))
    return table


def _pupil_course_missing(programme: Programme) -> bool:
    """Whether no published course of the programme is offered to pupils (so none can be counted)."""
    return (
        db.session.scalar(
            select(Course.id)
            .where(
                Course.programme_id == programme.id,
                Course.for_students.is_(True),
                Course.published.is_(True),
                Course.archived_at.is_(None),
            )
            .limit(1)
        )
        is None
    )


@bp.get("/")
@require(Permission.VIEW_REPORTS)
def index():
    programmes = _programmes()
    scope = _scope(programmes)
    now = utcnow()
    counts = counts_by_place(scope, now)
    tables = {role: places_table(scope, role, counts) for role in ROLES}
    figures = headline(scope, now, counts)
    weeks = trend(scope, now)
    by_week = weeks_table(weeks)
    rtl = text_direction(current_language()) == "rtl"
    place_chart = charts.horizontal(
        [(row.label, row.values.get("student_reached", 0)) for row in tables["student"].rows],
        _("Learners reached"),
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
        tables=tables,
        figures=figures,
        targets=target_progress(scope, figures, now),
        target_labels={key: label for key, (label, _definition, _measure) in HEADLINES.items()},
        pupil_course_missing=_pupil_course_missing(scope.programme),
        weeks=by_week,
        place_chart=place_chart,
        week_chart=week_chart,
        can_go_national=report_scope(current_user)[1] is None,
    )


@bp.get("/glossary")
@require(Permission.VIEW_REPORTS)
def glossary():
    """What each figure means: every figure on every report page links here."""
    return render_template("reports/glossary.html", measures=MEASURES, headlines=HEADLINES, days=ACTIVE_DAYS)


def _role_arg() -> str:
    role = request.args.get("role", "student")
    if role not in ROLES:
        abort(404)
    return role


def _filename(scope: Scope, what: str) -> str:
    place = scope.province.code if scope.province else scope.region.code if scope.region else "national"
    return f"maharat-{scope.programme.code}-{place}-{what}-{utcnow():%Y%m%d}.csv".lower()


def _csv(scope: Scope, what: str, table: Table, name: str | None = None):
    """The table, read whole now (one line per place or week), streamed and audited once sent."""
    header, *rows = list(table.records())
    place = scope.province or scope.region
    audit = ExportAudit(
        current_user.id,
        f"report_{what}",
        f"programme:{scope.programme.code}",
        {"place": place.code if place else None},
    )
    return csv_response(header, rows, _filename(scope, name or what), audit)


@bp.get("/places.csv")
@require(Permission.VIEW_REPORTS)
@download("text/csv")
@export_limit
def export_places():
    """The "people by place" table of the page with the same query string, as CSV."""
    scope = _scope(_programmes())
    role = _role_arg()
    return _csv(scope, "places", places_table(scope, role), f"{role}s")


@bp.get("/weeks.csv")
@require(Permission.VIEW_REPORTS)
@download("text/csv")
@export_limit
def export_weeks():
    """The weekly table of the page with the same query string, as CSV."""
    scope = _scope(_programmes())
    return _csv(scope, "weeks", weeks_table(trend(scope, utcnow())))


def _target_form(now) -> TargetForm:
    form = TargetForm()
    programmes = db.session.scalars(select(Programme).order_by(Programme.id)).all()
    form.programme.choices = [(p.code, p.name) for p in programmes]
    year = school_year_of(now)
    form.school_year.choices = [(y, f"{y}–{y + 1}") for y in range(year - 1, year + 3)]
    regions = db.session.scalars(select(Region).order_by(Region.code)).all()
    language = current_language()
    form.region.choices = [
        ("", _("National")),
        *((r.code, f"{r.code} {r.name_for(language)}") for r in regions),
    ]
    return form


@bp.route("/targets", methods=["GET", "POST"])
@require(Permission.MANAGE_TARGETS)
def targets():
    """Set a programme's targets for a school year, nationally or in a region (admins)."""
    now = utcnow()
    form = _target_form(now)
    if request.method == "GET":
        form.school_year.data = school_year_of(now)
    if form.validate_on_submit():
        programme = db.session.scalar(select(Programme).where(Programme.code == form.programme.data))
        region = (
            db.session.scalar(select(Region).where(Region.code == form.region.data))
            if form.region.data
            else None
        )
        target = set_target(
            programme.id,
            form.school_year.data,
            region.id if region else None,
            **{key: getattr(form, key).data for key in TARGET_FIGURES},
        )
        record(
            Action.TARGET_SET,
            actor=current_user,
            target=f"programme:{programme.code}",
            details={
                "school_year": target.school_year,
                "region": region.code if region else None,
                **{key: getattr(target, key) for key in TARGET_FIGURES},
            },
        )
        db.session.commit()
        flash(_("The targets were saved."), "success")
        return redirect(url_for("reports.targets"))
    rows = db.session.execute(
        select(ProgrammeTarget, Programme, Region)
        .join(Programme, ProgrammeTarget.programme_id == Programme.id)
        .outerjoin(Region, ProgrammeTarget.region_id == Region.id)
        .order_by(ProgrammeTarget.school_year.desc(), Programme.id, Region.code.nulls_first())
    ).all()
    return render_template("reports/targets.html", form=form, rows=rows, fields=TARGET_FIGURES)


def _period(now) -> tuple[Period, list[str]]:
    """The period asked for (``year``, or ``from`` and ``to``), the current school year by default."""
    problems: list[str] = []
    year = school_year_of(now)
    if request.args.get("year", "").isdigit():
        year = int(request.args["year"])
        if not 2000 <= year <= 2100:
            problems.append(_("Choose a school year between 2000 and 2100."))
            year = school_year_of(now)
    period = Period.school_year(year)
    start, end = request.args.get("from", ""), request.args.get("to", "")
    if start or end:
        try:
            custom = Period(date.fromisoformat(start), date.fromisoformat(end))
        except ValueError:
            problems.append(_("Dates are written YYYY-MM-DD, for example 2026-09-01."))
        else:
            if custom.end < custom.start:
                problems.append(_("The end of the period comes before its start."))
            elif (custom.end - custom.start).days > 3660:
                problems.append(_("Choose a period of ten years at most."))
            else:
                period = custom
    return period, problems


def courses_table(scope: Scope, period: Period, role: str | None) -> Table:
    """The programme's courses over a period: the page and its CSV."""
    columns = [
        Column("enrolled", _("Enrolments"), "enrolled"),
        Column("completed", _("Completions"), "completed"),
        Column("completion_rate", _("Enrolments of the period completed (%)")),
        Column("median_days", _("Median days to complete")),
        Column("certificates", _("Certificates issued"), "certificates"),
        Column("revoked", _("Certificates revoked")),
    ]
    table = Table(_("Courses of the programme"), _("Course"), columns, code_label=_("Course code"))
    for f in course_figures(scope, period, role):
        values = {
            "enrolled": f.enrolled,
            "completed": f.completed,
            "completion_rate": f.completion_rate,
            "median_days": f.median_days,
            "certificates": f.certificates,
            "revoked": f.revoked,
        }
        table.rows.append(Row(f.course.title_in(current_language()), values, None, f.course.slug))
    return table


def _courses_context():
    programmes = _programmes()
    scope = _scope(programmes)
    now = utcnow()
    period, problems = _period(now)
    role = request.args.get("role") or None
    if role is not None and role not in ROLES:
        abort(404)
    return scope, period, role, problems, programmes, now


@bp.get("/courses")
@require(Permission.VIEW_REPORTS)
def courses():
    """The programme by course over a period (a school year or dates), for one role or both."""
    scope, period, role, problems, programmes, now = _courses_context()
    for problem in problems:
        flash(problem, "error")
    year = school_year_of(now)
    return render_template(
        "reports/courses.html",
        scope=scope,
        programmes=programmes,
        period=period,
        role=role,
        table=courses_table(scope, period, role),
        years=list(range(year - 4, year + 1)),
    )


@bp.get("/courses.csv")
@require(Permission.VIEW_REPORTS)
@download("text/csv")
@export_limit
def export_courses():
    """The courses table of the page with the same query string, as CSV."""
    scope, period, role, *_rest = _courses_context()
    return _csv(
        scope, f"courses-{period.start:%Y%m%d}-{period.end:%Y%m%d}", courses_table(scope, period, role)
    )


@bp.get("/summary")
@require(Permission.VIEW_REPORTS)
def summary():
    """One printable page per programme and place: the headline figures, targets and the trend."""
    programmes = _programmes()
    scope = _scope(programmes)
    now = utcnow()
    counts = counts_by_place(scope, now)
    figures = headline(scope, now, counts)
    weeks = trend(scope, now)
    by_week = weeks_table(weeks)
    week_chart = charts.grouped_columns(
        [(format_date(w.start, "d/M"), [w.enrolled, w.completed]) for w in weeks],
        [column.label for column in by_week.columns],
        rtl=text_direction(current_language()) == "rtl",
    )
    totals = {role: places_table(scope, role, counts).total for role in ROLES}
    return render_template(
        "reports/summary.html",
        scope=scope,
        figures=figures,
        totals=totals,
        measures=MEASURES,
        role_labels=ROLE_LABELS,
        targets=target_progress(scope, figures, now),
        target_labels={key: label for key, (label, _definition, _measure) in HEADLINES.items()},
        week_chart=week_chart,
        generated=now,
    )
