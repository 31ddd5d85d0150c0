"""Shared fixtures: an app on a migrated SQLite copy per test, clients, users and an auth helper."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from lms import create_app
from lms.extensions import db as _db
from lms.users.models import Role, User
from lms.users.operations import create_user

PASSWORD = "correct horse battery"


class FreshContextClient(FlaskClient):
    """Give each request its own app context, as in production.

    The ``app`` fixture keeps a context pushed so tests can use the database; without this, every
    request would reuse it and share ``g`` (the signed-in user, the locale) with the previous one.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def _test_config(database: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": "maharat.test",
    }


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run every migration once into a file; each test then starts from a copy (fast, and real)."""
    from flask_migrate import upgrade

    folder = tmp_path_factory.mktemp("template-db")
    mp = pytest.MonkeyPatch()
    mp.setenv("MAHARAT_INSTANCE", str(folder / "instance"))
    database = folder / "template.sqlite3"
    app = create_app(_test_config(database))
    with app.app_context():
        upgrade(revision="heads")
        _db.engine.dispose()
    mp.undo()
    return database


@pytest.fixture
def app(migrated_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    database = tmp_path / "test.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    app = create_app(_test_config(database))
    app.test_client_class = FreshContextClient
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app: Flask):
    return _db


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


class UserFactory:
    """Create users with sensible defaults; each call gets a fresh email."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, role: Role = Role.STUDENT, **fields) -> User:
        self.count += 1
        fields.setdefault("email", f"{role.value}{self.count}@example.ma")
        fields.setdefault("display_name", f"{role.value.title()} {self.count}")
        fields.setdefault("password", PASSWORD)
        if role is Role.MANAGER and "programme_id" not in fields:
            from sqlalchemy import select

            from lms.programmes.models import Programme

            fields["programme_id"] = _db.session.scalar(select(Programme.id).where(Programme.code == "sic"))
        user = create_user(role=role, **fields)
        _db.session.commit()
        return user


@pytest.fixture
def make_user(app: Flask) -> UserFactory:
    return UserFactory()


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, user_or_email: User | str, password: str = PASSWORD):
        email = user_or_email.email if isinstance(user_or_email, User) else user_or_email
        return self._client.post("/auth/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)
