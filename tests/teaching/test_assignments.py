"""Assignments: a course, a unit or an item for the class or chosen pupils, due in Morocco's time, late marked."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from lms.assignments.models import Assignment
from lms.courses.models import Unit
from lms.extensions import db
from lms.learning.models import Attempt
from lms.notifications.models import Notification
from tests.teaching.conftest import EN, WRONG, item, submit
from tests.teaching.test_gradebook import grid_cells


def unit_of(course, slug):
    return db.session.scalar(select(Unit).where(Unit.course_id == course.id, Unit.slug == slug))


def test_a_unit_due_friday_in_casablanca_time(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    unit = unit_of(assigned, "bases")
    response = client.post(
        f"/assignments/classes/{klass.id}",
        data={
            "target": f"unit:{unit.id}",
            "audience": "class",
            "due_date": "2026-12-11",
            "due_time": "18:00",
        },
    )
    assert response.status_code == 302
    assignment = db.session.scalar(select(Assignment))
    # Morocco is back on UTC+0 since 20 September 2026 (IANA 2026f; it was UTC+1 outside Ramadan):
    # 18:00 there is 18:00 UTC in December 2026. The pupil's page says 18:00 (tests/test_zones.py).
    assert assignment.due_at == datetime(2026, 12, 11, 18, 0, tzinfo=UTC)
    assert assignment.unit_id == unit.id and assignment.whole_class
    notified = db.session.scalars(select(Notification.user_id).where(Notification.kind == "assignment")).all()
    assert sorted(notified) == sorted(p.id for p in pupils)
    page = client.get(f"/assignments/classes/{klass.id}", headers=EN).get_data(as_text=True)
    assert "Unit 1" in page or "Les bases" in page or unit.title in page


def test_pupils_see_their_to_do_with_dates(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    quiz = item(assigned, "quiz-bases")
    client.post(
        f"/assignments/classes/{klass.id}",
        data={
            "target": f"item:{quiz.id}",
            "audience": "pupils",
            "pupils": [pupils[0].id],
            "due_date": "2030-01-10",
        },
    )
    auth.logout()
    auth.login(pupils[0])
    page = client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
    assert 'id="todo"' in page and "Quiz des bases" in page and "due Jan 10, 2030" in page
    assert f'href="/courses/{assigned.slug}/items/quiz-bases"' in page
    auth.logout()
    auth.login(pupils[1])  # not chosen
    assert 'id="todo"' not in client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
    auth.logout()
    # Done work leaves the list.
    submit(pupils[0], assigned, "quiz-bases", {"answers": {"q1": "b", "q2": "def"}})
    auth.login(pupils[0])
    assert 'id="todo"' not in client.get("/dashboard/learner", headers=EN).get_data(as_text=True)


def test_late_work_is_accepted_and_marked_late(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    quiz = item(assigned, "quiz-bases")
    client.post(
        f"/assignments/classes/{klass.id}",
        data={"target": f"item:{quiz.id}", "audience": "class", "due_date": "2026-01-05"},
    )
    attempt = submit(pupils[0], assigned, "quiz-bases", WRONG)  # now, long after the due date
    assert attempt.id is not None
    page = client.get(f"/gradebook/classes/{klass.id}", headers=EN).get_data(as_text=True)
    rows = {r[0]: r for r in grid_cells(page)}
    quiz_column = 3  # name, introduction, pour-aller-plus-loin, quiz
    assert rows["Amina Benali"][quiz_column] == "0% ×1 late"
    assert rows["Youssef Idrissi"][quiz_column] == "— overdue"
    detail = client.get(
        f"/gradebook/classes/{klass.id}/learners/{pupils[0].id}/items/{quiz.id}", headers=EN
    ).get_data(as_text=True)
    assert "badge-late" in detail
    # Work handed in before the due date is not late (but, not passed, it is still overdue).
    db.session.execute(update(Attempt).values(submitted_at=datetime(2026, 1, 1, tzinfo=UTC)))
    db.session.commit()
    page = client.get(f"/gradebook/classes/{klass.id}", headers=EN).get_data(as_text=True)
    assert {r[0]: r for r in grid_cells(page)}["Amina Benali"][quiz_column] == "0% ×1 overdue"


def test_the_gradebook_and_heatmap_filter_by_assignment(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    unit = unit_of(assigned, "suite")
    client.post(
        f"/assignments/classes/{klass.id}",
        data={"target": f"unit:{unit.id}", "audience": "pupils", "pupils": [pupils[1].id]},
    )
    assignment = db.session.scalar(select(Assignment))
    page = client.get(f"/gradebook/classes/{klass.id}?assignment={assignment.id}", headers=EN).get_data(
        as_text=True
    )
    rows = grid_cells(page)
    assert [r[0] for r in rows] == ["Youssef Idrissi"]
    assert len(rows[0]) == 1 + 2 + 1 + 1  # name, the unit's two items, its total, the course total
    heatmap = client.get(f"/classes/{klass.id}?assignment={assignment.id}", headers=EN).get_data(as_text=True)
    assert re.findall(r'<tr data-learner="(\d+)"', heatmap) == [str(pupils[1].id)]
    assert 'data-unit="bases"' not in heatmap
    assert client.get(f"/gradebook/classes/{klass.id}?assignment=999").status_code == 404
    assert client.get(f"/classes/{klass.id}?assignment=999").status_code == 404


def test_unassign_and_bad_input(
    client, auth, teacher, other_teacher, klass, pupils, assigned, make_user, school
):
    auth.login(teacher)
    response = client.post(f"/assignments/classes/{klass.id}", data={"target": "course:999"}, headers=EN)
    assert response.status_code == 400
    response = client.post(
        f"/assignments/classes/{klass.id}",
        data={"target": f"course:{assigned.id}", "audience": "pupils"},
        headers=EN,
    )
    assert response.status_code == 400
    assert "Choose at least one pupil" in response.get_data(as_text=True)
    client.post(
        f"/assignments/classes/{klass.id}", data={"target": f"course:{assigned.id}", "audience": "class"}
    )
    assignment = db.session.scalar(select(Assignment))
    auth.logout()
    auth.login(other_teacher)
    assert client.post(f"/assignments/classes/{klass.id}/{assignment.id}/remove").status_code == 404
    assert client.get(f"/assignments/classes/{klass.id}").status_code == 404
    auth.logout()
    auth.login(pupils[0])
    assert client.get(f"/assignments/classes/{klass.id}").status_code == 403
    auth.logout()
    auth.login(teacher)
    assert client.post(f"/assignments/classes/{klass.id}/{assignment.id}/remove").status_code == 302
    assert db.session.scalar(select(Assignment)) is None


def test_due_tomorrow_reminds_once(client, auth, teacher, klass, pupils, assigned):
    from lms.assignments import operations
    from lms.dbtypes import utcnow

    operations.assign(klass, assigned, teacher, due_at=utcnow() + timedelta(hours=20))
    db.session.commit()
    auth.login(pupils[0])
    for _ in range(2):
        page = client.get("/notifications/", headers=EN).get_data(as_text=True)
    assert page.count("Due tomorrow: Cours de test") == 1


def test_the_dashboard_reads_the_pupils_work_once_whatever_its_length(
    client, auth, teacher, klass, pupils, assigned
):
    """One to-do list serves the page and the due-tomorrow reminders; more assignments, no more queries."""
    from lms.assignments import operations
    from lms.dbtypes import utcnow
    from tests.conftest import count_queries

    units = db.session.scalars(
        select(Unit).where(Unit.course_id == assigned.id).order_by(Unit.position)
    ).all()
    operations.assign(klass, assigned, teacher, unit=units[0], due_at=utcnow() + timedelta(hours=20))
    db.session.commit()
    auth.login(pupils[0])
    client.get("/dashboard/learner", headers=EN)  # the reminder is made once, on the first visit

    def dashboard() -> tuple[str, list[str]]:
        with count_queries() as statements:
            page = client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
        return page, statements

    page, few = dashboard()
    assert 'id="todo"' in page and page.count("<li data-assignment=") == 1
    reads = [s for s in few if re.search(r"FROM assignments\b", s)]
    assert len(reads) == 1, reads
    for unit in units[1:]:
        operations.assign(klass, assigned, teacher, unit=unit, due_at=utcnow() + timedelta(days=9))
    db.session.commit()
    page, many = dashboard()
    assert page.count("<li data-assignment=") > 1
    assert len(many) == len(few), (few, many)
    reminders = db.session.scalars(select(Notification).where(Notification.kind == "due_soon")).all()
    assert [n.user_id for n in reminders] == [pupils[0].id]


def _due_form(client, klass, assignment, **fields):
    prefix = f"due-{assignment.id}-"
    return client.post(
        f"/assignments/classes/{klass.id}/{assignment.id}/due",
        data={prefix + name: value for name, value in fields.items()},
        headers=EN,
    )


def test_a_teacher_moves_a_due_date_and_the_pupils_are_told_and_reminded_again(
    client, auth, teacher, klass, pupils, assigned
):
    from lms.assignments import operations
    from lms.dbtypes import utcnow
    from lms.zones import MOROCCO, zone

    operations.assign(klass, assigned, teacher, due_at=utcnow() + timedelta(hours=20))
    db.session.commit()
    assignment = db.session.scalar(select(Assignment))
    auth.login(pupils[0])
    client.get("/dashboard/learner", headers=EN)  # the "due tomorrow" reminder of the first date
    auth.logout()

    auth.login(teacher)
    page = client.get(f"/assignments/classes/{klass.id}", headers=EN).get_data(as_text=True)
    local = assignment.due_at.astimezone(zone(MOROCCO))
    assert f'name="due-{assignment.id}-due_date" type="date" value="{local.date().isoformat()}"' in page
    tomorrow = (utcnow().astimezone(zone(MOROCCO)) + timedelta(days=1)).date()
    response = _due_form(client, klass, assignment, due_date=tomorrow.isoformat(), due_time="08:30")
    assert response.status_code == 302
    db.session.expire_all()
    assert assignment.due_at.astimezone(zone(MOROCCO)).strftime("%H:%M") == "08:30"
    told = db.session.scalars(select(Notification).where(Notification.kind == "due_changed")).all()
    assert sorted(n.user_id for n in told) == sorted(p.id for p in pupils)
    page = client.get(f"/assignments/classes/{klass.id}", headers=EN).get_data(as_text=True)
    assert "pupils are told" in page and "8:30" in page
    # The same date again: nothing to tell.
    _due_form(client, klass, assignment, due_date=tomorrow.isoformat(), due_time="08:30")
    assert len(db.session.scalars(select(Notification).where(Notification.kind == "due_changed")).all()) == 3
    auth.logout()

    auth.login(pupils[0])
    page = client.get("/notifications/", headers=EN).get_data(as_text=True)
    assert "New due date for Cours de test" in page and "8:30" in page
    assert page.count("Due tomorrow: Cours de test") == 2  # reminded again, of the new date
    auth.logout()

    auth.login(teacher)
    assert _due_form(client, klass, assignment, due_date="", due_time="").status_code == 302
    db.session.expire_all()
    assert assignment.due_at is None
    auth.logout()
    auth.login(pupils[1])
    assert "Cours de test no longer has a due date" in client.get("/notifications/", headers=EN).get_data(
        as_text=True
    )


def test_a_bad_due_date_is_refused_and_changes_nothing(
    client, auth, teacher, other_teacher, klass, pupils, assigned
):
    from lms.assignments import operations

    due = datetime(2030, 1, 10, 22, 59, tzinfo=UTC)
    operations.assign(klass, assigned, teacher, due_at=due)
    db.session.commit()
    assignment = db.session.scalar(select(Assignment))
    auth.login(teacher)
    for fields, error in [
        ({"due_date": "2030-02-31"}, "Not a valid date value."),
        ({"due_date": "", "due_time": "10:00"}, "Choose the day of this time."),
        ({"due_date": "2030-02-01", "due_time": "25:00"}, "Not a valid time value."),
    ]:
        response = _due_form(client, klass, assignment, **fields)
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and error in page, (fields, page[-2000:])
        assert '<details class="due-change" open>' in page
        db.session.expire_all()
        assert assignment.due_at == due
    assert not db.session.scalars(select(Notification).where(Notification.kind == "due_changed")).all()
    auth.logout()
    auth.login(other_teacher)
    assert _due_form(client, klass, assignment, due_date="2030-03-01").status_code == 404
    auth.logout()
    auth.login(pupils[0])
    assert _due_form(client, klass, assignment, due_date="2030-03-01").status_code == 403
    db.session.expire_all()
    assert assignment.due_at == due


def test_a_time_without_a_day_is_refused_when_assigning(client, auth, teacher, klass, pupils, assigned):
    auth.login(teacher)
    response = client.post(
        f"/assignments/classes/{klass.id}",
        data={"target": f"course:{assigned.id}", "audience": "class", "due_time": "10:00"},
        headers=EN,
    )
    assert response.status_code == 400 and "Choose the day of this time." in response.get_data(as_text=True)
    assert db.session.scalar(select(Assignment)) is None


def test_mailed_notifications_leave_and_link_to_the_public_url(
    app, client, auth, teacher, klass, pupils, assigned, monkeypatch
):
    """Each pupil's mail is queued (it was dropped with the request's session) and links to the site's
    configured address, not to the address the request came to (a forged Host would be another site)."""
    from lms.assignments import operations
    from lms.mail.models import OutboxMessage

    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://maharat.example.ma")
    operations.assign(klass, assigned, teacher, due_at=datetime(2030, 1, 10, 22, 59, tzinfo=UTC))
    db.session.commit()
    assignment = db.session.scalar(select(Assignment))
    auth.login(teacher)
    response = client.post(
        f"/assignments/classes/{klass.id}/{assignment.id}/due",
        data={f"due-{assignment.id}-due_date": "2030-01-17"},
        headers={**EN, "X-Forwarded-Host": "evil.example"},
    )
    assert response.status_code == 302
    mails = db.session.execute(select(OutboxMessage.recipient, OutboxMessage.body)).all()
    assert sorted(to for to, _body in mails) == sorted(p.email for p in pupils)
    for _to, body in mails:
        assert body.endswith("\n\nhttps://maharat.example.ma/dashboard/learner"), body
        assert "localhost" not in body and "evil.example" not in body
