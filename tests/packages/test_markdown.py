"""The one Markdown renderer: highlighting, asset links, right-to-left code, and no way to inject HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from lms.markdown import asset_references, opens_with_title, render_markdown


def test_renders_commonmark_with_tables():
    html = render_markdown("## Titre\n\n*a* **b**\n\n| x | y |\n|:--|--:|\n| 1 | 2 |\n")
    assert isinstance(html, Markup)
    assert "<h2>Titre</h2>" in html
    assert "<em>a</em> <strong>b</strong>" in html
    assert '<th class="align-left">x</th>' in html
    assert '<td class="align-right">2</td>' in html
    assert "style" not in html


def test_fenced_code_is_highlighted_left_to_right():
    html = render_markdown('```python\ndef f():\n    return "<b>"\n```\n')
    assert html.startswith('<pre class="highlight" dir="ltr" tabindex="0"><code><span class="k">def</span>')
    assert "&lt;b&gt;" in html and "<b>" not in html


@pytest.mark.parametrize("info", ["", "nosuchlanguage", "nosuchlanguage extra words"])
def test_unknown_or_missing_language_is_escaped_plain_text(info):
    html = render_markdown(f"```{info}\n<script>alert(1)</script>\n```\n")
    assert (
        html
        == '<pre class="highlight" dir="ltr" tabindex="0"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n'
    )


def test_indented_and_inline_code_are_left_to_right():
    assert (
        render_markdown("    x = 1\n")
        == '<pre class="highlight" dir="ltr" tabindex="0"><code>x = 1\n</code></pre>\n'
    )
    assert render_markdown("نستعمل `print()` هنا") == '<p>نستعمل <code dir="ltr">print()</code> هنا</p>\n'


def test_asset_links_go_through_asset_url():
    html = render_markdown(
        "![Schéma](assets/boucle.png) [données](assets/notes%20classe.csv) [site](https://example.org/assets/x)",
        asset_url=lambda path: f"/c/demo/{path}",
    )
    assert '<img src="/c/demo/assets/boucle.png" alt="Schéma">' in html
    assert 'href="/c/demo/assets/notes classe.csv"' in html
    assert 'href="https://example.org/assets/x" rel="noopener noreferrer"' in html


def test_asset_paths_that_climb_out_are_not_rewritten():
    html = render_markdown("[x](assets/../../secret)", asset_url=lambda path: "/served/" + path)
    assert "/served/" not in html


def test_links_get_rel_noopener():
    assert render_markdown("[a](https://example.org)") == (
        '<p><a href="https://example.org" rel="noopener noreferrer">a</a></p>\n'
    )


XSS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)><circle/></svg>",
    "<iframe src='https://evil.example'></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\nscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<!-- <script>alert(1)</script> -->",
    '<div style="position:fixed">x</div>',
    '[x](https://example.org "title" onmouseover=alert(1))',
    '![x" onerror="alert(1)](assets/a.png)',
    "<scr<script>ipt>alert(1)</script>",
    "**<img src=x onerror=alert(1)>**",
    "> <script>alert(1)</script>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "<details open ontoggle=alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
]


ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
}
ALLOWED_TAGS |= {"a", "img", "span", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"href", "title", "rel", "src", "alt", "class", "dir", "start", "tabindex"}


class Elements(HTMLParser):
    """Collect the real elements and attributes of rendered HTML (text is not markup)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


@pytest.mark.parametrize("payload", XSS)
def test_no_payload_survives(payload):
    parsed = Elements(str(render_markdown(payload, asset_url=lambda p: "/a/" + p)))
    assert parsed.comments == []
    for tag, attributes in parsed.elements:
        assert tag in ALLOWED_TAGS
        assert set(attributes) <= ALLOWED_ATTRIBUTES, attributes
        for name in ("href", "src"):
            url = "".join((attributes.get(name) or "").split()).lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), url


def test_event_handler_attributes_are_removed_even_from_allowed_tags():
    from lms.markdown import sanitise

    dirty = '<a href="https://x.org" onclick="alert(1)" style="color:red">a</a><span class="k evil">k</span>'
    assert (
        sanitise(dirty) == '<a href="https://x.org" rel="noopener noreferrer">a</a><span class="k">k</span>'
    )


def test_asset_references_with_lines():
    text = "Intro\n\n![a](assets/a.png)\nsuite [b](assets/dossier/b%20c.csv#ligne)\n\n[web](https://x.org/assets/y)\n"
    assert asset_references(text) == [("assets/a.png", 3), ("assets/dossier/b c.csv", 4)]


def test_opens_with_title():
    assert opens_with_title("# Titre\n\ntexte")
    assert not opens_with_title("## Partie\n\n# Titre")
    assert not opens_with_title("Texte\n\n# Titre")


def test_dangerous_urls_are_dropped_not_followed():
    assert render_markdown("![x](data:image/png;base64,iVBORw0KGgo=)") == '<p><img alt="x"></p>\n'
    assert render_markdown("[c](javascript:alert(1))") == "<p>[c](javascript:alert(1))</p>\n"
    assert render_markdown("<!-- secret -->") == "<p>&lt;!-- secret --&gt;</p>\n"


def test_only_code_blocks_may_take_keyboard_focus():
    """Code blocks scroll sideways on small screens, so they are focusable; nothing else may be."""
    from lms.markdown import sanitise

    assert sanitise('<p tabindex="0">x</p><pre tabindex="-1">y</pre>') == "<p>x</p><pre>y</pre>"
    assert 'tabindex="0"' in str(render_markdown("```\nz\n```\n"))
