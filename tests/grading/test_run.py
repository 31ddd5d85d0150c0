"""Run without grading: the learner's program in the sandbox, with input, output and the error's line.

Flask test-client tests of both routes (the enhanced JSON answer and the plain-form page), their
denials, CSRF, the separate rate limit and the size limit, and a run executed by a grading worker.
"""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import func, select

from lms import create_app
from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db, limiter
from lms.grading import worker
from lms.learning import operations
from lms.learning.code_runs import MAX_CODE_CHARS, CodeRun, RunStatus
from lms.learning.models import Attempt, ItemProgress
from lms.packages.loader import load_package
from lms.users.models import Role
from lms.users.operations import create_user
from tests.conftest import PASSWORD
from tests.grading.conftest import DEMO

PROGRAM = 'nom = input()\nprint("Bonjour", nom)\n\n\ndef somme(a, b):\n    return a / 0\n\nsomme(1, 2)\n'
JSON = {"Accept": "application/json"}


@pytest.fixture
def inline(app, slot):
    app.config["GRADING_QUEUE"] = "inline"


def url(course, item="somme", tail="run"):
    return f"/courses/{course.slug}/items/{item}/{tail}"


def test_run_shows_output_input_and_the_line_of_the_error(client, auth, learner, demo_course, inline):
    auth.login(learner)
    response = client.post(url(demo_course), data={"code": PROGRAM, "stdin": "Amina\n"}, headers=JSON)
    assert response.status_code == 200
    data = response.get_json()
    assert data["state"] == "done"
    assert "Bonjour Amina" in data["html"]
    assert "ZeroDivisionError: division by zero" in data["html"]
    assert "Line 6" in data["html"]  # the learner's line, not the harness's


def test_run_works_as_a_plain_form_and_keeps_code_and_input(client, auth, learner, demo_course, inline):
    auth.login(learner)
    page = client.post(url(demo_course), data={"code": PROGRAM, "stdin": "Karim\n"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Bonjour Karim" in html and "Line 6" in html
    assert "return a / 0" in html and ">Karim\n</textarea>" in html  # code and input kept
    assert 'formaction="/courses/demo-minimal/items/somme/run#run-output"' in html


def test_a_run_is_not_an_attempt(client, auth, learner, demo_course, inline):
    auth.login(learner)
    client.post(url(demo_course), data={"code": "print(1)\n"}, headers=JSON)
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 0
    progress = db.session.scalar(select(ItemProgress).where(ItemProgress.user_id == learner.id))
    assert progress is None or progress.attempts == 0
    assert db.session.scalar(select(CodeRun.status)) is RunStatus.DONE


def test_input_without_stdin_is_explained(client, auth, learner, demo_course, inline):
    auth.login(learner)
    data = client.post(url(demo_course), data={"code": "x = input()\n"}, headers=JSON).get_json()
    assert "EOFError" in data["html"] and "the Input box is empty" in data["html"]


def test_messages_follow_the_viewers_language(client, auth, make_user, demo_course, inline):
    pupil = make_user(language="ar")
    operations.enrol(pupil, demo_course)
    db.session.commit()
    auth.login(pupil)
    data = client.post(url(demo_course), data={"code": "x = input()\n"}, headers=JSON).get_json()
    assert "السطر 1" in data["html"]


def test_a_syntax_error_gives_its_line(client, auth, learner, demo_course, inline):
    auth.login(learner)
    data = client.post(url(demo_course), data={"code": "x = 1\nif x\n"}, headers=JSON).get_json()
    assert "SyntaxError" in data["html"] and "Line 2" in data["html"]


def test_a_run_through_a_grading_worker(app, client, auth, learner, demo_course, slot):
    app.config.update(GRADING_QUEUE="external", RUN_WAIT_SECONDS=0)  # nobody runs it during the request
    auth.login(learner)
    response = client.post(url(demo_course), data={"code": "print(6 * 7)\n"}, headers=JSON)
    assert response.status_code == 202
    data = response.get_json()
    assert data["state"] == "pending" and data["status_url"]
    assert worker.work(slot, once=True) == 0  # no attempt graded; the run was executed
    done = client.get(data["status_url"], headers=JSON).get_json()
    assert done["state"] == "done" and "42" in done["html"]
    page = client.get(data["status_url"])  # without JavaScript: the page with the result
    assert page.status_code == 200 and "42" in page.get_data(as_text=True)


def test_code_over_the_limit_is_refused_and_kept_whole(client, auth, learner, demo_course, inline):
    auth.login(learner)
    code = "# " + "x" * MAX_CODE_CHARS + "\nprint(1)\n"
    page = client.post(url(demo_course), data={"code": code})
    assert page.status_code == 413
    html = page.get_data(as_text=True)
    assert "Nothing was cut" in html and code.rstrip("\n") in html
    assert db.session.scalar(select(func.count()).select_from(CodeRun)) == 0


@pytest.fixture
def guarded_app(migrated_database, tmp_path, monkeypatch):
    """An app with CSRF and rate limits on, as in production (the suite's apps have both off)."""
    database = tmp_path / "guarded.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    from tests.conftest import FreshContextClient

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "GRADING_QUEUE": "inline",
            "RATELIMIT_ENABLED": True,
            "RUN_RATE_LIMIT": "2 per minute",
            "SUBMIT_RATE_LIMIT": "10 per minute",
        }
    )
    app.test_client_class = FreshContextClient
    monkeypatch.setattr(limiter, "enabled", True)  # another test's app may have turned the shared limiter off
    with app.app_context():
        limiter.reset()
        package, problems = load_package(DEMO, app.extensions["exercise_types"])
        assert not problems
        sync_package(package)
        course = db.session.scalar(select(Course).where(Course.slug == package.slug))
        pupil = create_user(email="p@example.ma", display_name="P", password=PASSWORD, role=Role.STUDENT)
        pupil.language = "en"
        operations.enrol(pupil, course)
        db.session.commit()
        client = app.test_client()
        client.post(
            "/auth/login",
            data={"email": "p@example.ma", "password": PASSWORD, "csrf_token": _token(client, "/auth/login")},
        )
        yield app, client
        limiter.reset()


