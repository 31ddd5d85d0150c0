"""Fixtures for authoring: a signed-in admin and a small authored course built through the pages."""

from __future__ import annotations

import pytest

from lms.users.models import Role

COURSE = {
    "slug": "demo-authored",
    "title": "Cours rédigé",
    "summary": "Un petit cours écrit dans le navigateur.",
    "programme": "sic",
    "language": "fr",
    "level": "beginner",
    "hours": "2",
    "for_students": "y",
    "self_enrol": "y",
}


@pytest.fixture
def admin(make_user, auth):
    user = make_user(Role.ADMIN, language="en")  # the tests read the English messages
    auth.login(user)
    return user


@pytest.fixture
def authored(client, admin):
    """A course with one unit holding a lesson; returns its slug."""
    assert client.post("/admin/authoring/new", data=COURSE).status_code == 302
    client.post("/admin/authoring/demo-authored/units", data={"unit-slug": "debut", "unit-title": "Début"})
    client.post(
        "/admin/authoring/demo-authored/units/debut/items",
        data={"item-kind": "lesson", "item-slug": "bienvenue", "item-title": "Bienvenue"},
    )
    client.post(
        "/admin/authoring/demo-authored/items/bienvenue",
        data={"title": "Bienvenue", "weight": "1", "required": "y", "body": "Bonjour **tout le monde**."},
    )
    return "demo-authored"
