"""Issue 18, items 2, 3 and 6 over HTTP: drafts and sign-in again, where am I, no dead ends."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from lms.extensions import db, limiter
from lms.learning import drafts, operations
from lms.learning.models import Attempt, Draft, Enrolment, ItemProgress, ItemStatus
from lms.users.models import Role

EN = {"Accept-Language": "en"}
QUIZ = "/items/quiz-bases"


def _draft_fields(page: str) -> dict | None:
    found = re.search(r'data-draft-fields="([^"]*)"', page)
    if not found or not found.group(1):
        return None
    return json.loads(found.group(1).replace("&#34;", '"').replace("&amp;", "&"))


# --- Item 2: never lose work -------------------------------------------------------------------------


def test_a_draft_is_saved_restored_and_dropped_once_submitted(client, enrolled, course):
    base = f"/courses/{course.slug}{QUIZ}"
    response = client.post(f"{base}/draft", data={"q-q1": "b", "q-q2": "de"})
    assert response.status_code == 200 and response.json["saved_ms"] > 0
    assert _draft_fields(client.get(base).get_data(as_text=True)) == {"q-q1": "b", "q-q2": "de"}
    client.post(f"{base}/submit", data={"q-q1": "b", "q-q2": "def"})
    assert db.session.scalar(select(Draft)) is None
    assert _draft_fields(client.get(base).get_data(as_text=True)) is None


def test_a_draft_is_only_ever_its_owners(client, auth, make_user, enrolled, course):
    client.post(f"/courses/{course.slug}{QUIZ}/draft", data={"q-q2": "secret answer"})
    other = make_user()
    operations.enrol(other, course)
    db.session.commit()
    auth.logout()
    auth.login(other)
    page = client.get(f"/courses/{course.slug}{QUIZ}").get_data(as_text=True)
    assert "secret answer" not in page and _draft_fields(page) is None


def test_drafts_are_refused_for_lessons_and_locked_units(client, enrolled, course):
    assert client.post(f"/courses/{course.slug}/items/introduction/draft", data={"x": "1"}).status_code == 400
    locked = client.post(f"/courses/{course.slug}/items/reflexion/draft", data={"text": "un"}, headers=EN)
    assert locked.status_code == 403 and "locked" in locked.json["error"]
    assert client.post(f"/courses/{course.slug}/items/nope/draft", data={"x": "1"}).status_code == 404


def test_drafts_need_a_signed_in_learner(client, course):
    response = client.post(f"/courses/{course.slug}{QUIZ}/draft", data={"q-q2": "def"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_work_over_the_size_limit_is_refused_never_cut(client, enrolled, course):
    huge = "x" * 100_001
    draft = client.post(f"/courses/{course.slug}{QUIZ}/draft", data={"q-q2": huge}, headers=EN)
    assert (
        draft.status_code == 413 and "100" in draft.json["error"] and "nothing was cut" in draft.json["error"]
    )
    submitted = client.post(f"/courses/{course.slug}{QUIZ}/submit", data={"q-q2": huge}, headers=EN)
    assert submitted.status_code == 302 and "attempt=" not in submitted.headers["Location"]
    assert db.session.scalar(select(Attempt)) is None
    page = client.get(submitted.headers["Location"], headers=EN).get_data(as_text=True)
    assert "nothing was cut or sent" in page


def test_a_submission_after_the_session_expired_keeps_the_work_through_sign_in(
    app, client, make_user, course
):
    """CSRF on, no session cookie any more: sign in again, land on the item (GET), find the draft."""
    user = make_user(language="en")
    operations.enrol(user, course)
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(_action(app, user, course), data={"q-q1": "b", "q-q2": "def"}, headers=EN)
        item = f"/courses/{course.slug}{QUIZ}"
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login?next=")
        login = client.get(response.headers["Location"], headers=EN)
        assert "Your session has ended: sign in again, your work is kept." in login.get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login.get_data(as_text=True))
        signed_in = client.post(
            response.headers["Location"],
            data={"email": user.email, "password": "correct horse battery", "csrf_token": token.group(1)},
        )
        assert signed_in.status_code == 302 and signed_in.headers["Location"] == item
        page = client.get(item, headers=EN)
        assert page.status_code == 200
        assert _draft_fields(page.get_data(as_text=True)) == {"q-q1": "b", "q-q2": "def"}
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def _action(app, user, course) -> str:
    """The quiz form's address as its page gives it to ``user`` (it names them, signed)."""
    with app.test_request_context():
        return f"/courses/{course.slug}{QUIZ}/submit?{drafts.OWNER_PARAMETER}={drafts.owner_token(user)}"


