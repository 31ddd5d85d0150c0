"""Print one learner's progress rows in a course as JSON (the browser tests compare the progress page).

``python -m tests.browser.progress_dump`` with ``DUMP_EMAIL`` and ``DUMP_COURSE`` in the environment,
against the live server's instance (see :func:`tests.browser.conftest.run_in_app`).
"""

from __future__ import annotations

import json
import os


def dump() -> dict:
    from sqlalchemy import select

    from lms import create_app
    from lms.courses.models import Course, Item
    from lms.extensions import db
    from lms.learning.models import Enrolment, ItemProgress
    from lms.users.models import User

    app = create_app()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == os.environ["DUMP_EMAIL"]))
        course = db.session.scalar(select(Course).where(Course.slug == os.environ["DUMP_COURSE"]))
        rows = db.session.execute(
            select(Item.slug, ItemProgress)
            .join(ItemProgress, ItemProgress.item_id == Item.id)
            .where(ItemProgress.user_id == user.id, ItemProgress.course_id == course.id)
        ).all()
        enrolment = db.session.scalar(
            select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
        )
        return {
            "items": {
                slug: {
                    "status": row.status.value,
                    "attempts": row.attempts,
                    "best": None if row.best_score is None else round(row.best_score * 100),
                }
                for slug, row in rows
            },
            "last_item_id": enrolment.last_item_id if enrolment else None,
        }


if __name__ == "__main__":
    print(json.dumps(dump()))
