"""The lesson editor: the preview is the player's rendering, and nothing executable gets through."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

XSS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<p onclick="alert(1)">x</p>',
]


class _Elements(HTMLParser):
    """Collect real elements and attributes (escaped text such as ``&lt;script&gt;`` is harmless)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "svg", "iframe", "object", "embed", "style", "math", "form", "base"}:
            self.found.append(tag)
        for name, value in attrs:
            scheme = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.found.append(name)
            elif name in {"href", "src"} and scheme.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{name}={value}")


def _executable(html: str) -> list[str]:
    """What could run in a browser: script-like elements, event handlers, styles, script URLs."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", XSS)
def test_the_live_preview_strips_anything_executable(client, authored, payload):
    response = client.post(f"/admin/authoring/{authored}/preview", data={"text": f"Texte\n\n{payload}\n"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert not _executable(response.text), response.text
    assert "Texte" in response.text


@pytest.mark.parametrize("payload", XSS)
def test_the_no_script_preview_and_the_saved_lesson_strip_it_too(client, authored, payload):
    data = {"title": "Bienvenue", "weight": "1", "required": "y", "body": payload, "preview": "1"}
    page = client.post(f"/admin/authoring/{authored}/items/bienvenue", data=data).text
    preview = page.split('id="preview"', 1)[1].split("</section>", 1)[0]
    assert not _executable(preview), preview


def test_the_preview_renders_markdown_like_the_player(client, authored):
    html = client.post(
        f"/admin/authoring/{authored}/preview",
        data={"text": "## Titre\n\n**gras** et `code`\n\n```python\nx = 1\n```"},
    ).text
    assert "<h2>Titre</h2>" in html and "<strong>gras</strong>" in html and "highlight" in html


def test_saving_a_lesson_keeps_it_in_the_draft_until_publish(client, authored):
    page = client.get(f"/admin/authoring/{authored}/items/bienvenue").text
    assert "<strong>tout le monde</strong>" in page
    assert 'dir="auto"' in page


def test_a_lesson_may_not_open_with_a_title(client, authored):
    data = {"title": "Bienvenue", "weight": "1", "required": "y", "body": "# Titre\n\ntexte"}
    response = client.post(f"/admin/authoring/{authored}/items/bienvenue", data=data)
    assert response.status_code == 200
    assert "Do not start with a # title" in response.text


def test_the_preview_needs_a_csrf_token(app, client, authored):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(f"/admin/authoring/{authored}/preview", data={"text": "x"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_the_checker_itself_sees_live_markup():
    assert _executable('<img src=x onerror="alert(1)">')
    assert _executable('<a href=" javascript:alert(1)">x</a>')
    assert _executable("<script>1</script>")
    assert not _executable("<p>&lt;script&gt;</p>")