def test_the_quiz_form_names_whom_its_page_was_shown_to(app, client, enrolled, course):
    page = client.get(f"/courses/{course.slug}{QUIZ}").get_data(as_text=True)
    assert f'action="{_action(app, enrolled, course)}"' in page


def test_a_submission_from_a_signed_out_tab_lands_back_on_the_item(app, client, auth, enrolled, course):
    auth.logout()
    response = client.post(_action(app, enrolled, course), data={"q-q2": "def"})
    assert response.headers["Location"] == f"/auth/login?next=/courses/{course.slug}{QUIZ}"
    signed_in = client.post(
        response.headers["Location"], data={"email": enrolled.email, "password": "correct horse battery"}
    )
    assert signed_in.headers["Location"] == f"/courses/{course.slug}{QUIZ}"
    assert _draft_fields(client.get(f"/courses/{course.slug}{QUIZ}").get_data(as_text=True)) == {
        "q-q2": "def"
    }


def test_signing_in_with_a_form_action_as_next_goes_to_its_page_never_a_405(client, enrolled, course, auth):
    auth.logout()
    response = client.post(
        f"/auth/login?next=/courses/{course.slug}/items/introduction/done",
        data={"email": enrolled.email, "password": "correct horse battery"},
    )
    assert response.headers["Location"] == f"/courses/{course.slug}/items/introduction"
    assert client.get(response.headers["Location"]).status_code == 200


def test_the_form_expired_page_is_translated_and_shows_what_was_typed(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client.set_cookie("maharat_language", "ar", domain="maharat.test")
        page = client.post("/account/profile", data={"display_name": "اسم طويل جدا"}, headers=EN)
        text = page.get_data(as_text=True)
        assert page.status_code == 400
        assert "انتهت صلاحية الاستمارة" in text and "اسم طويل جدا" in text
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def limited_app(migrated_database, tmp_path, monkeypatch):
    """An app with rate limits on (one submission a minute) and the test course installed."""
    import shutil

    from flask import current_app

    from lms import create_app
    from lms.courses.sync import sync_package
    from lms.packages.loader import load_package
    from tests.conftest import FreshContextClient, _test_config
    from tests.learning.packages import write_course

    database = tmp_path / "limited.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    config = {**_test_config(database), "RATELIMIT_ENABLED": True, "SUBMIT_RATE_LIMIT": "1 per minute"}
    app = create_app(config)
    app.test_client_class = FreshContextClient
    with app.app_context():
        package, problems = load_package(write_course(tmp_path), current_app.extensions["exercise_types"])
        assert problems == []
        sync_package(package)
        db.session.commit()
        yield app
        limiter.enabled = False
        db.engine.dispose()


def test_too_many_submissions_keep_the_answers_and_say_when_to_retry(limited_app):
    from lms.courses.models import Course
    from lms.users.operations import create_user

    course = db.session.scalar(select(Course))
    user = create_user(
        role=Role.STUDENT,
        email="pressee@example.ma",
        display_name="Pressée",
        password="correct horse battery",
        language="en",
    )
    operations.enrol(user, course)
    db.session.commit()
    client = limited_app.test_client()
    client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    client.post(f"/courses/{course.slug}{QUIZ}/submit", data={"q-q1": "a", "q-q2": "x"})
    response = client.post(f"/courses/{course.slug}{QUIZ}/submit", data={"q-q1": "b", "q-q2": "def"})
    assert response.status_code == 302 and response.headers["Location"] == f"/courses/{course.slug}{QUIZ}"
    assert 0 < int(response.headers["Retry-After"]) <= 60
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert re.search(r"send them again in \d+ seconds?", page)
    assert _draft_fields(page) == {"q-q1": "b", "q-q2": "def"}


# --- Item 3: where am I ------------------------------------------------------------------------------


def _status(user, course, slug: str) -> ItemStatus | None:
    return db.session.scalar(
        select(ItemProgress.status)
        .join(ItemProgress.item)
        .where(ItemProgress.user_id == user.id, ItemProgress.course_id == course.id)
        .where(ItemProgress.item.has(slug=slug))
    )


def test_a_lesson_read_to_its_end_counts_as_done(client, enrolled, course):
    page = client.get(f"/courses/{course.slug}/items/introduction", headers=EN).get_data(as_text=True)
    assert "data-read-url" in page and _status(enrolled, course, "introduction") is ItemStatus.IN_PROGRESS
    response = client.post(f"/courses/{course.slug}/items/introduction/read", headers=EN)
    assert response.json["completed"] and response.json["newly"]
    assert _status(enrolled, course, "introduction") is ItemStatus.COMPLETED
    assert client.post(f"/courses/{course.slug}{QUIZ}/read").status_code == 400
    assert client.post(f"/courses/{course.slug}/items/suite/read").status_code == 403  # locked


def test_a_course_may_count_lessons_done_on_opening(client, auth, make_user, install):
    course = install(slug="a-l-ouverture", lesson_completion="open")
    assert course.lesson_completion == "open"
    user = make_user(language="en")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    page = client.get(f"/courses/{course.slug}/items/introduction", headers=EN).get_data(as_text=True)
    assert "You have completed this lesson." in page
    assert _status(user, course, "introduction") is ItemStatus.COMPLETED


def test_time_spent_is_added_within_its_bounds(client, enrolled, course):
    url = f"/courses/{course.slug}/items/introduction/time"
    assert client.post(url, data={"seconds": "42"}).status_code == 204
    assert client.post(url, data={"seconds": "18"}).status_code == 204
    for bad in ("0", "-5", "601", "many", ""):
        assert client.post(url, data={"seconds": bad}).status_code == 400
    row = db.session.scalar(select(ItemProgress).where(ItemProgress.user_id == enrolled.id))
    assert row.time_spent_seconds == 60


def test_continue_goes_back_to_the_last_item_visited(client, enrolled, course):
    outline = client.get(f"/courses/{course.slug}", headers=EN).get_data(as_text=True)
    assert "Start the course" in outline
    client.get(f"/courses/{course.slug}/items/pour-aller-plus-loin")
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == enrolled.id))
    assert enrolment.last_item_id is not None
    response = client.get(f"/courses/{course.slug}/continue")
    assert response.headers["Location"] == f"/courses/{course.slug}/items/pour-aller-plus-loin"
    outline = client.get(f"/courses/{course.slug}", headers=EN).get_data(as_text=True)
    assert ">Continue<" in outline and "Start the course" not in outline


