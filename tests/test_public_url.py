"""Every absolute URL the platform sends or signs comes from PUBLIC_URL, never from a request's Host.

The test config sets ``SERVER_NAME = maharat.test``; these tests set a different public URL so that they
cannot pass because of SERVER_NAME (issue 16, finding 2).
"""

from __future__ import annotations

from flask import url_for

from lms.core.urls import development_url, external_url, public_url
from lms.users.models import Role
from tests.conftest import PASSWORD

PUBLIC = "https://maharat.example/ecole"
EN = {"Accept-Language": "en"}
EVIL = "http://evil.example"


def _sign_in(client, user) -> None:
    """Sign in through the forged host, so that the session cookie travels with the forged requests."""
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD}, base_url=EVIL)


def _link(text: str) -> str:
    return next(word for word in text.split() if "/auth/reset/" in word)


def test_external_url_needs_no_request_and_ignores_server_name(app):
    app.config["PUBLIC_URL"] = PUBLIC + "/"
    assert public_url() == PUBLIC
    assert external_url("certificates.verify", code="AB-12") == f"{PUBLIC}/verify/AB-12"
    with app.test_request_context(base_url=EVIL):
        assert external_url("auth.reset_password", token="t") == f"{PUBLIC}/auth/reset/t"
        assert not url_for("auth.reset_password", token="t", _external=True).startswith(PUBLIC)


def test_development_without_a_public_url_uses_the_served_address(app, monkeypatch):
    app.config["PUBLIC_URL"] = None
    monkeypatch.delenv("FLASK_RUN_HOST", raising=False)
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)
    assert public_url() == development_url() == "http://127.0.0.1:5000"
    monkeypatch.setenv("FLASK_RUN_PORT", "8080")
    assert external_url("core.home") == "http://127.0.0.1:8080/"


def test_forgot_with_a_forged_host_mails_a_link_on_the_public_url(app, client, make_user, caplog):
    app.config["PUBLIC_URL"] = PUBLIC
    make_user(email="known@example.ma")
    with caplog.at_level("INFO", logger="lms.mail"):
        response = client.post(
            "/auth/forgot",
            data={"email": "known@example.ma"},
            headers={**EN, "Host": "evil.example"},
            base_url=EVIL,
        )
    assert response.status_code == 302
    link = _link(caplog.text)
    assert link.startswith(f"{PUBLIC}/auth/reset/")
    assert "evil.example" not in caplog.text and "maharat.test" not in link


def test_an_admins_reset_link_uses_the_public_url(app, client, make_user, caplog):
    app.config["PUBLIC_URL"] = PUBLIC
    admin = make_user(Role.ADMIN)
    pupil = make_user()
    _sign_in(client, admin)
    with caplog.at_level("INFO", logger="lms.mail"):
        client.post(
            f"/admin/people/{pupil.id}/password",
            data={"method": "link"},
            base_url=EVIL,
        )
    assert _link(caplog.text).startswith(f"{PUBLIC}/auth/reset/")


def test_the_class_join_link_uses_the_public_url(app, client, make_user, db):
    from sqlalchemy import select

    from lms.classes import operations
    from lms.geo.models import Province, Region, School

    app.config["PUBLIC_URL"] = PUBLIC
    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    province = Province(code="PROV-URL", name_fr="Province", region=region)
    school = School(code="SCH-URL", name_fr="Lycée", name_ar="ثانوية", province=province)
    db.session.add(school)
    db.session.commit()
    teacher = make_user(Role.TEACHER, school_id=school.id)
    klass = operations.create_class(teacher, "Tronc commun", school, "2026-2027")
    db.session.commit()
    _sign_in(client, teacher)
    page = client.get(f"/classes/{klass.id}", base_url=EVIL).get_data(as_text=True)
    assert f"{PUBLIC}/classes/join?code={klass.join_code}" in page.replace("&amp;", "&")
    assert "evil.example" not in page
