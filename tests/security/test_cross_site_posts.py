"""A form posted by another site changes nothing here: not the visitor's session, not their work.

A third-party page can make a visitor's browser POST to Maharat (an auto-submitted form). The request
arrives without the ``SameSite=Lax`` session cookie and fails the CSRF check, as it should; but the
"form expired" answer set a new session cookie, replacing the visitor's (signed out), showed the
third party's fields on a Maharat page under "What you typed", and for an exercise kept them as "work
to restore", which became the draft of whoever signed in next on that browser. Browsers say where a
request comes from (``Sec-Fetch-Site``): a cross-site POST now only gets the error page. Security
review (h2).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lms.extensions import db
from lms.learning.models import Draft
from tests.security.conftest import sign_in_as

CROSS_SITE = {"Sec-Fetch-Site": "cross-site", "Accept-Language": "en"}
PLANTED = "Your account is suspended: call +212 600 000 000"


@pytest.fixture
def csrf_app(make_world_app):
    app = make_world_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app


@pytest.mark.parametrize("url", ["/auth/logout", "/language", "/classes/join", "/auth/login"])
def test_a_cross_site_post_neither_replaces_the_session_nor_shows_its_fields(csrf_app, url):
    response = csrf_app.test_client().post(url, data={"code": PLANTED, "next": "/"}, headers=CROSS_SITE)
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers, "the visitor's session cookie stays as it was"
    assert PLANTED not in response.get_data(as_text=True)


def test_a_cross_site_post_to_an_exercise_plants_no_work(csrf_app, world):
    url = world.url("/courses/{course}/items/{item}")
    client = csrf_app.test_client()
    response = client.post(url + "/submit", data={"q-q1": PLANTED}, headers=CROSS_SITE)
    assert response.status_code == 400 and "Set-Cookie" not in response.headers
    sign_in_as(client, world, "student")  # the pupil signs in on that browser and opens the exercise
    assert client.get(url).status_code == 200
    drafts = db.session.scalars(select(Draft)).all()
    assert not any(PLANTED in str(draft.fields) for draft in drafts)


def test_the_same_sites_expired_form_still_keeps_what_was_typed(csrf_app):
    response = csrf_app.test_client().post(
        "/classes/join", data={"code": "ABCD1234"}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 400 and "ABCD1234" in response.get_data(as_text=True)
