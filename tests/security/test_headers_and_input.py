"""Headers, cookies, request size, templates without inline code, and no SQL built from strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lms import create_app
from lms.core.security import CONTENT_SECURITY_POLICY
from tests.conftest import _test_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", ["/", "/auth/login", "/verify", "/does-not-exist"])
def test_every_answer_carries_the_protective_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://maharat.test")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_forwarded_headers_count_only_from_trusted_proxies(app, client, make_user, db, tmp_path, monkeypatch):
    from sqlalchemy import select

    from lms.audit.models import AuditEntry

    forged = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    response = client.post("/auth/login", data={"email": "x@example.ma", "password": "y"}, headers=forged)
    assert "Strict-Transport-Security" not in response.headers
    assert db.session.scalar(select(AuditEntry.ip)) == "127.0.0.1", "a forged address is ignored"

    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "proxied"))
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})
    with proxied.app_context():
        response = proxied.test_client().post(
            "/auth/login", data={"email": "x@example.ma", "password": "y"}, headers=forged
        )
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        ips = db.session.scalars(select(AuditEntry.ip).order_by(AuditEntry.id)).all()
        assert ips[-1] == "203.0.113.9"
        db.session.remove()
        db.engine.dispose()


def test_session_cookie_is_httponly_and_lax(client, auth, make_user):
    response = auth.login(make_user())
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "development runs over plain HTTP"


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("MAHARAT_ENV", "production")
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path))
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    app = create_app(
        {**_test_config(tmp_path / "p.sqlite3"), "SECRET_KEY": "x" * 40, "PUBLIC_URL": "https://maharat.ma"}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_too_large_a_request_gets_a_translated_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/auth/login", data={"email": "a@b.ma", "password": "x" * 4096})
    assert response.status_code == 413
    assert "Contenu trop volumineux" in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_default_request_limit_is_set(app):
    assert 0 < app.config["MAX_CONTENT_LENGTH"] <= 16 * 1024 * 1024


def test_templates_have_no_inline_script_or_style():
    """The CSP would block them in the browser; catch them here, with the file name.

    Certificate PDF layouts are rendered by WeasyPrint on the server, never served to a browser.
    """
    offenders = []
    for template in sorted((ROOT / "lms" / "templates").rglob("*.html")):
        if template.is_relative_to(ROOT / "lms" / "templates" / "certificates" / "pdf"):
            continue
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"<style[\s>]", text):
            offenders.append(template.relative_to(ROOT).as_posix())
        if re.search(r"""\sstyle\s*=\s*["']""", text) or re.search(r"""\son[a-z]+\s*=\s*["']""", text):
            offenders.append(template.relative_to(ROOT).as_posix())
    assert offenders == []


def _builds_strings(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr | ast.BinOp) or (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
    )


def test_no_sql_is_built_from_strings():
    """``text()``/``execute()`` only ever get constants or SQLAlchemy expressions, never built strings."""
    offenders = []
    for source in sorted((ROOT / "lms").rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in {"text", "execute", "exec_driver_sql"} and _builds_strings(node.args[0]):
                offenders.append(f"{source.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
