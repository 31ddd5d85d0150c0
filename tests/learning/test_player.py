"""The learner's pages over HTTP: catalogue, outline, player, and who may see what."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import select

from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning import operations
from lms.packages.loader import load_package
from lms.users.models import Role
from tests.conftest import count_queries

EN = {"Accept-Language": "en"}
SHIPPED = Path(__file__).resolve().parents[2] / "courses"


def test_catalogue_shows_courses_for_my_role(client, auth, make_user, install):
    install(slug="pour-tous")
    install(slug="pour-enseignants", audience=("teacher",))
    auth.login(make_user(Role.STUDENT))
    page = client.get("/courses/").get_data(as_text=True)
    assert "/courses/pour-tous" in page and "/courses/pour-enseignants" not in page
    assert client.get("/courses/pour-enseignants").status_code == 404
    auth.logout()
    auth.login(make_user(Role.TEACHER))
    page = client.get("/courses/").get_data(as_text=True)
    assert "/courses/pour-tous" in page and "/courses/pour-enseignants" in page


def test_catalogue_filters_by_programme(client, auth, make_user, install):
    install(slug="cours-sic")
    install(slug="cours-digischool", programme="digischool")
    auth.login(make_user())
    page = client.get("/courses/?programme=digischool").get_data(as_text=True)
    assert "/courses/cours-digischool" in page and "/courses/cours-sic" not in page


def test_managers_do_not_learn(client, auth, make_user, course):
    auth.login(make_user(Role.MANAGER))
    assert client.get("/courses/").status_code == 403
    assert client.get(f"/courses/{course.slug}").status_code == 403


def test_self_enrolment_and_its_refusal(client, auth, make_user, install):
    install(slug="libre")
    install(slug="par-la-classe", self_enrol=False)
    user = make_user()
    auth.login(user)
    assert client.post("/courses/libre/enrol").status_code == 302
    client.post("/courses/par-la-classe/enrol")
    slugs = {
        e.course.slug
        for e in operations.enrolments_for(user, [c.id for c in db.session.scalars(select(Course))])
    }
    assert slugs == {"libre"}


@pytest.mark.parametrize("path", ["/continue", "/items/introduction", "/progress", "/complete"])
def test_opening_an_item_without_enrolment_shows_the_course_and_its_enrol_button(
    client, auth, make_user, course, path
):
    """Not a bare 403: the course page, with "Enrol" (or why one cannot)."""
    auth.login(make_user(language="en"))
    response = client.get(f"/courses/{course.slug}{path}", headers=EN)
    assert response.status_code == 302 and response.headers["Location"] == f"/courses/{course.slug}"
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Enrol in this course to open its lessons and exercises." in page
    assert f'action="/courses/{course.slug}/enrol"' in page


def test_without_self_enrolment_the_course_page_says_why(client, auth, make_user, install):
    install(slug="par-la-classe", self_enrol=False)
    auth.login(make_user(language="en"))
    page = client.get("/courses/par-la-classe/items/introduction", headers=EN, follow_redirects=True)
    assert "ask your teacher for the class code" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/items/introduction/done"),
        ("post", "/items/introduction/read"),
        ("post", "/items/quiz-bases/draft"),
        ("post", "/items/introduction/time"),
        ("post", "/items/quiz-bases/submit"),
        ("get", "/assets/anything.png"),
    ],
)
def test_player_routes_refuse_a_learner_who_is_not_enrolled(client, auth, make_user, course, method, path):
    auth.login(make_user())
    response = getattr(client, method)(f"/courses/{course.slug}{path}")
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/continue", "/items/introduction"])
def test_player_routes_send_visitors_to_sign_in(client, course, path):
    response = client.get(f"/courses/{course.slug}{path}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_opening_a_lesson_shows_it_in_progress_at_once(client, enrolled, course):
    page = client.get(f"/courses/{course.slug}/items/introduction", headers=EN).get_data(as_text=True)
    assert "In progress" in page and "Not started" not in page.split("<main", 1)[1].split("</h1>", 1)[0]


def test_mark_as_done_moves_on_and_moves_the_bar(client, enrolled, course):
    page = client.get(f"/courses/{course.slug}/items/introduction", headers=EN).get_data(as_text=True)
    assert "Mark as done" in page
    response = client.post(f"/courses/{course.slug}/items/introduction/done")
    assert response.headers["Location"].endswith("/items/pour-aller-plus-loin")
    outline = client.get(f"/courses/{course.slug}", headers=EN).get_data(as_text=True)
    assert "25% complete" in outline


def test_quiz_feedback_after_submission_and_no_answers_before(client, enrolled, course):
    before = client.get(f"/courses/{course.slug}/items/quiz-bases").get_data(as_text=True)
    assert "2 + 2 = 4." not in before  # explanations only after an attempt
    response = client.post(
        f"/courses/{course.slug}/items/quiz-bases/submit", data={"q-q1": "a", "q-q2": "def"}
    )
    assert "attempt=" in response.headers["Location"]
    after = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "2 + 2 = 4." in after and "Incorrect" in after and "Attempt 1: 50%" in after


def test_continue_goes_to_the_first_unfinished_item(client, enrolled, course):
    client.post(f"/courses/{course.slug}/items/introduction/done")
    response = client.get(f"/courses/{course.slug}/continue")
    assert response.headers["Location"].endswith("/items/pour-aller-plus-loin")


def test_a_locked_item_is_refused_with_an_explanation(client, enrolled, course):
    response = client.get(f"/courses/{course.slug}/items/suite", headers=EN)
    assert response.status_code == 403
    assert b"This unit is still locked" in response.data


def test_learner_dashboard_lists_my_courses_with_next_step(client, enrolled, course):
    page = client.get("/dashboard/learner", headers=EN).get_data(as_text=True)
    assert "Cours de test" in page and "0 of 4 required steps done" in page and "Introduction" in page


def _sync_shipped(slug: str) -> Course:
    package, problems = load_package(SHIPPED / slug, current_app.extensions["exercise_types"])
    assert not problems
    sync_package(package)
    db.session.commit()
    return db.session.scalar(select(Course).where(Course.slug == slug))


def test_outline_and_dashboard_queries_do_not_grow_with_the_course(client, auth, make_user, course):
    big = _sync_shipped("sic-python-fundamentals")
    user = make_user()
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    with count_queries() as small_outline:
        assert client.get(f"/courses/{course.slug}").status_code == 200
    with count_queries() as small_dashboard:
        assert client.get("/dashboard/learner").status_code == 200
    operations.enrol(user, big)
    db.session.commit()
    with count_queries() as big_outline:
        assert client.get(f"/courses/{big.slug}").status_code == 200
    with count_queries() as big_dashboard:
        assert client.get("/dashboard/learner").status_code == 200
    assert len(big_outline) == len(small_outline)
    assert len(big_dashboard) == len(small_dashboard)
