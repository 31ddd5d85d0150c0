"""Shared fixtures: an app on a fresh migrated database per test, clients, users and an auth helper.

The database is SQLite by default (a copy of a migrated template file) or, with
``--database postgresql``, a private PostgreSQL server (a ``CREATE DATABASE … TEMPLATE`` copy of a
migrated template database). ``postgres_url`` and ``redis_url`` give the PostgreSQL-specific and
queue tests their servers in either mode (tests/services.py).
"""

from __future__ import annotations

import copy
import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from lms import create_app
from lms.extensions import db as _db
from lms.extensions import limiter
from lms.users.models import Role, User
from lms.users.operations import create_user
from tests import services

PASSWORD = "correct horse battery"


class FreshContextClient(FlaskClient):
    """Give each request its own app context, as in production.

    The ``app`` fixture keeps a context pushed so tests can use the database; without this, every
    request would reuse it and share ``g`` (the signed-in user, the locale) with the previous one.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=["sqlite", "postgresql"],
        default=os.environ.get("MAHARAT_TEST_DATABASE", "sqlite"),
        help="Engine behind the app fixture (default sqlite; env MAHARAT_TEST_DATABASE).",
    )


def _test_config(database: Path | str) -> dict:
    uri = database if isinstance(database, str) else f"sqlite:///{database}"
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": uri,
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


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The base URL of this test process's private PostgreSQL server (no database name)."""
    with services.for_tests(services.postgres_server) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with services.for_tests(services.redis_server) as url:
        yield url


def _postgres_admin(base_url: str):
    from sqlalchemy import create_engine

    return create_engine(f"{base_url}/postgres", isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def migrated_postgres(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL database migrated once; each test gets a copy made with CREATE DATABASE … TEMPLATE."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    admin = _postgres_admin(postgres_url)
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE maharat_template"))
    admin.dispose()
    mp = pytest.MonkeyPatch()
    mp.setenv("MAHARAT_INSTANCE", str(tmp_path_factory.mktemp("pg-template") / "instance"))
    app = create_app(_test_config(f"{postgres_url}/maharat_template"))
    with app.app_context():
        upgrade(revision="heads")
        _db.engine.dispose()
    mp.undo()
    return postgres_url


_database_numbers = itertools.count()


def _create_from_template(admin, name: str) -> None:
    from sqlalchemy import text

    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE maharat_template'))


def _drop(admin, name: str) -> None:
    from sqlalchemy import text

    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def postgres_copy(base_url: str, name: str | None = None) -> Iterator[str]:
    """Create a database from the migrated template for one test; drop it afterwards."""
    name = name or f"test_{os.getpid()}_{next(_database_numbers)}"
    admin = _postgres_admin(base_url)
    _create_from_template(admin, name)
    try:
        yield f"{base_url}/{name}"
    finally:
        _drop(admin, name)
        admin.dispose()


@pytest.fixture(scope="session")
def _test_database_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where this worker's per-test database lives: always the same place, refilled before each test.

    The session's app for it (``_session_apps``) keeps its engine, compiled templates and SQL caches
    from test to test; only the data is fresh.
    """
    if request.config.getoption("--database") == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('test-db') / 'test.sqlite3'}"
    return f"{request.getfixturevalue('migrated_postgres')}/test_{os.getpid()}"


@pytest.fixture
def database_uri(request: pytest.FixtureRequest, _test_database_home: str) -> Iterator[str]:
    """A fresh, migrated database for one test, on the engine chosen with --database.

    SQLite: a new copy of the migrated template file (a new file, so a straggling process that still
    holds the previous test's file cannot touch it). PostgreSQL: ``CREATE DATABASE … TEMPLATE``.
    """
    if request.config.getoption("--database") == "sqlite":
        database = Path(_test_database_home.removeprefix("sqlite:///"))
        for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(request.getfixturevalue("migrated_database"), database)
        yield _test_database_home
        return
    base_url, _, name = _test_database_home.rpartition("/")
    with postgres_copy(base_url, name) as uri:
        yield uri


@pytest.fixture(scope="session")
def _session_apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Flask]]:
    """One app per test session (per xdist worker) and database address: building one costs more than
    most tests, and it keeps its compiled templates and SQL caches. Each test refills the database.

    Tests that need another configuration build their own with ``create_app`` (tests/test_factory.py).
    """
    apps: dict[str, Flask] = {}
    yield apps
    for app in apps.values():
        with app.app_context():
            _db.engine.dispose()


def _shared_app(apps: dict[str, Flask], database_uri: str, instance: Path) -> Flask:
    if database_uri not in apps:
        mp = pytest.MonkeyPatch()
        mp.setenv("MAHARAT_INSTANCE", str(instance))
        app = create_app(_test_config(database_uri))
        mp.undo()
        app.test_client_class = FreshContextClient
        app.extensions["maharat_test_config"] = copy.deepcopy(dict(app.config))
        apps[database_uri] = app
    return apps[database_uri]


@pytest.fixture
def app(
    _session_apps: dict[str, Flask], database_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    """The session's app on this test's fresh database, with its own instance folder and configuration.

    Each test starts from the configuration the app was built with (a test may change ``app.config``)
    and its own empty instance folder (keys, PDFs, uploads). Child processes find it through
    ``MAHARAT_INSTANCE``.
    """
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(instance))
    app = _shared_app(_session_apps, database_uri, instance)
    app.instance_path = str(instance)
    app.config.clear()
    app.config.update(copy.deepcopy(app.extensions["maharat_test_config"]))
    # Flask-Limiter keeps ``enabled`` on the one global limiter, and the last app built sets it.
    limiter.enabled = app.config["RATELIMIT_ENABLED"]
    with app.app_context():
        _db.engine.dispose()  # no pooled connection survives from the previous test's database
        yield app
        _db.session.remove()
        _db.engine.dispose()


@contextmanager
def count_queries(engine=None) -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block (pages must not grow a query per row)."""
    engine = engine if engine is not None else _db.engine
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with one PBKDF2 round: for tests that create many accounts (hashing is tested elsewhere)."""
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(
        "lms.users.models.generate_password_hash",
        lambda password, method: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )


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
