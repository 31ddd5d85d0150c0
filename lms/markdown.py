"""The one Markdown renderer of the app: lessons, prompts, questions and explanations.

Course content is trusted to be written by staff but still rendered as if it were not:
raw HTML is off in the parser, and the output goes through an explicit allow-list
sanitiser (nh3) so no script, event handler, style or dangerous URL can reach a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from typing import Any
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

#: prefix of links and images that point into the course's ``assets/`` folder
ASSET_PREFIX = "assets/"

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_LTR = {"dir": {"ltr"}}
#: Code blocks scroll sideways on narrow screens: focusable, so the keyboard can scroll them too.
_PRE = {**_LTR, "tabindex": {"0"}}
_ALIGN = {"align-left", "align-center", "align-right"}
_CLASSES = {
    "span": {name for name in STANDARD_TYPES.values() if name},
    "pre": {"highlight"},
    "th": _ALIGN,
    "td": _ALIGN,
}
_FORMATTER = HtmlFormatter(nowrap=True)


def _highlight(code: str, language: str) -> str:
    """Return highlighted HTML for a known language, escaped plain text otherwise."""
    if language:
        try:
            lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
        except ClassNotFound:
            return escape(code)
        return highlight(code, lexer, _FORMATTER)
    return escape(code)


def _render_fence(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    info = tokens[idx].info.strip()
    language = info.split(maxsplit=1)[0] if info else ""
    body = _highlight(tokens[idx].content, language)
    return f'<pre class="highlight" dir="ltr" tabindex="0"><code>{body}</code></pre>\n'


def _render_code_block(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return f'<pre class="highlight" dir="ltr" tabindex="0"><code>{escape(tokens[idx].content)}</code></pre>\n'


def _render_code_inline(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return f'<code dir="ltr">{escape(tokens[idx].content)}</code>'


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_code_block)
    md.add_render_rule("code_inline", _render_code_inline)
    return md


_MD = _parser()


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _asset_path(url: str) -> str | None:
    """Return the asset path a URL names (``assets/x.png``), or None for other URLs."""
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not path.startswith(ASSET_PREFIX) or ".." in path.split("/") or path == ASSET_PREFIX:
        return None
    return path


def _prepare(tokens: list[Token], asset_url: Callable[[str], str] | None) -> None:
    """Rewrite asset URLs and turn table alignment styles into classes, in place."""
    for token in _walk(tokens):
        if token.type in ("th_open", "td_open"):
            style = token.attrGet("style") or ""
            if style.startswith("text-align:"):
                token.attrs.pop("style", None)
                token.attrSet("class", "align-" + style.split(":", 1)[1].strip())
        if asset_url is None:
            continue
        for attribute in ("href", "src"):
            value = token.attrGet(attribute)
            if isinstance(value, str) and (path := _asset_path(value)) is not None:
                token.attrSet(attribute, asset_url(path))


def sanitise(html: str) -> str:
    """Keep only the allow-listed tags, attributes, classes and URL schemes."""
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        tag_attribute_values={"pre": _PRE, "code": _LTR},
        allowed_classes=_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str, *, asset_url: Callable[[str], str] | None = None) -> Markup:
    """Render course Markdown to safe HTML.

    ``asset_url`` maps an ``assets/...`` path (as written, URL-decoded) to the URL that
    serves it; without it such links stay relative.
    """
    tokens = _MD.parse(text or "")
    _prepare(tokens, asset_url)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return Markup(sanitise(html))  # noqa: S704 - sanitised just above


def asset_references(text: str) -> list[tuple[str, int | None]]:
    """List the ``assets/...`` paths a Markdown text links to, with their 1-based lines."""
    found: list[tuple[str, int | None]] = []
    if not text or "assets/" not in unquote(text):  # parsing is the slow part of validation
        return found
    for block in _MD.parse(text or ""):
        line = block.map[0] + 1 if block.map else None
        for token in block.children or []:
            if token.type in ("softbreak", "hardbreak") and line is not None:
                line += 1
            for attribute in ("href", "src"):
                value = token.attrGet(attribute)
                if isinstance(value, str) and unquote(value).startswith(ASSET_PREFIX):
                    found.append((unquote(value.split("#", 1)[0].split("?", 1)[0]), line))
    return found


def opens_with_title(text: str) -> bool:
    """Tell whether a text starts with a level-1 heading (a lesson must not repeat its title)."""
    if not text or ("#" not in text.lstrip()[:4] and "=" not in text):
        return False
    tokens = _MD.parse(text)
    return bool(tokens) and tokens[0].type == "heading_open" and tokens[0].tag == "h1"
