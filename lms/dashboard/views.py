"""Each role's landing page: what that person needs first when they sign in."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import func, select

from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.learning.outline import learner_courses
from lms.policy import Permission, report_scope, require
from lms.users.models import Role, User

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.get("/learner")
@require(Permission.LEARN)
def learner():
    from lms.dbtypes import utcnow
    from lms.notifications.operations import remind_due_tomorrow

    # Work due tomorrow is noticed when the pupil comes (no scheduler runs on a school server).
    if current_user.role is Role.STUDENT and remind_due_tomorrow(current_user, utcnow()):
        db.session.commit()
    return render_template("dashboard/learner.html", cards=learner_courses(current_user))


@bp.get("/teacher")
@require(Permission.TEACH)
def teacher():
    """The teacher's classes (one grouped query) and their own training."""
    from lms.classes.summary import class_summaries

    return render_template(
        "dashboard/teacher.html", cards=learner_courses(current_user), summaries=class_summaries(current_user)
    )


@bp.get("/admin")
@require(Permission.MANAGE_PEOPLE)
def admin():
    counts = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    recent = db.session.scalars(select(User).order_by(User.created_at.desc(), User.id.desc()).limit(10)).all()
    from lms.grading.status import grading_overview

    return render_template(
        "dashboard/admin.html", counts=counts, roles=list(Role), recent=recent, grading=grading_overview()
    )


@bp.get("/manager")
@require(Permission.VIEW_REPORTS)
def manager():
    """People in the manager's scope, by region (one grouped query), and each programme's headline."""
    from lms.dbtypes import utcnow
    from lms.programmes.models import Programme
    from lms.reports.queries import Scope, headline

    scope = report_scope(current_user)
    programme_id, region_id = scope if scope else (None, None)
    query = (
        select(Region.id, User.role, func.count(User.id))
        .select_from(User)
        .join(School, User.school_id == School.id)
        .join(Province, School.province_id == Province.id)
        .join(Region, Province.region_id == Region.id)
        .where(User.role.in_([Role.TEACHER, Role.STUDENT]), User.active.is_(True))
        .group_by(Region.id, User.role)
    )
    if programme_id is not None:
        query = query.where(User.programme_id == programme_id)
    if region_id is not None:
        query = query.where(Region.id == region_id)
    counts: dict[int, dict[Role, int]] = {}
    for rid, role, n in db.session.execute(query):
        counts.setdefault(rid, {})[role] = n
    regions_query = select(Region).order_by(Region.code)
    if region_id is not None:
        regions_query = regions_query.where(Region.id == region_id)
    regions = db.session.scalars(regions_query).all()
    totals = {role: sum(c.get(role, 0) for c in counts.values()) for role in (Role.TEACHER, Role.STUDENT)}
    programmes_query = select(Programme).order_by(Programme.id)
    if programme_id is not None:
        programmes_query = programmes_query.where(Programme.id == programme_id)
    region = next((r for r in regions if r.id == region_id), None)
    headlines = [
        (programme, headline(Scope(programme, region), utcnow()))
        for programme in db.session.scalars(programmes_query)
    ]
    return render_template(
        "dashboard/manager.html",
        regions=regions,
        counts=counts,
        totals=totals,
        Role=Role,
        headlines=headlines,
        region_code=region.code if region else None,
    )
