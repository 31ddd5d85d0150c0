"""CSRF and rate limits. Who may reach which page is the access matrix: tests/security/."""

import re
import shutil

import pytest

from lms import create_app
from lms.users.models import Role
from tests.conftest import PASSWORD


@pytest.fixture
def csrf_app(migrated_database, tmp_path, monkeypatch):
    database = tmp_path / "csrf.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    from tests.conftest import FreshContextClient

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "LOGIN_RATE_LIMIT": "3 per minute",
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        yield app


def _csrf_token(html: bytes) -> str:
    return re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1).decode()


def test_post_without_csrf_token_is_refused_and_changes_nothing(csrf_app):
    from sqlalchemy import func, select

    from lms.extensions import db
    from lms.users.models import User

    client = csrf_app.test_client()
    data = {
        "display_name": "X",
        "email": "x@example.ma",
        "language": "fr",
        "password": "a-good-password",
        "confirm": "a-good-password",
    }
    response = client.post("/auth/register", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert b"This form has expired" in response.data
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    page = client.get("/auth/register")
    data["csrf_token"] = _csrf_token(page.data)
    assert client.post("/auth/register", data=data).status_code == 302


def test_sign_in_is_rate_limited_with_a_clear_message(csrf_app):
    from lms.extensions import db
    from lms.users.operations import create_user

    create_user(email="a@example.ma", display_name="A", password=PASSWORD, role=Role.STUDENT)
    db.session.commit()
    client = csrf_app.test_client()
    token = _csrf_token(client.get("/auth/login").data)
    statuses = [
        client.post(
            "/auth/login",
            data={"email": "a@example.ma", "password": "wrong", "csrf_token": token},
            headers={"Accept-Language": "en"},
        )
        for _ in range(4)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert b"Too many attempts" in statuses[-1].data
    # Reading the page is not limited, only attempts are.
    assert client.get("/auth/login").status_code == 200
