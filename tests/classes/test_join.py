"""Pupils join a class with its code or link; the code is the only way in, and joining twice is harmless."""

from __future__ import annotations

from sqlalchemy import func, select

from lms.classes import operations
from lms.classes.models import ClassMember
from lms.extensions import db
from lms.learning.models import Attempt, Enrolment, ItemProgress, ItemStatus
from lms.users.models import Role
from tests.classes.conftest import EN, complete_first_unit
from tests.classes.html_tables import table_rows


def members() -> int:
    return db.session.scalar(select(func.count()).select_from(ClassMember))


def test_the_join_link_fills_in_the_code(client, auth, make_user, klass):
    auth.login(make_user())
    page = client.get(f"/classes/join?code={klass.join_code.lower()}").get_data(as_text=True)
    assert f'value="{klass.join_code}"' in page and 'id="code"' in page


def test_a_visitor_following_the_link_signs_in_first_and_keeps_the_code(client, klass):
    response = client.get(f"/classes/join?code={klass.join_code}")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"] and klass.join_code in response.headers["Location"]


def test_a_pupil_joins_with_the_code_and_is_enrolled(client, auth, make_user, klass, course):
    operations.assign_course(klass, course)
    db.session.commit()
    pupil = make_user(language="en")
    auth.login(pupil)
    response = client.post("/classes/join", data={"code": klass.join_code[:4] + "-" + klass.join_code[4:]})
    assert response.headers["Location"].endswith("/dashboard/learner")
    assert members() == 1
    assert db.session.scalar(select(Enrolment.source).where(Enrolment.user_id == pupil.id)) == "class"
    page = client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
    assert "Welcome to the class" in page and "Cours de test" in page


def test_joining_twice_is_idempotent(client, auth, make_user, klass):
    auth.login(make_user(language="en"))
    client.post("/classes/join", data={"code": klass.join_code})
    client.post("/classes/join", data={"code": klass.join_code})
    assert members() == 1
    assert "You are already in the class" in client.get("/dashboard/learner").get_data(as_text=True)


def test_a_wrong_code_is_refused_with_a_message(client, auth, make_user, klass):
    auth.login(make_user(language="en"))
    response = client.post("/classes/join", data={"code": "AAAAAAAA"})
    assert response.status_code == 200 and b"No class has this code" in response.data
    assert members() == 0


def test_a_pupil_without_a_school_takes_the_class_school(make_user, klass):
    pupil = make_user()
    operations.join_with_code(pupil, klass.join_code)
    db.session.commit()
    assert pupil.school_id == klass.school_id


def test_a_pupil_keeps_their_own_school(make_user, make_school, klass):
    elsewhere = make_school("MA-01")
    pupil = make_user(school_id=elsewhere.id)
    operations.join_with_code(pupil, klass.join_code)
    assert pupil.school_id == elsewhere.id


def test_only_pupils_join_classes(client, auth, make_user, klass):
    for role in (Role.TEACHER, Role.ADMIN):
        auth.login(make_user(role))
        assert client.get("/classes/join").status_code == 403
        assert client.post("/classes/join", data={"code": klass.join_code}).status_code == 403
        auth.logout()
    auth.login(make_user(Role.MANAGER))
    assert client.get("/classes/join").status_code == 403
    assert members() == 0


def test_a_pupil_cannot_open_the_class_dashboard(client, auth, make_user, klass):
    pupil = make_user()
    operations.join_with_code(pupil, klass.join_code)
    db.session.commit()
    auth.login(pupil)
    assert client.get(f"/classes/{klass.id}").status_code == 403


def test_the_teacher_adds_a_pupil_by_email_or_massar_code(client, auth, teacher, klass, make_user):
    by_email = make_user()
    by_massar = make_user(massar_code="J130000001")
    auth.login(teacher)
    client.post(f"/classes/{klass.id}/members", data={"identifier": by_email.email.upper()})
    client.post(f"/classes/{klass.id}/members", data={"identifier": "j130000001"})
    assert members() == 2
    page = client.get(f"/classes/{klass.id}/members", headers=EN).get_data(as_text=True)
    assert by_massar.display_name in page and '<td dir="ltr">J130000001</td>' in page


def test_the_teacher_cannot_add_another_teacher_or_nobody(client, auth, teacher, klass, make_user):
    colleague = make_user(Role.TEACHER)
    auth.login(teacher)
    client.post(f"/classes/{klass.id}/members", data={"identifier": colleague.email})
    client.post(f"/classes/{klass.id}/members", data={"identifier": "nobody@example.ma"})
    page = client.get(f"/classes/{klass.id}/members", headers=EN).get_data(as_text=True)
    assert "Only pupils" in page and "No account has this email" in page
    assert members() == 0


def test_removing_a_member_keeps_their_progress(client, auth, teacher, klass, course, make_user):
    operations.assign_course(klass, course)
    pupil = make_user(display_name="Salma Progress")
    operations.add_member(klass, pupil, source="teacher")
    db.session.commit()
    complete_first_unit(pupil, course)
    before = _progress_of(pupil)
    assert before and all(status is ItemStatus.COMPLETED for status in before.values())
    auth.login(teacher)
    assert client.post(f"/classes/{klass.id}/members/{pupil.id}/remove").status_code == 302
    assert members() == 0
    db.session.expire_all()
    # Their enrolment, item progress and attempts are untouched…
    assert _progress_of(pupil) == before
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == pupil.id))
    assert enrolment is not None and enrolment.course_id == course.id
    assert (
        db.session.scalar(select(func.count()).select_from(Attempt).where(Attempt.user_id == pupil.id)) == 1
    )
    # …the class no longer shows them, and back in the class they show their progress again.
    shown = table_rows(client.get(f"/classes/{klass.id}", headers=EN).get_data(as_text=True), "heatmap")
    assert "Salma Progress" not in [row[0] for row in shown]
    operations.add_member(klass, pupil, source="teacher")
    db.session.commit()
    page = client.get(f"/classes/{klass.id}", headers=EN).get_data(as_text=True)
    row = next(r for r in table_rows(page, "heatmap") if r[0] == "Salma Progress")
    assert row[4] == "Completed 100%"


def _progress_of(user) -> dict:
    rows = db.session.execute(
        select(ItemProgress.item_id, ItemProgress.status).where(ItemProgress.user_id == user.id)
    ).all()
    return dict(rows)
