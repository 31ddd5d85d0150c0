"""Notifications (everyone's own), the teacher feedback a pupil received, and a class's announcements."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from lms.classes.models import ClassMember, SchoolClass
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.gradebook.models import AttemptComment, GradeOverride
from lms.i18n import current_language
from lms.learning.models import Attempt
from lms.markdown import render_markdown
from lms.notifications import operations
from lms.notifications.models import Announcement, Notification
from lms.notifications.wording import describe
from lms.policy import Permission, require
from lms.teaching.access import taught_class
from lms.users.models import Role

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

PAGE = 50


class AnnouncementForm(FlaskForm):
    body = TextAreaField(
        _l("Announcement"),
        validators=[
            InputRequired(message=_l("Write the announcement first.")),
            Length(
                max=operations.ANNOUNCEMENT_MAX,
                message=_l(
                    "An announcement must be at most %(max)d characters long.",
                    max=operations.ANNOUNCEMENT_MAX,
                ),
            ),
        ],
        description=_l("Short, in Markdown: **bold**, *italics*, lists and links."),
        render_kw={"dir": "auto", "rows": 4},
    )


@bp.app_context_processor
def _header() -> dict:
    """``unread_notifications()`` for the header: one COUNT, only when a page shows it."""

    def unread() -> int:
        if not current_user.is_authenticated:
            return 0
        return operations.unread_count(current_user)

    return {"unread_notifications": unread}


@bp.app_template_global()
def class_announcements(user, limit: int = 5) -> list[tuple[Announcement, object]]:
    """The latest announcements of the pupil's live classes, rendered (sanitised Markdown)."""
    rows = db.session.scalars(
        select(Announcement)
        .join(SchoolClass, Announcement.class_id == SchoolClass.id)
        .where(
            Announcement.class_id.in_(select(ClassMember.class_id).where(ClassMember.user_id == user.id)),
            SchoolClass.archived_at.is_(None),
        )
        .options(selectinload(Announcement.author), selectinload(Announcement.school_class))
        .order_by(Announcement.created_at.desc(), Announcement.id.desc())
        .limit(limit)
    ).all()
    return [(a, render_markdown(a.body)) for a in rows]


@bp.get("/")
@require(Permission.LEARN)
def index():
    """The person's notifications, newest first; due-tomorrow reminders are worked out now."""
    if current_user.role is Role.STUDENT and operations.remind_due_tomorrow(current_user, utcnow()):
        db.session.commit()
    notifications = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(PAGE)
    ).all()
    language = current_language()
    return render_template(
        "notifications/index.html",
        notifications=[(n, describe(n, language)) for n in notifications],
        form=FlaskForm(),
        announcements=class_announcements(current_user, 10),
    )


@bp.post("/read")
@require(Permission.LEARN)
def read_all():
    if not FlaskForm().validate_on_submit():
        abort(400)
    operations.mark_read(current_user)
    db.session.commit()
    flash(_("Every notification is marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.post("/<int:notification_id>/open")
@require(Permission.LEARN)
def open_notification(notification_id: int):
    """Mark one's own notification read and follow it (only to a path of this site)."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    operations.mark_read(current_user, notification.id)
    db.session.commit()
    link = notification.link or ""
    if not link.startswith("/") or link.startswith("//"):
        link = url_for("notifications.index")
    return redirect(link)


@bp.get("/feedback")
@require(Permission.LEARN)
def feedback():
    """My attempts that a teacher commented on or regraded, newest first, with what they said."""
    commented = select(AttemptComment.attempt_id)
    regraded = select(GradeOverride.attempt_id)
    attempts = db.session.scalars(
        select(Attempt)
        .where(
            Attempt.user_id == current_user.id,
            or_(Attempt.id.in_(commented), Attempt.id.in_(regraded)),
        )
        .options(selectinload(Attempt.item))
        .order_by(Attempt.submitted_at.desc())
        .limit(PAGE)
    ).all()
    ids = [a.id for a in attempts]
    comments: dict[int, list[AttemptComment]] = {}
    overrides: dict[int, list[GradeOverride]] = {}
    if ids:
        for c in db.session.scalars(
            select(AttemptComment)
            .where(AttemptComment.attempt_id.in_(ids))
            .options(selectinload(AttemptComment.author))
            .order_by(AttemptComment.created_at)
        ):
            comments.setdefault(c.attempt_id, []).append(c)
        for o in db.session.scalars(
            select(GradeOverride).where(GradeOverride.attempt_id.in_(ids)).order_by(GradeOverride.at)
        ):
            overrides.setdefault(o.attempt_id, []).append(o)
    return render_template(
        "notifications/feedback.html", attempts=attempts, comments=comments, overrides=overrides
    )


@bp.get("/classes/<int:class_id>/announcements")
@require(Permission.TEACH)
def list_announcements(class_id: int):
    klass = taught_class(class_id)
    return _announcements_page(klass, AnnouncementForm(formdata=None))


def _announcements_page(klass, form, status: int = 200):
    rows = db.session.scalars(
        select(Announcement)
        .where(Announcement.class_id == klass.id)
        .options(selectinload(Announcement.author))
        .order_by(Announcement.created_at.desc(), Announcement.id.desc())
        .limit(PAGE)
    ).all()
    return (
        render_template(
            "notifications/announcements.html",
            klass=klass,
            form=form,
            announcements=[(a, render_markdown(a.body)) for a in rows],
        ),
        status,
    )


@bp.post("/classes/<int:class_id>/announcements")
@require(Permission.TEACH)
def post_announcement(class_id: int):
    klass = taught_class(class_id, write=True)
    form = AnnouncementForm()
    if not form.validate_on_submit():
        return _announcements_page(klass, form, 400)
    try:
        _announcement, made = operations.post_announcement(klass, current_user, form.body.data)
    except operations.NotificationError as error:
        db.session.rollback()
        form.body.errors = [str(error.message)]
        return _announcements_page(klass, form, 400)
    operations.mail_out(made)
    db.session.commit()
    flash(
        ngettext(
            "Announcement posted: %(num)d pupil is notified.",
            "Announcement posted: %(num)d pupils are notified.",
            len(made),
        ),
        "success",
    )
    return redirect(url_for("notifications.list_announcements", class_id=klass.id))
