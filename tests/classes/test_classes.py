"""Creating classes, assigning courses, and who may see a class."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lms.classes import operations
from lms.classes.models import ClassCourse, SchoolClass
from lms.extensions import db
from lms.learning.models import Enrolment
from lms.users.models import Role
from tests.classes.conftest import EN


def test_a_teacher_creates_a_class_with_a_code(client, auth, teacher, school):
    auth.login(teacher)
    page = client.get("/classes/new", headers=EN).get_data(as_text=True)
    assert 'name="school_year"' in page and f'<option selected value="{school.id}">' in page
    year = re.search(r'<option value="(\d{4}-\d{4})"', page).group(1)
    response = client.post(
        "/classes/new", data={"name": "2ème Bac SM", "school_id": school.id, "school_year": year}
    )
    klass = db.session.scalar(select(SchoolClass))
    assert response.headers["Location"].endswith(f"/classes/{klass.id}")
    assert klass.teacher_id == teacher.id and klass.school_year == year
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", klass.join_code)
    page = client.get(f"/classes/{klass.id}", headers=EN).get_data(as_text=True)
    assert f'id="join-code">{klass.join_code}<' in page
    assert f"/classes/join?code={klass.join_code}" in page


def test_a_teacher_may_only_choose_schools_of_their_region(client, auth, teacher, make_school):
    elsewhere = make_school("MA-09")
    auth.login(teacher)
    page = client.get("/classes/new").get_data(as_text=True)
    assert f'value="{elsewhere.id}"' not in page
    response = client.post(
        "/classes/new", data={"name": "X", "school_id": elsewhere.id, "school_year": "2026-2027"}
    )
    assert response.status_code == 200 and db.session.scalar(select(SchoolClass)) is None


def test_a_teacher_without_a_school_is_told_why_they_cannot_create(client, auth, make_user):
    auth.login(make_user(Role.TEACHER, language="en"))
    page = client.get("/classes/new", headers=EN).get_data(as_text=True)
    assert "Your account has no school yet" in page


def test_join_codes_are_unambiguous_and_unique(app):
    codes = {operations.new_join_code() for _ in range(200)}
    assert len(codes) == 200
    assert not set("".join(codes)) & set("0O1I")
    assert operations.normalise_join_code(" k7mq-2xra ") == "K7MQ2XRA"


def test_regenerating_the_code_replaces_it(client, auth, teacher, klass):
    old = klass.join_code
    auth.login(teacher)
    client.post(f"/classes/{klass.id}/code")
    db.session.refresh(klass)
    assert klass.join_code != old


def test_assigning_a_course_enrols_current_and_future_members(
    client, auth, teacher, klass, course, make_user
):
    first = make_user()
    operations.add_member(klass, first, source="teacher")
    db.session.commit()
    auth.login(teacher)
    response = client.post(f"/classes/{klass.id}/courses", data={"course_id": course.id})
    assert response.status_code == 302
    second = make_user()
    operations.join_with_code(second, klass.join_code)
    db.session.commit()
    enrolled = db.session.execute(select(Enrolment.user_id, Enrolment.source)).all()
    assert sorted(enrolled) == sorted([(first.id, "class"), (second.id, "class")])
    client.post(f"/classes/{klass.id}/courses", data={"course_id": course.id})  # twice: no duplicate
    assert len(db.session.scalars(select(ClassCourse)).all()) == 1


def test_a_teachers_only_course_cannot_be_assigned(client, auth, teacher, klass, install):
    only_teachers = install(slug="pour-enseignants", audience=("teacher",))
    auth.login(teacher)
    client.post(f"/classes/{klass.id}/courses", data={"course_id": only_teachers.id})
    assert db.session.scalar(select(ClassCourse)) is None


def test_a_teacher_sees_only_their_own_classes(client, auth, klass, make_user, school):
    other = make_user(Role.TEACHER, school_id=school.id)
    auth.login(other)
    assert klass.name not in client.get("/classes/").get_data(as_text=True)
    assert klass.name not in client.get("/dashboard/teacher").get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("get", "/members"),
        ("get", "/import"),
        ("get", "/progress.csv"),
        ("post", "/courses"),
        ("post", "/code"),
        ("post", "/members"),
        ("post", "/import"),
    ],
)
def test_another_teacher_gets_404_on_every_class_route(client, auth, klass, make_user, school, method, path):
    auth.login(make_user(Role.TEACHER, school_id=school.id))
    assert getattr(client, method)(f"/classes/{klass.id}{path}").status_code == 404


def test_another_teacher_cannot_see_or_remove_a_member(client, auth, klass, make_user, school):
    pupil = make_user()
    operations.add_member(klass, pupil, source="teacher")
    db.session.commit()
    auth.login(make_user(Role.TEACHER, school_id=school.id))
    assert client.get(f"/classes/{klass.id}/learners/{pupil.id}").status_code == 404
    assert client.post(f"/classes/{klass.id}/members/{pupil.id}/remove").status_code == 404
    assert db.session.scalar(klass.member_ids()) == pupil.id


def test_an_admin_sees_and_manages_every_class(client, auth, klass, make_user):
    auth.login(make_user(Role.ADMIN))
    assert klass.name in client.get("/classes/").get_data(as_text=True)
    assert client.get(f"/classes/{klass.id}").status_code == 200
    assert client.get(f"/classes/{klass.id}/members").status_code == 200


@pytest.mark.parametrize("role", [Role.STUDENT, Role.MANAGER])
@pytest.mark.parametrize(
    "path", ["/classes/", "/classes/new", "/classes/{id}", "/classes/{id}/members", "/classes/{id}/import"]
)
def test_pupils_and_managers_are_refused_teacher_pages(client, auth, klass, make_user, role, path):
    auth.login(make_user(role))
    assert client.get(path.format(id=klass.id)).status_code == 403


@pytest.mark.parametrize(
    "path", ["/classes/", "/classes/new", "/classes/join", "/classes/1", "/classes/1/members"]
)
def test_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_teacher_dashboard_lists_classes_with_members_and_completion(
    client, auth, teacher, klass, course, make_user
):
    from tests.classes.conftest import complete_course

    operations.assign_course(klass, course)
    done, started = make_user(), make_user()
    for pupil in (done, started):
        operations.add_member(klass, pupil, source="teacher")
    db.session.commit()
    complete_course(done, course)
    auth.login(teacher)
    page = client.get("/dashboard/teacher", headers=EN).get_data(as_text=True)
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"/classes/\d+\"><bdi>Tronc commun 3</bdi>.*?</tr>", page, re.S
    )
    cells = re.findall(r'<td class="num">([^<]+)</td>', row.group(0))
    assert cells == ["2", "1", "50%"]
    assert "My courses" in page  # their own training is still there
