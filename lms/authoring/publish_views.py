"""Publish, unpublish, and the history of a course's versions."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.authoring import publishing
from lms.authoring.blueprint import author, bp, load, registry
from lms.authoring.forms import ConfirmForm
from lms.authoring.models import CourseRevision
from lms.extensions import db


@bp.post("/<slug>/publish")
@author
def publish(slug: str):
    course, _draft = load(slug)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("authoring.show_course", slug=slug))
    try:
        report = publishing.publish(course, current_user, registry())
    except publishing.PublishRefused as refused:
        db.session.rollback()
        return render_template("authoring/refused.html", course=course, problems=refused.problems), 422
    db.session.commit()
    flash(
        _(
            "Version %(version)s published: %(added)d added, %(changed)d changed, %(archived)d archived.",
            version=course.version,
            added=len(report.added),
            changed=len(report.changed),
            archived=len(report.archived),
        ),
        "success",
    )
    return redirect(url_for("authoring.show_course", slug=slug))


@bp.post("/<slug>/unpublish")
@author
def unpublish(slug: str):
    course, _draft = load(slug)
    if ConfirmForm().validate_on_submit() and course.published:
        publishing.unpublish(course, current_user)
        db.session.commit()
        flash(_("The course is hidden from learners; their progress is kept."), "success")
    return redirect(url_for("authoring.show_course", slug=slug))


@bp.get("/<slug>/history")
@author
def history(slug: str):
    course, _draft = load(slug)
    revisions = db.session.scalars(
        select(CourseRevision)
        .where(CourseRevision.course_id == course.id)
        .options(selectinload(CourseRevision.actor))
        .order_by(CourseRevision.id.desc())
    ).all()
    return render_template("authoring/history.html", course=course, revisions=revisions)
