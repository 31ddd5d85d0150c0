"""Front-end conventions that need no browser: fingerprinted static files, logical CSS, no inline code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STYLESHEETS = sorted(p for p in (ROOT / "lms" / "static").rglob("*.css") if "vendor" not in p.parts)
TEMPLATES = sorted((ROOT / "lms" / "templates").rglob("*.html"))
#: Physical directions: one stylesheet serves both directions only with inline/block, start/end.
PHYSICAL = re.compile(
    r"(?<![\w-])(margin|padding|border|inset)-(left|right)\b|(?<![\w-])(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|clear\s*:\s*(left|right)"
    r"|border-(top|bottom)-(left|right)-radius"
)


def test_static_urls_carry_the_content_hash(app):
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="css/app.css")
    assert re.fullmatch(r"/static/css/app\.css\?v=[0-9a-f]{12}", url)


def test_a_fingerprinted_file_is_cached_for_a_year_and_a_bare_one_briefly(app, client):
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="css/app.css")
    with client.get(url) as fingerprinted:
        assert fingerprinted.status_code == 200
        assert fingerprinted.cache_control.max_age == 31_536_000
        assert fingerprinted.cache_control.public and fingerprinted.cache_control.immutable
    with client.get("/static/css/app.css") as bare:
        assert bare.cache_control.max_age == 300 and not bare.cache_control.immutable
    with client.get("/static/css/app.css?v=000000000000") as stale:
        assert stale.cache_control.max_age == 300


def test_the_hash_changes_with_the_content(tmp_path, monkeypatch):
    from lms.core import assets
    from lms.core.assets import StaticVersions

    clock = [1000.0]
    monkeypatch.setattr(assets.time, "monotonic", lambda: clock[0])
    versions = StaticVersions(tmp_path, recheck=2.0)
    (tmp_path / "a.css").write_text("a { color: red }")
    first = versions.version("a.css")
    assert versions.version("a.css") == first
    (tmp_path / "a.css").write_text("a { color: navy }")
    assert versions.version("a.css") == first  # the file is looked at once per recheck delay, not per link
    clock[0] += 2.5
    assert versions.version("a.css") != first  # the running server sees the new file
    assert StaticVersions(tmp_path).version("../escape.css") is None
    assert StaticVersions(tmp_path).version("missing.css") is None


def test_pages_link_fingerprinted_assets_only(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert assets and all("?v=" in a for a in assets), assets


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stylesheets_use_logical_properties_only(stylesheet):
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(), flags=re.S)
    found = [m.group(0) for m in PHYSICAL.finditer(css)]
    assert not found, f"{stylesheet.name}: use inline-start/end, block-start/end instead of {found}"


def test_templates_have_no_inline_script_or_style_and_nothing_from_another_origin():
    problems = []
    for template in TEMPLATES:
        if "pdf" in template.parts:
            continue  # rendered by WeasyPrint into a PDF, never served as a page
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            problems.append(f"{template.name}: inline <script>")
        if re.search(r"<style\b|\sstyle=\"", text):
            problems.append(f"{template.name}: inline style")
        if re.search(r"\son[a-z]+=\"", text):
            problems.append(f"{template.name}: inline event handler")
        for url in re.findall(r'(?:src|href)="(https?:)?//[^"]*"', text):
            problems.append(f"{template.name}: external resource {url}")
    assert not problems, problems
