"""The application factory and configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lms import create_app
from lms.config import DEFAULT_SECRET_KEY, ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_testing_config_is_applied(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key"


def test_defaults_use_sqlite_under_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "inst"))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'inst' / 'maharat.sqlite3'}"
    assert (tmp_path / "inst").is_dir()


def test_database_url_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://maharat@localhost/maharat")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://maharat@localhost/maharat"


@pytest.mark.parametrize("secret", [None, DEFAULT_SECRET_KEY, "short"])
def test_production_refuses_a_missing_default_or_short_secret_key(monkeypatch, tmp_path, secret):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path))
    monkeypatch.setenv("MAHARAT_ENV", "production")
    if secret is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_starts_with_a_real_secret_key_and_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path))
    monkeypatch.setenv("MAHARAT_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.delenv("MAHARAT_PUBLIC_URL", raising=False)
    with pytest.raises(ConfigError, match="MAHARAT_PUBLIC_URL"):
        create_app()
    monkeypatch.setenv("MAHARAT_PUBLIC_URL", "https://maharat.ma")
    assert create_app().config["ENV_NAME"] == "production"


def test_no_database_query_at_start_up(tmp_path, monkeypatch):
    # The database file's folder does not exist: any connection at start-up would fail.
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"})
    assert "core" in app.blueprints


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}


def test_health_check_is_degraded_when_the_database_is_unreachable(tmp_path, monkeypatch):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path))
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/db.sqlite3"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "degraded", "checks": {"database": "unavailable", "queue": "ok"}}


def test_security_headers_are_set(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_error_pages_render_inside_the_layout(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert b'class="site-header"' in response.data
    assert b"Page not found" in response.data


def test_signal_receivers_are_connected_by_create_app_not_by_imports(tmp_path):
    """Importing every views module connects nothing; create_app connects each receiver once, explicitly.

    Run in a fresh interpreter: blinker's signals are process-wide, and this process has built apps.
    """
    script = """
import importlib, pkgutil, lms
from lms.learning import signals
for module in pkgutil.walk_packages(lms.__path__, "lms."):
    if module.name.endswith(("views", "blueprint")):
        importlib.import_module(module.name)
before = {name: len(getattr(signals, name).receivers) for name in ("course_completed", "attempt_recorded")}
lms.create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True, "SECRET_KEY": "x"})
lms.create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True, "SECRET_KEY": "x"})
after = {name: len(getattr(signals, name).receivers) for name in ("course_completed", "attempt_recorded")}
print(before, after)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAHARAT_INSTANCE": str(tmp_path / "instance")}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "{'course_completed': 0, 'attempt_recorded': 0} {'course_completed': 2, 'attempt_recorded': 1}"
    )