def _token(client, path: str) -> str:
    return re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(path).get_data(as_text=True)
    ).group(1)


def test_runs_have_their_own_rate_limit_and_keep_the_code(guarded_app):
    _, client = guarded_app
    page = "/courses/demo-minimal/items/somme"
    token = _token(client, page)
    for _ in range(2):
        response = client.post(page + "/run", data={"code": "print(1)\n", "csrf_token": token}, headers=JSON)
        assert response.status_code == 200
    refused = client.post(
        page + "/run", data={"code": "print('gardé')\n", "stdin": "entrée", "csrf_token": token}
    )
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    html = refused.get_data(as_text=True)
    assert "run it again in" in html and "print(&#39;gardé&#39;)" in html and "entrée" in html
    as_json = client.post(page + "/run", data={"code": "print(1)\n", "csrf_token": token}, headers=JSON)
    assert as_json.status_code == 429 and "run it again" in as_json.get_json()["html"]
    # submissions are counted apart: the run limit does not stop a submission
    submitted = client.post(page + "/submit", data={"code": "print(1)\n", "csrf_token": token})
    assert submitted.status_code == 302


def test_run_needs_a_valid_csrf_token(guarded_app):
    _, client = guarded_app
    response = client.post("/courses/demo-minimal/items/somme/run", data={"code": "print(1)\n"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(CodeRun)) == 0


def test_only_enrolled_learners_may_run(client, auth, make_user, demo_course, inline):
    assert client.post(url(demo_course), data={"code": "print(1)\n"}).status_code == 302  # visitor: sign in
    outsider = make_user(language="en")
    auth.login(outsider)
    assert client.post(url(demo_course), data={"code": "print(1)\n"}).status_code == 403
    manager = make_user(role=Role.MANAGER, language="en")
    auth.logout()
    auth.login(manager)
    assert client.post(url(demo_course), data={"code": "print(1)\n"}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(CodeRun)) == 0


def test_run_applies_only_to_code_items(client, auth, learner, demo_course, inline):
    auth.login(learner)
    assert client.post(url(demo_course, "bonjour"), data={"code": "print(1)\n"}).status_code == 404
    assert client.post(url(demo_course, "quiz-bonjour"), data={"code": "print(1)\n"}).status_code == 404
    assert client.post(url(demo_course, "nope"), data={"code": "print(1)\n"}).status_code == 404


def test_someone_elses_run_is_not_found(client, auth, learner, make_user, demo_course, inline):
    auth.login(learner)
    client.post(url(demo_course), data={"code": "print('secret')\n"}, headers=JSON)
    run_id = db.session.scalar(select(CodeRun.id))
    auth.logout()
    other = make_user(language="en")
    operations.enrol(other, demo_course)
    db.session.commit()
    auth.login(other)
    assert client.get(url(demo_course, tail=f"runs/{run_id}"), headers=JSON).status_code == 404
    assert client.get(url(demo_course, "bonjour", tail=f"runs/{run_id}")).status_code == 404


def _graded(learner, demo_course, slot, code: str) -> Attempt:
    from flask import current_app

    from lms.courses.models import Item

    item = db.session.scalar(select(Item).where(Item.course_id == demo_course.id, Item.slug == "somme"))
    attempt = operations.submit_exercise(
        learner, item, {"code": code}, current_app.extensions["exercise_types"], "fr"
    )
    db.session.commit()
    worker.grade_attempt(attempt.id, slot)
    db.session.refresh(attempt)
    return attempt


def test_graded_feedback_shows_prints_and_the_learners_line(client, auth, learner, demo_course, slot):
    code = "def somme(a, b):\n    print('a =', a)\n    if a < 0:\n        raise ValueError(a)\n    return a - b\n"
    attempt = _graded(learner, demo_course, slot, code)
    public, hidden, _ = attempt.feedback
    assert public["stdout"] == "a = 2\n"
    assert hidden["message"] == {"key": "hidden_crashed", "args": {"error": "ValueError"}}
    assert "-4" not in str(hidden)  # the hidden input never shows
    auth.login(learner)
    page = client.get(f"/courses/{demo_course.slug}/items/somme?attempt={attempt.id}").get_data(as_text=True)
    assert "a = 2" in page and "Hidden test crashed (ValueError)." in page


def test_a_graded_syntax_error_is_said_once_with_its_line(client, auth, learner, demo_course, slot):
    attempt = _graded(learner, demo_course, slot, "def somme(a, b):\n    return (a + b\n")
    assert attempt.feedback[0]["kind"] == "syntax" and attempt.feedback[0]["error"]["line"] == 2
    auth.login(learner)
    page = client.get(f"/courses/{demo_course.slug}/items/somme?attempt={attempt.id}").get_data(as_text=True)
    assert page.count("was never closed") == 1 and "Line 2" in page


def test_a_waiting_worker_is_woken_when_work_is_queued(tmp_path):
    import threading

    from lms.grading.wake import WakeSocket, wake_folder, wake_workers

    waker = WakeSocket(str(tmp_path), "w-test")
    gone = WakeSocket(str(tmp_path), "w-gone")
    gone.sock.close()  # a worker killed without closing: its socket file stays, nobody listens
    woken = threading.Event()
    thread = threading.Thread(target=lambda: (waker.wait(600), woken.set()))
    thread.start()
    try:
        wake_workers(str(tmp_path))
        assert woken.wait(120)
    finally:
        wake_workers(str(tmp_path))
        thread.join(120)
        waker.close()
    assert not (wake_folder(str(tmp_path)) / "w-gone.sock").exists()


def test_a_saved_draft_is_in_the_editor_without_javascript(client, auth, learner, demo_course):
    auth.login(learner)
    typed = "def somme(a, b):\n    # pas fini\n    return a"
    assert client.post(url(demo_course, tail="draft"), data={"code": typed}).status_code == 200
    page = client.get(url(demo_course, tail="")[:-1]).get_data(as_text=True)
    editor = re.search(r'<textarea id="code"[^>]*>(.*?)</textarea>', page, re.S)
    assert editor is not None and "# pas fini" in editor.group(1)
