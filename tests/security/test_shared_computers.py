"""Pages about people are not kept by the browser after the session that showed them.

Schools share computers. A teacher's gradebook or a pupil's answers were sent with no ``Cache-Control``:
after "Sign out", the Back button (the browser's back-forward cache, or its HTTP cache) could show the
previous person's pages to the next one at the keyboard. Every page of a signed-in person is now sent
``private, no-store`` unless its view chose its own caching (course images, the app's static files).
Security review (h2).
"""

from __future__ import annotations

import pytest

from tests.security.conftest import sign_in_as


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("teacher", "/gradebook/classes/{class_id}"),
        ("teacher", "/classes/{class_id}/learners/{student_id}"),
        ("student", "/courses/{course}/items/{item}"),
        ("student", "/account/profile"),
        ("manager", "/reports/?programme={programme}"),
        ("admin", "/admin/people/{spare_id}"),
    ],
)
def test_a_signed_in_persons_pages_are_not_stored(world_app, world, persona, url):
    client = world_app.test_client()
    sign_in_as(client, world, persona)
    response = client.get(world.url(url))
    assert response.status_code == 200
    assert response.cache_control.no_store and response.cache_control.private


def test_files_that_choose_their_caching_keep_it(world_app, world):
    client = world_app.test_client()
    sign_in_as(client, world, "student")
    image = client.get(world.url("/courses/{course}/assets/{asset}"))
    image.close()
    assert image.status_code == 200 and image.cache_control.max_age == 3600


def test_public_pages_stay_cacheable(world_app):
    response = world_app.test_client().get("/auth/login")
    assert not response.cache_control.no_store
