"""A NUL character in a request is refused at the door, not by the database with a 500.

PostgreSQL text cannot hold U+0000: a name, a class name, an announcement, a search or an address with
one (``/courses/%00``) made the driver raise and the page answer 500 with a traceback, for anyone (the
registration form is public). SQLite stored the character instead, and it reached CSVs and mails. No
form, address or query of the platform has a use for it: the request is refused, and nothing is saved.
Security review (h2).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lms.extensions import db
from lms.users.models import User
from tests.security.conftest import sign_in_as


def test_registration_with_a_nul_in_the_name_is_refused_and_creates_nothing(world_app):
    client = world_app.test_client()
    before = db.session.scalar(select(func.count()).select_from(User))
    response = client.post(
        "/auth/register",
        data={
            "display_name": "Amina\x00",
            "email": "amina.nul@example.ma",
            "password": "quite a long phrase",
            "confirm": "quite a long phrase",
            "language": "fr",
        },
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(User)) == before


@pytest.mark.parametrize(
    ("persona", "url", "data"),
    [
        ("student", "/account/profile", {"display_name": "A\x00B", "language": "fr"}),
        ("teacher", "/teaching/classes/{class_id}/rename", {"name": "3e\x00A"}),
        ("teacher", "/notifications/classes/{class_id}/announcements", {"body": "Bonjour\x00"}),
    ],
)
def test_a_form_with_a_nul_is_refused_and_changes_nothing(world_app, world, persona, url, data):
    client = world_app.test_client()
    sign_in_as(client, world, persona)
    response = client.post(world.url(url), data=data)
    assert response.status_code == 400
    names = db.session.scalars(select(User.display_name)).all()
    assert not any("\x00" in name for name in names)


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("anonymous", "/courses/%00", 404),
        ("anonymous", "/issuers/%00", 404),
        ("anonymous", "/verify?code=%00", 400),
        ("admin", "/admin/people/?q=a%00b", 400),
        ("admin", "/admin/audit/?actor=a%00@x.ma", 400),
    ],
)
def test_an_address_or_query_with_a_nul_is_refused(world_app, world, persona, url, status):
    client = world_app.test_client()
    sign_in_as(client, world, persona)
    assert client.get(url).status_code == status
