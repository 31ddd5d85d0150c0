"""A quiz's attempts over HTTP: the draw from a bank recorded on the attempt, the server's clock, the review
policy, and blank submissions refused without using an attempt."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning import operations
from lms.learning.models import Attempt, ItemProgress
from lms.packages.loader import load_package
from tests.learning.packages import write_course

EN = {"Accept-Language": "en"}
ITEM = "/courses/cours-test/items/quiz-bases"


def bank_quiz(extra: str = "", max_attempts: int = 0) -> str:
    """Six single-choice questions in two pools; two drawn from each; the right choice is always "b"."""
    questions = ""
    for n in range(1, 7):
        tag = "boucles" if n <= 3 else "fonctions"
        questions += (
            f'\n[[questions]]\nid = "q{n}"\nkind = "single"\ntags = ["{tag}"]\n'
            f'text = "Question numéro {n} ?"\nexplanation = "Explication secrète {n}."\n'
            f'choices = [{{ id = "a", text = "Faux {n}" }}, {{ id = "b", text = "Vrai {n}", correct = true }}]\n'
        )
    return (
        f'type = "quiz"\ntype_version = 1\ntitle = "Banque"\npass_mark = 1\nmax_attempts = {max_attempts}\n'
        f"shuffle_choices = true\n{extra}\n"
        '[[draw]]\ntag = "boucles"\ncount = 2\n\n[[draw]]\ntag = "fonctions"\ncount = 1\n' + questions
    )


@pytest.fixture
def install_quiz(app, tmp_path):
    folder = tmp_path / "courses"
    folder.mkdir()
    app.config["COURSES_DIR"] = str(folder)

    def install(quiz: str) -> Course:
        path = write_course(folder)
        (path / "units/bases/quiz-bases/exercise.toml").write_text(quiz, encoding="utf-8")
        package, problems = load_package(path, current_app.extensions["exercise_types"])
        assert problems == [], [str(p) for p in problems]
        sync_package(package)
        db.session.commit()
        return db.session.scalar(select(Course).where(Course.slug == package.slug))

    return install


@pytest.fixture
def pupil(client, auth, make_user):
    def enrol(course: Course):
        user = make_user(language="en")
        operations.enrol(user, course)
        db.session.commit()
        auth.login(user)
        return user

    return enrol


def shown_questions(page: str) -> list[str]:
    return re.findall(r'id="question-(q\d)"', page)


def test_each_attempt_gets_its_own_draw_and_keeps_it_for_review(client, install_quiz, pupil):
    user = pupil(install_quiz(bank_quiz()))
    page = client.get(ITEM, headers=EN).get_data(as_text=True)
    drawn = shown_questions(page)
    assert len(drawn) == 3 and len([q for q in drawn if q in ("q1", "q2", "q3")]) == 2
    for n in range(1, 7):  # what was not drawn never reaches the browser; no explanation before answering
        if f"q{n}" not in drawn:
            assert f"Question numéro {n}" not in page and f"Vrai {n}" not in page
        assert f"Explication secrète {n}" not in page
    assert shown_questions(client.get(ITEM, headers=EN).get_data(as_text=True)) == drawn  # a reload keeps it
    answers = {f"q-{q}": "b" for q in drawn}
    response = client.post(f"{ITEM}/submit", data=answers, headers=EN)
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == user.id))
    assert attempt.score == 1.0 and attempt.state["state"]["questions"] == drawn
    review = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert shown_questions(review) == drawn and "Submit my answers" not in review and "New attempt" in review
    assert all(f"Explication secrète {q[1:]}" in review for q in drawn)
    # the review page opened the next attempt, with a draw of its own
    assert db.session.scalar(
        select(ItemProgress.open_attempt).where(ItemProgress.user_id == user.id)
    ) not in (
        None,
        attempt.state,
    )


def test_a_blank_quiz_is_refused_and_is_not_an_attempt(client, install_quiz, pupil):
    user = pupil(install_quiz(bank_quiz(max_attempts=1)))
    client.get(ITEM, headers=EN)
    response = client.post(f"{ITEM}/submit", data={}, headers=EN, follow_redirects=True)
    assert "Your answer is empty" in response.get_data(as_text=True)
    assert db.session.scalar(select(Attempt).where(Attempt.user_id == user.id)) is None
    assert "Submit my answers" in client.get(ITEM, headers=EN).get_data(
        as_text=True
    )  # the one attempt is left


@pytest.mark.parametrize(
    ("policy", "shown_after_failing", "shown_after_passing"),
    [
        ('review = "never"', False, False),
        ('review = "after-passing"', False, True),
        ('review = "after-attempts"\nreview_after_attempts = 2', False, True),
        ('review = "after-due"', False, False),
        ("", True, True),
    ],
)
def test_the_review_policy_decides_when_explanations_show(
    client, install_quiz, pupil, policy, shown_after_failing, shown_after_passing
):
    pupil(install_quiz(bank_quiz(policy)))
    drawn = shown_questions(client.get(ITEM, headers=EN).get_data(as_text=True))
    wrong = client.post(f"{ITEM}/submit", data={f"q-{q}": "a" for q in drawn}, headers=EN)
    page = client.get(wrong.headers["Location"], headers=EN).get_data(as_text=True)
    assert ("Explication secrète" in page) is shown_after_failing
    assert ("Right answer" in page) is shown_after_failing
    drawn = shown_questions(client.get(ITEM, headers=EN).get_data(as_text=True))
    right = client.post(f"{ITEM}/submit", data={f"q-{q}": "b" for q in drawn}, headers=EN)
    page = client.get(right.headers["Location"], headers=EN).get_data(as_text=True)
    assert ("Explication secrète" in page) is shown_after_passing


def test_a_timed_quiz_starts_on_request_and_the_server_keeps_the_time(client, install_quiz, pupil):
    user = pupil(install_quiz(bank_quiz("time_limit_minutes = 5")))
    before = client.get(ITEM, headers=EN).get_data(as_text=True)
    assert "Start the quiz" in before and "Question numéro" not in before  # nothing shown before the clock
    refused = client.post(f"{ITEM}/submit", data={"q-q1": "b"}, headers=EN, follow_redirects=True)
    assert "Start the exercise first" in refused.get_data(as_text=True)
    client.post(f"{ITEM}/start")
    page = client.get(ITEM, headers=EN).get_data(as_text=True)
    assert 'role="timer"' in page and "Time left:" in page and re.search(r">[45]:\d\d<", page)
    drawn = shown_questions(page)
    # The time runs out on the server: answers arriving after the limit and its grace are not graded.
    row = db.session.scalar(select(ItemProgress).where(ItemProgress.user_id == user.id))
    started = operations.utcnow() - timedelta(minutes=5) - operations.TIME_LIMIT_GRACE - timedelta(seconds=5)
    row.open_attempt = {**row.open_attempt, "opened_at": started.isoformat()}
    db.session.commit()
    late = client.post(
        f"{ITEM}/submit", data={f"q-{q}": "b" for q in drawn}, headers=EN, follow_redirects=True
    )
    assert "The time was up before your answers arrived" in late.get_data(as_text=True)
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == user.id))
    assert attempt.score == 0.0 and attempt.details["late"] and attempt.submission["answers"]


def test_a_timed_attempt_left_to_expire_is_recorded_without_answers(client, install_quiz, pupil):
    user = pupil(install_quiz(bank_quiz("time_limit_minutes = 1")))
    client.post(f"{ITEM}/start")
    row = db.session.scalar(select(ItemProgress).where(ItemProgress.user_id == user.id))
    row.open_attempt = {
        **row.open_attempt,
        "opened_at": (operations.utcnow() - timedelta(hours=1)).isoformat(),
    }
    db.session.commit()
    page = client.get(ITEM, headers=EN, follow_redirects=True).get_data(as_text=True)
    assert "The time was up: that attempt was recorded without answers." in page and "Start the quiz" in page
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == user.id))
    assert attempt.score == 0.0 and attempt.submission == {}


def test_answers_in_time_are_graded(client, install_quiz, pupil):
    user = pupil(install_quiz(bank_quiz("time_limit_minutes = 5")))
    client.post(f"{ITEM}/start")
    drawn = shown_questions(client.get(ITEM, headers=EN).get_data(as_text=True))
    client.post(f"{ITEM}/submit", data={f"q-{q}": "b" for q in drawn}, headers=EN)
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == user.id))
    assert attempt.score == 1.0 and attempt.passed


def test_starting_is_refused_without_csrf_or_enrolment(client, install_quiz, pupil, auth, make_user, app):
    install_quiz(bank_quiz("time_limit_minutes = 5"))
    auth.login(make_user(language="en"))
    assert client.post(f"{ITEM}/start").status_code in (302, 403, 404)
    assert db.session.scalar(select(ItemProgress.open_attempt)) is None
