"""The application factory and configuration."""

import pytest

from lms import create_app
from lms.config import DEFAULT_SECRET_KEY, ConfigError


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