def test_the_progress_page_shows_what_the_database_holds(client, enrolled, course):
    base = f"/courses/{course.slug}"
    client.post(f"{base}/items/introduction/done")
    client.post(f"{base}{QUIZ}/submit", data={"q-q1": "a", "q-q2": "x"})
    client.post(f"{base}/items/introduction/time", data={"seconds": "125"})
    page = client.get(f"{base}/progress", headers=EN).get_data(as_text=True)
    rows = {
        p.item.slug: p
        for p in db.session.scalars(select(ItemProgress).where(ItemProgress.user_id == enrolled.id))
    }
    assert 'data-item="introduction" data-status="completed"' in page
    quiz = rows["quiz-bases"]
    assert (
        f'data-best="{round(quiz.best_score * 100)}"' in page and f'data-attempts="{quiz.attempts}"' in page
    )
    assert 'data-item="suite" data-status="locked"' in page
    assert "2 min" in page and "What remains for the certificate" in page
    assert 'data-required-done="1"' in page


def test_finishing_a_unit_says_so_and_finishing_the_course_shows_the_certificate(client, enrolled, course):
    base = f"/courses/{course.slug}"
    assert client.get(f"{base}/complete").headers["Location"] == f"{base}/progress"
    client.post(f"{base}/items/introduction/done")
    submitted = client.post(f"{base}{QUIZ}/submit", data={"q-q1": "b", "q-q2": "def"})
    page = client.get(submitted.headers["Location"], headers=EN).get_data(as_text=True)
    assert "You have finished the unit" in page and "Les bases" in page
    client.post(f"{base}/items/suite/done")
    done = client.post(f"{base}/items/reflexion/submit", data={"text": "j'ai appris beaucoup de choses"})
    page = client.get(done.headers["Location"], headers=EN).get_data(as_text=True)
    assert f'href="{base}/complete"' in page
    complete = client.get(f"{base}/complete", headers=EN).get_data(as_text=True)
    assert "Congratulations, you have completed the course!" in complete
    assert "/certificates/" in complete
    outline = client.get(base, headers=EN).get_data(as_text=True)
    assert f'href="{base}/complete"' in outline and "See my certificate" in outline


def test_mark_as_done_of_the_last_lesson_of_a_unit_says_the_unit_is_finished(client, enrolled, course):
    base = f"/courses/{course.slug}"
    client.post(f"{base}{QUIZ}/submit", data={"q-q1": "b", "q-q2": "def"})
    response = client.post(f"{base}/items/introduction/done")
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "You have finished the unit" in page


