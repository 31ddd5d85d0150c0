"""What a page sends while a learner works (time in view, drafts, answers) reads only what it needs.

Time reports and drafts are the most frequent requests of a class at work: each reads the account,
the course and the enrolment, then writes, and never the item's content nor the account a second
time after its commit (docs/performance.md).
"""

from __future__ import annotations

from sqlalchemy import select

from lms.extensions import db
from lms.learning.models import Draft, ItemProgress
from tests.conftest import count_queries

QUIZ = "/items/quiz-bases"


def _reading(statements: list[str], table: str) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith("SELECT") and f"FROM {table}" in s]


def _writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


def test_a_time_report_is_one_write_and_reads_neither_content_nor_the_account_again(client, enrolled, course):
    url = f"/courses/{course.slug}/items/introduction/time"
    assert client.post(url, data={"seconds": "42"}).status_code == 204  # the first report creates the row
    with count_queries() as statements:
        assert client.post(url, data={"seconds": "18"}).status_code == 204
    assert not [s for s in statements if "items." in s], statements
    assert len(_reading(statements, "users")) == 1, statements
    assert len(_writes(statements)) == 1, statements
    row = db.session.scalar(select(ItemProgress).where(ItemProgress.user_id == enrolled.id))
    assert row.time_spent_seconds == 60


def test_a_time_report_for_an_unknown_item_is_refused(client, enrolled, course):
    assert client.post(f"/courses/{course.slug}/items/nope/time", data={"seconds": "5"}).status_code == 404


def test_saving_a_draft_reads_no_content_and_answers_with_what_it_stored(client, enrolled, course):
    url = f"/courses/{course.slug}{QUIZ}/draft"
    client.post(url, data={"q-q1": "a"})
    with count_queries() as statements:
        response = client.post(url, data={"q-q1": "b"})
    assert response.status_code == 200
    assert not [s for s in statements if "items." in s], statements
    assert len(_reading(statements, "users")) == 1, statements
    assert len(_reading(statements, "learner_drafts")) == 1, statements  # found once, not read back
    draft = db.session.scalar(select(Draft).where(Draft.user_id == enrolled.id))
    assert draft.fields == {"q-q1": "b"}
    assert response.json["saved_ms"] == int(draft.updated_at.timestamp() * 1000)


def test_grading_an_answer_reads_the_units_items_without_their_content(client, enrolled, course):
    with count_queries() as statements:
        response = client.post(f"/courses/{course.slug}{QUIZ}/submit", data={"q-q1": "b", "q-q2": "def"})
    assert response.status_code == 302 and "attempt=" in response.headers["Location"]
    # The item itself is read once with its configuration; its unit's items only as ids and weights.
    assert len([s for s in statements if "items.config" in s]) == 1, statements
    # The attempt is not read back after the commit to say how it went.
    assert not _reading(statements, "attempts"), statements


def test_the_language_is_remembered_for_after_the_session(client, auth, make_user):
    user = make_user(language="ar")
    auth.login(user)
    client.get("/account/profile")
    assert client.get_cookie("maharat_language", domain="maharat.test").value == "ar"
    form = {"display_name": user.display_name, "language": "en"}
    response = client.post("/account/profile", data=form)
    assert response.status_code == 302
    client.get("/account/profile")
    assert client.get_cookie("maharat_language", domain="maharat.test").value == "en"
    auth.logout()
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'lang="en"' in page
