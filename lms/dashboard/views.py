"""Each role's landing page: what that person needs first when they sign in."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import func, select

from lms.extensions import db
from lms.geo.models import Region
from lms.learning.outline import learner_courses
from lms.policy import Permission, report_scope, require
from lms.users.models import Role, User

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.get("/learner")
@require(Permission.LEARN)
def learner():
    """The learner's work to do, announcements, courses and certificates.

    The to-do list is worked out once and serves both the due-tomorrow reminders and the page.
    """
    from lms.assignments.queries import pupil_todo
    from lms.dbtypes import utcnow
    from lms.notifications.operations import remind_due_tomorrow

    todo = []
    if current_user.role is Role.STUDENT:
        now = utcnow()
        todo = pupil_todo(current_user, now)
        # Work due tomorrow is noticed when the pupil comes (no scheduler runs on a school server).
        if remind_due_tomorrow(current_user, now, todo):
            db.session.commit()
    return render_template("dashboard/learner.html", cards=learner_courses(current_user), todo=todo)


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
    """Each programme in the manager's scope: the same figures as its report, and its targets."""
    from lms.dbtypes import utcnow
    from lms.programmes.models import Programme
    from lms.reports.queries import Scope, headline
    from lms.reports.targets import target_progress
    from lms.reports.vocabulary import HEADLINES

    programme_id, region_id = report_scope(current_user) or (None, None)
    programmes_query = select(Programme).order_by(Programme.id)
    if programme_id is not None:
        programmes_query = programmes_query.where(Programme.id == programme_id)
    region = db.session.get(Region, region_id) if region_id is not None else None
    now = utcnow()
    cards = []
    for programme in db.session.scalars(programmes_query):
        scope = Scope(programme, region)
        figures = headline(scope, now)
        cards.append((programme, figures, target_progress(scope, figures, now)))
    return render_template(
        "dashboard/manager.html",
        cards=cards,
        region=region,
        target_labels={key: label for key, (label, _definition, _measure) in HEADLINES.items()},
    )
