"""The database goes away for a moment: a clear 503, nothing half-saved, and recovery on its own."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from sqlalchemy import event, func, select

from lms.extensions import db
from lms.learning.models import Attempt
from tests.security.conftest import sign_in_as

EN = {"Accept-Language": "en"}


@contextmanager
def database_down():
    """Every new connection fails as SQLite does when its file cannot be opened."""
    engine = db.engine

    def refuse(*_args, **_kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    db.session.remove()
    engine.dispose()
    event.listen(engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)


def attempts_of(user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Attempt).where(Attempt.user_id == user_id))


def test_pages_say_unavailable_then_recover(world_app, world):
    client = world_app.test_client()
    sign_in_as(client, world, "student")
    with database_down():
        for url in ("/dashboard/learner", "/", "/verify/" + world.values["code"]):
            response = client.get(url, headers=EN)
            assert response.status_code == 503, url
            assert response.headers["Retry-After"] == "30"
            page = response.get_data(as_text=True)
            assert "Nothing was lost" in page and "Traceback" not in page
        health = client.get("/healthz")
        assert health.status_code == 503 and health.json["checks"]["database"] == "unavailable"
    assert client.get("/dashboard/learner").status_code == 200
    assert client.get("/healthz").json["status"] == "ok"


def test_a_submission_during_the_outage_is_not_half_counted(world_app, world):
    learner = world.users["other_student"]
    before = attempts_of(learner)
    client = world_app.test_client()
    sign_in_as(client, world, "other_student")
    url = world.url("/courses/{course}/items/{item}/submit")
    answers = {"q-q1": "b", "q-q2": "def"}  # the quiz's field names: a blank answer is refused
    with database_down():
        assert client.post(url, data=answers, headers=EN).status_code == 503
    assert attempts_of(learner) == before, "nothing was saved: the learner can simply send again"
    assert client.post(url, data=answers).status_code in (200, 302)
    assert attempts_of(learner) == before + 1
