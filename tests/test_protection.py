"""Sign-in walls, role checks, CSRF and rate limits."""

import re
import shutil

import pytest

from lms import create_app
from lms.users.models import Role
from tests.conftest import PASSWORD

#: Every page that needs a signed-in user, with the roles allowed to see it.
PROTECTED = {
    "/courses/": {Role.ADMIN, Role.TEACHER, Role.STUDENT},
    "/classes/": {Role.ADMIN, Role.TEACHER},
    "/classes/new": {Role.ADMIN, Role.TEACHER},
    "/classes/join": {Role.STUDENT},
    "/reports/": {Role.ADMIN, Role.MANAGER},
    "/reports/places.csv": {Role.ADMIN, Role.MANAGER},
    "/reports/weeks.csv": {Role.ADMIN, Role.MANAGER},
    "/certificates": {Role.ADMIN, Role.TEACHER, Role.STUDENT},
    "/admin/certificates": {Role.ADMIN},
    "/admin/certificates/issue": {Role.ADMIN},
    "/admin/certificates/export.zip": {Role.ADMIN},
    "/admin/authoring/": {Role.ADMIN},
    "/admin/authoring/new": {Role.ADMIN},
    "/dashboard/learner": {Role.ADMIN, Role.TEACHER, Role.STUDENT},
    "/dashboard/teacher": {Role.ADMIN, Role.TEACHER},
    "/dashboard/admin": {Role.ADMIN},
    "/dashboard/manager": {Role.ADMIN, Role.MANAGER},
    "/account/profile": set(Role),
}


@pytest.mark.parametrize("url", sorted(PROTECTED))
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/auth/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("url", sorted(PROTECTED))
def test_each_role_sees_only_its_pages(client, auth, make_user, role, url):
    auth.login(make_user(role))
    expected = 200 if role in PROTECTED[url] else 403
    assert client.get(url).status_code == expected


#: Pages about one object, whose access rules (enrolment, ownership) are tested in their area's tests.
OBJECT_PAGES = {
    "/courses/<slug>": "tests/learning/test_player.py",
    "/courses/<slug>/continue": "tests/learning/test_player.py",
    "/courses/<slug>/items/<item_slug>": "tests/learning/test_player.py",
    "/courses/<slug>/assets/<path:filename>": "tests/learning/test_player.py",
    "/courses/<slug>/items/<item_slug>/attempts/<int:attempt_id>": "tests/grading/test_worker.py",
    "/certificates/<code>.pdf": "tests/certificates/test_pages.py",
    "/classes/<int:class_id>": "tests/classes/test_classes.py",
    "/classes/<int:class_id>/members": "tests/classes/test_classes.py",
    "/classes/<int:class_id>/import": "tests/classes/test_classes.py",
    "/classes/<int:class_id>/progress.csv": "tests/classes/test_classes.py",
    "/classes/<int:class_id>/learners/<int:user_id>": "tests/classes/test_classes.py",
    "/admin/certificates/<code>": "tests/certificates/test_admin.py",
    "/admin/authoring/<slug>": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/settings": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/history": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/units/<unit_slug>": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/units/<unit_slug>/remove": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/items/<item_slug>": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/items/<item_slug>/remove": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/items/<item_slug>/questions/<qid>": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/items/<item_slug>/learner-preview": "tests/authoring/test_access.py",
    "/admin/authoring/<slug>/assets/<path:filename>": "tests/authoring/test_access.py",
}

PUBLIC = {
    "/",
    "/healthz",
    "/auth/login",
    "/auth/register",
    "/auth/forgot",
    "/auth/reset/<token>",
    "/static/<path:filename>",
    "/verify",
    "/verify/<code>",
    "/certificates/<code>.json",
    "/issuers/<programme>",
    "/status/<programme>/<int:number>",
}


def test_every_get_route_is_listed_or_public(app):
    """A new page must be added to PROTECTED, OBJECT_PAGES or PUBLIC, with its access rule."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods:
            known = rule.rule in PROTECTED or rule.rule in PUBLIC or rule.rule in OBJECT_PAGES
            assert known, f"{rule.rule} has no access rule in this test"


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
