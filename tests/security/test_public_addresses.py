"""Addresses the platform hands out are built from the configured public URL, never from a request's Host.

A sign-in slip is printed and given to a pupil, with the class's QR code: the address on it and the
one in the code must be the real site's, whatever ``Host`` header the request that made them carried
(a poisoned proxy or cache, a forged header). Security review of the teachers' tools (h2).
"""

from __future__ import annotations

from lms.extensions import db
from lms.users.models import User

PUBLIC = "https://maharat.example.ma"
FORGED = "http://evil.example"


def teacher_behind_a_forged_host(app, world):
    """A client signed in as the teacher, whose requests carry ``Host: evil.example``."""
    client = app.test_client()
    teacher = db.session.get(User, world.users["teacher"])
    with client.session_transaction(base_url=FORGED) as session:
        session["_user_id"] = teacher.get_id()
        session["_fresh"] = True
    return client


def test_the_sign_in_slips_name_the_public_site_whatever_the_host_header(make_world_app, world):
    app = make_world_app(PUBLIC_URL=PUBLIC)
    with app.app_context():
        client = teacher_behind_a_forged_host(app, world)
        response = client.post(
            world.url("/classes/{class_id}/import"),
            data={"content": "Nom complet\nAmina Slip\n", "confirm": "all"},
            base_url=FORGED,
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Amina Slip" in page
        assert "evil.example" not in page
        assert f"{PUBLIC}/auth/login" in page


def test_the_slips_qr_code_opens_the_public_join_page(make_world_app, world, monkeypatch):
    import lms.classes.membership as membership

    encoded: list[str] = []
    real = membership.class_qr
    monkeypatch.setattr(membership, "class_qr", lambda link: encoded.append(link) or real(link))
    app = make_world_app(PUBLIC_URL=PUBLIC)
    with app.app_context():
        client = teacher_behind_a_forged_host(app, world)
        client.post(
            world.url("/classes/{class_id}/import"),
            data={"content": "Nom complet\nYoussef Slip\n", "confirm": "all"},
            base_url=FORGED,
        )
    assert len(encoded) == 1 and encoded[0].startswith(f"{PUBLIC}/classes/join?code=")
