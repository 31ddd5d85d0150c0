"""Fixtures for the security tests: a world built once per session, copied for every test."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from lms import create_app
from lms.extensions import db as _db
from tests.conftest import FreshContextClient, _test_config, cheap_password_hashes
from tests.security.smtp import SmtpSink
from tests.security.world import World, build_world


def world_config(folder: Path, database: Path) -> dict:
    return {
        **_test_config(database),
        "COURSES_DIR": str(folder / "courses"),
        "CERTIFICATE_KEYS_DIR": str(folder / "keys"),
        "AUTHORING_ASSETS_DIR": str(folder / "authoring"),
        "GRADING_QUEUE": "none",
    }


@pytest.fixture(scope="session")
def world_template(migrated_database: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The world's database file and ids, built once (course package, keys and all)."""
    folder = tmp_path_factory.mktemp("world")
    (folder / "courses").mkdir()
    database = folder / "world.sqlite3"
    shutil.copyfile(migrated_database, database)
    mp = pytest.MonkeyPatch()
    mp.setenv("MAHARAT_INSTANCE", str(folder / "instance"))
    cheap_password_hashes(mp)
    try:
        app = create_app(world_config(folder, database))
        with app.app_context():
            world = build_world(folder / "courses")
            _db.session.remove()
            _db.engine.dispose()
    finally:
        mp.undo()
    return database, world


@pytest.fixture
def world(world_template) -> World:
    return world_template[1]


@pytest.fixture
def make_world_app(world_template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Build an app on a private copy of the world's database, with configuration overrides.

    The course files and keys are shared with the template and only read.
    """
    template, _ = world_template
    made: list[Flask] = []

    def make(**overrides) -> Flask:
        database = tmp_path / f"world-{len(made)}.sqlite3"
        shutil.copyfile(template, database)
        monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
        cheap_password_hashes(monkeypatch)
        app = create_app({**world_config(template.parent, database), **overrides})
        app.test_client_class = FreshContextClient
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            _db.engine.dispose()


@pytest.fixture
def world_app(make_world_app) -> Iterator[Flask]:
    app = make_world_app()
    with app.app_context():
        yield app
        _db.session.remove()


def sign_in_as(client: FlaskClient, world: World, persona: str) -> None:
    """Put the persona's session in the cookie directly (the sign-in form is tested elsewhere)."""
    if persona == "anonymous":
        return
    from lms.users.models import User

    user = _db.session.get(User, world.users[persona])
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def sink(app) -> Iterator[SmtpSink]:
    """A loopback SMTP server, and the app's mail settings pointing at it."""
    server = SmtpSink()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=server.server_address[1],
        MAIL_USE_TLS=False,
        MAIL_SENDER="Maharat <no-reply@maharat.test>",
    )
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=120)
