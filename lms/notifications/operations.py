"""Write-side verbs of notifications and announcements; the caller commits.

Mail: when a mail server is configured, the view hands the new notifications to :func:`mail_out`
*after* committing; :func:`lms.mail.send_mail` queues the message for the background sender, so no
request waits on a mail server (and a failing server never loses the in-app notification).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from lms.assignments.dates import end_of_tomorrow
from lms.classes.models import ClassMember, SchoolClass
from lms.core.urls import public_url
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.notifications.models import Announcement, Notification
from lms.users.models import User

if TYPE_CHECKING:
    from lms.assignments.queries import Todo

log = logging.getLogger(__name__)

#: Short enough to read on a phone; an announcement is not a lesson.
ANNOUNCEMENT_MAX = 2000


class NotificationError(Exception):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def notify(
    user_ids: Iterable[int], kind: str, params: dict[str, Any], link: str | None, key: str | None = None
) -> list[Notification]:
    """Add one notification per person; with a ``key``, people who already have it are skipped."""
    ids = sorted(set(user_ids))
    if not ids:
        return []
    if key is not None:
        have = set(
            db.session.scalars(
                select(Notification.user_id).where(Notification.user_id.in_(ids), Notification.key == key)
            )
        )
        ids = [i for i in ids if i not in have]
    made = [Notification(user_id=i, kind=kind, params=params, link=link, key=key) for i in ids]
    db.session.add_all(made)
    db.session.flush()
    return made


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications (or all of them) as read; return how many changed."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=utcnow())).rowcount


def post_announcement(klass: SchoolClass, author: User, body: str) -> tuple[Announcement, list[Notification]]:
    """Post to the class and notify every member."""
    body = (body or "").strip()
    if not body:
        raise NotificationError(_l("Write the announcement first."))
    if len(body) > ANNOUNCEMENT_MAX:
        raise NotificationError(
            _l("An announcement must be at most %(max)d characters long.", max=ANNOUNCEMENT_MAX)
        )
    announcement = Announcement(class_id=klass.id, author_id=author.id, body=body)
    db.session.add(announcement)
    db.session.flush()
    members = db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == klass.id)).all()
    made = notify(
        members,
        "announcement",
        {"class": klass.name, "author": author.display_name, "announcement": announcement.id},
        "/notifications/",
    )
    return announcement, made


def remind_due_tomorrow(user: User, now: datetime, todo: list[Todo] | None = None) -> list[Notification]:
    """Notify the pupil, once per assignment, of work due before the end of tomorrow and not done yet.

    Called when the pupil opens their dashboard or notifications: there is no scheduler on a school
    server, and a reminder nobody is there to read can wait until they come. ``todo`` is the pupil's
    ``pupil_todo(user, now)`` when the caller has it already (the dashboard shows it too).
    """
    from lms.assignments.queries import pupil_todo

    limit = end_of_tomorrow(now)
    made = []
    for work in pupil_todo(user, now) if todo is None else todo:
        due = work.assignment.due_at
        if due is None or not (now <= due < limit):
            continue
        made += notify(
            [user.id],
            "due_soon",
            {
                "course": work.assignment.course.slug,
                "title": titles_of(work.assignment),
                "due": due.isoformat(),
            },
            "/dashboard/learner",
            key=f"due:{work.assignment.id}",
        )
    return made


def titles_of(target: Any) -> dict[str, str]:
    """A title in every interface language, so the notification reads right whatever language is chosen."""
    return {language: target.title_in(language) for language in ("fr", "ar", "en")}


def mail_out(notifications: list[Notification]) -> None:
    """Queue a mail for each notification to a person with an address, in their language.

    Call before the commit that saves the notifications: :func:`lms.mail.send_mail` writes each
    message in the outbox in the same transaction, so the mails leave if and only if the
    notifications are saved (called after that commit, as it was, the rows were never committed and
    no notification mail ever left). Only with a mail server.
    """
    if not notifications or not current_app.config.get("MAIL_SERVER"):
        return
    from lms.mail import send_mail
    from lms.notifications.wording import describe

    people = {
        u.id: u
        for u in db.session.scalars(select(User).where(User.id.in_({n.user_id for n in notifications})))
    }
    for notification in notifications:
        person = people.get(notification.user_id)
        if person is None or not person.email or not person.active:
            continue
        with force_locale(person.language or "fr"):
            text = describe(notification, person.language or "fr")
            subject = f"Maharat — {text}"
            body = text
            if notification.link:
                # The configured public address, never the request's Host (lms/core/urls.py): a
                # forged header would otherwise mail pupils a link to another site.
                body += "\n\n" + public_url() + notification.link
        send_mail(person.email, subject, body)
