"""A certificate that comes into existence (on completion or issued by an admin) notifies its holder.

Listening to the session rather than to ``course_completed`` catches every way a certificate is made,
whatever order the signal's receivers run in; the notification is flushed with the certificate, so a
certificate rolled back takes its notification with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from lms import languages
from lms.notifications.models import Notification


def _certificate_ready(session: Session, _context: Any, _instances: Any) -> None:
    from lms.certificates.models import Certificate
    from lms.courses.models import Course

    for obj in list(session.new):
        if isinstance(obj, Certificate) and obj.user_id is not None:
            course = session.get(Course, obj.course_id) if obj.course_id is not None else None
            titles = {language: course.title_in(language) for language in languages.CODES} if course else {}
            session.add(
                Notification(
                    user_id=obj.user_id,
                    kind="certificate",
                    params={"title": titles, "code": obj.code},
                    link="/certificates",
                )
            )


def connect() -> None:
    """Listen once per process (idempotent)."""
    if not event.contains(Session, "before_flush", _certificate_ready):
        event.listen(Session, "before_flush", _certificate_ready)
