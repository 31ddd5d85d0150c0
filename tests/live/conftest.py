"""Live servers for this folder: gunicorn and ``flask run``, on the engine chosen with ``--database``.

One world per pytest process (tests/live/world.py) in a database of its own: a SQLite file in a fresh
instance folder, or a database on the private PostgreSQL server of tests/services.py. Both servers serve
it; the public URL (MAHARAT_PUBLIC_URL) is the gunicorn server's address, as behind a proxy it would be
the site's, so a link signed for one server is followed on the other by its path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.client import LiveClient
from tests.live.server import LiveServer, child_env, flask, run, serve
from tests.services import free_port

SERVERS = ("gunicorn", "flask")


@pytest.fixture(scope="session")
def live_database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """``DATABASE_URL`` for the live world (None: SQLite in its instance folder)."""
    if request.config.getoption("--database") == "sqlite":
        yield None
        return
    from sqlalchemy import create_engine, text

    base = request.getfixturevalue("postgres_url")
    name = f"live_{os.getpid()}"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def live_env(tmp_path_factory: pytest.TempPathFactory, live_database: str | None) -> dict[str, str]:
    """The servers' environment: migrated, with the world built (its facts in ``live_env["WORLD"]``)."""
    instance = tmp_path_factory.mktemp("live-instance")
    port = free_port()
    extra = {
        "MAHARAT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "LIVE_PORT": str(port),
        "COURSES_DIR": str(instance / "courses"),
    }
    if live_database:
        extra["DATABASE_URL"] = live_database
    env = child_env(instance, **extra)
    if not live_database:
        env.pop("DATABASE_URL", None)
    (instance / "courses").mkdir(parents=True, exist_ok=True)
    flask(env, "db", "upgrade")
    env["WORLD"] = run(env, "-m", "tests.live.world").strip().splitlines()[-1]
    return env


@pytest.fixture(scope="session")
def world(live_env: dict[str, str]) -> dict:
    return json.loads(live_env["WORLD"])


@pytest.fixture(scope="session")
def gunicorn_server(live_env: dict[str, str]) -> Iterator[LiveServer]:
    log = Path(live_env["MAHARAT_INSTANCE"]) / "gunicorn.log"
    with serve("gunicorn", live_env, log, port=int(live_env["LIVE_PORT"])) as server:
        yield server


@pytest.fixture(scope="session")
def flask_server(live_env: dict[str, str]) -> Iterator[LiveServer]:
    with serve("flask", live_env, Path(live_env["MAHARAT_INSTANCE"]) / "flask.log") as server:
        yield server


@pytest.fixture(params=SERVERS)
def live(request: pytest.FixtureRequest) -> LiveServer:
    """Each test runs against both servers."""
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture
def visit(live: LiveServer, world: dict):
    """``visit(role, language)``: a client signed in as the world's account (or a visitor)."""

    def make(role: str = "visitor", language: str | None = None) -> LiveClient:
        client = LiveClient(live.url)
        if role != "visitor":
            client.sign_in(world[role], world["password"])
        if language:
            client.use_language(language)
        return client

    return make