# --- Item 6: no dead ends ----------------------------------------------------------------------------


def test_a_class_join_link_survives_creating_an_account(client):
    join = "/classes/join?code=ABCD-1234"
    first = client.get(join)
    assert first.status_code == 302
    login = client.get(first.headers["Location"], headers=EN).get_data(as_text=True)
    register_link = re.search(r'href="(/auth/register\?next=[^"]*)"', login).group(1).replace("&amp;", "&")
    response = client.post(
        register_link,
        data={
            "display_name": "Nouvelle élève",
            "email": "nouvelle@example.ma",
            "language": "fr",
            "password": "a long enough passphrase 2030",
            "confirm": "a long enough passphrase 2030",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == join
    page = client.get(join).get_data(as_text=True)
    assert 'value="ABCD1234"' in page


def test_teachers_and_admins_reach_their_progress_page_too(client, auth, make_user, course):
    teacher = make_user(Role.TEACHER)
    operations.enrol(teacher, course)
    db.session.commit()
    auth.login(teacher)
    assert client.get(f"/courses/{course.slug}/progress").status_code == 200


# --- Item 7: the player's frame speaks the interface's language -------------------------------------


def test_previous_next_and_breadcrumb_are_in_the_arabic_interface(client, auth, make_user):
    """The player's macros are imported with the page's context: Arabic titles in the Arabic UI."""
    from tests.learning.test_player import _sync_shipped

    course = _sync_shipped("sic-python-fundamentals")
    user = make_user(language="ar")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    from lms.learning.outline import build_outline

    outline = build_outline(user, course)
    first, second = outline.units[0].items[0].item, outline.units[0].items[1].item
    assert first.title_in("ar") != first.title_in("fr")
    page = client.get(f"/courses/{course.slug}/items/{second.slug}").get_data(as_text=True)
    pager = page.split('class="pager"', 1)[1]
    breadcrumb = page.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert first.title_in("ar") in pager and first.title_in("fr") not in pager
    assert course.title_in("ar") in breadcrumb and outline.units[0].unit.title_in("ar") in breadcrumb


def test_the_reset_question_is_asked_in_each_language_s_typography(client, auth, make_user):
    from tests.learning.test_player import _sync_shipped

    course = _sync_shipped("sic-python-fundamentals")
    user = make_user(language="ar")
    operations.enrol(user, course)
    db.session.commit()
    auth.login(user)
    page = client.get(f"/courses/{course.slug}/items/valeurs-prix-ttc").get_data(as_text=True)
    question = re.search(r'data-confirm-reset="([^"]*)"', page).group(1)
    assert question.endswith("؟") and "?" not in question
    client.post("/language", data={"language": "fr"})
    page = client.get(f"/courses/{course.slug}/items/valeurs-prix-ttc").get_data(as_text=True)
    assert re.search(r'data-confirm-reset="([^"]*)"', page).group(1).endswith("\u202f?")


def test_a_draft_sent_with_an_old_token_gets_a_fresh_one_and_saves(app, client, enrolled, course):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        url = f"/courses/{course.slug}{QUIZ}/draft"
        stale = client.post(url, data={"q-q2": "def", "csrf_token": "old"}, headers=EN)
        assert stale.status_code == 400 and stale.json["csrf_token"]
        saved = client.post(url, data={"q-q2": "def", "csrf_token": stale.json["csrf_token"]})
        assert saved.status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_work_left_on_a_shared_computer_is_never_shown_to_the_next_pupil(
    app, client, auth, make_user, course
):
    """Pupil A's session ends with work unsent; pupil B signs in on the same browser: B never sees it."""
    first, second = make_user(language="en"), make_user(language="en")
    for user in (first, second):
        operations.enrol(user, course)
    db.session.commit()
    response = client.post(_action(app, first, course), data={"q-q2": "A's secret answer"})
    assert response.headers["Location"].startswith("/auth/login")
    auth.login(second)
    with client.session_transaction() as session:
        assert "pending_work" not in session
    page = client.get(f"/courses/{course.slug}{QUIZ}").get_data(as_text=True)
    assert "secret answer" not in page and _draft_fields(page) is None
    assert db.session.scalar(select(Draft)) is None


@pytest.mark.parametrize("owner", ["", "?owner=1", "?owner=forged.token"])
def test_work_posted_without_a_valid_owner_is_not_stashed(app, client, auth, enrolled, course, owner):
    auth.logout()
    client.post(f"/courses/{course.slug}{QUIZ}/submit{owner}", data={"q-q2": "def"})
    with client.session_transaction() as session:
        assert "pending_work" not in session
