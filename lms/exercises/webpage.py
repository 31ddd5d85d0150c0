"""The built-in ``webpage`` type: a learner writes a web page (HTML, and CSS) in the browser.

Nothing the learner writes is ever run: the page is parsed on the server with the standard
library's ``html.parser`` and checked against the exercise's declarative checks (a title in the
head, an ``h1``, at least three list items, every image with its alternative text, a link, the
``lang`` and ``dir`` of the page, a CSS property). The learner's preview is a sandboxed iframe
(``sandbox=""``: no script, no form, no plugin, an opaque origin) fed by ``srcdoc`` that starts
with its own Content-Security-Policy (``PREVIEW_POLICY``: nothing fetched, nothing run; the page's
CSS is let through by the response's style nonce, see ``lms.core.security.style_nonce``); teachers
read the page's source, escaped, in the gradebook: it is never rendered in a staff page.
"""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from lms.exercises.base import ExerciseType, FormData, GradeResult, ReferenceCheck, Submission
from lms.exercises.editing import EditorForm, text
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.problems import Problem
from lms.exercises.tables import BOOLEAN, INTEGER, REQUIRED, STRING, TABLES, Spec

WEBPAGE_SPEC: Spec = {
    "starter": (STRING, ""),
    "starter_css": (STRING, ""),
    "checks": (TABLES, REQUIRED),
    "max_attempts": (INTEGER, 0),
}
CHECK_SPEC: Spec = {
    "id": (STRING, REQUIRED),
    "kind": (STRING, REQUIRED),
    "tag": (STRING, ""),
    "min": (INTEGER, 1),
    "text": (BOOLEAN, False),
    "value": (STRING, ""),
    "property": (STRING, ""),
    "label": (STRING, ""),
    "hint": (STRING, ""),
}
#: the kinds of check, and the keys each one needs
KINDS: dict[str, tuple[str, ...]] = {
    "element": ("tag",),
    "title": (),
    "lang": (),
    "dir": (),
    "img-alt": (),
    "link": (),
    "css": ("property",),
}
#: longest HTML and CSS a submission may hold (more is cut)
MAX_HTML = 50_000
MAX_CSS = 20_000
#: the policy of the preview document: styles and inline images only, nothing fetched, nothing run
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"^[a-z][a-z0-9]*$")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class _Element:
    """One element of the parsed page: its tag, attributes, ancestors' tags and text."""

    def __init__(self, tag: str, attrs: dict[str, str], ancestors: tuple[str, ...]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.ancestors = ancestors
        self.text: list[str] = []


class _PageParser(HTMLParser):
    """Collect every element with its attributes, ancestors and text; never raises on bad HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self.stack: list[_Element] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: (v or "") for k, v in attrs}, tuple(e.tag for e in self.stack))
        self.elements.append(element)
        if "style" in element.attrs:
            self.styles.append("x{" + element.attrs["style"] + "}")
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].tag == "style":
            self.styles.append(data)
        for element in self.stack:
            element.text.append(data)


def parse_page(html: str) -> _PageParser:
    """Parse a page as a browser would read its structure (tolerant: any string parses)."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def _readable(text: str) -> bool:
    """Text a reader can read: at least one letter or digit (a heading of dots or dashes is not text)."""
    return any(character.isalnum() for character in text)


def _has_text(element: _Element) -> bool:
    return _readable("".join(element.text))


def _safe_url(value: str) -> bool:
    """Only plain web links, anchors, relative paths, mail and inline images."""
    url = re.sub(r"[\x00-\x20]", "", value).lower()
    if ":" not in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True
    return url.startswith(("http:", "https:", "mailto:", "data:image/"))


def _css_properties(css: str) -> set[str]:
    """The properties declared in a style sheet (and style attributes), lower-cased."""
    found = set()
    for block in re.findall(r"\{([^{}]*)\}", _CSS_COMMENT.sub("", css)):
        for declaration in block.split(";"):
            name, colon, value = declaration.partition(":")
            if colon and value.strip() and re.fullmatch(r"\s*-?[a-zA-Z-]+\s*", name):
                found.add(name.strip().lower())
    return found


def run_check(check: dict[str, Any], page: _PageParser, css: str) -> bool:
    """Tell whether the page satisfies one declarative check."""
    kind = check.get("kind")
    elements = page.elements
    root = next((e for e in elements if e.tag == "html"), None)
    wanted = str(check.get("value") or "").strip().lower()
    minimum = max(int(check.get("min", 1) or 0), 0)
    if kind == "element":
        tag = str(check.get("tag", "")).lower()
        found = [e for e in elements if e.tag == tag and (not check.get("text") or _has_text(e))]
        return len(found) >= max(minimum, 1)
    if kind == "title":
        return any(e.tag == "title" and "head" in e.ancestors and _has_text(e) for e in elements)
    if kind in ("lang", "dir"):
        value = (root.attrs.get(kind, "") if root else "").strip().lower()
        if kind == "dir" and value not in ("ltr", "rtl", "auto"):
            return False
        return bool(value) and (not wanted or value == wanted or value.startswith(wanted + "-"))
    if kind == "img-alt":
        images = [e for e in elements if e.tag == "img"]
        return len(images) >= minimum and all(_readable(e.attrs.get("alt", "")) for e in images)
    if kind == "link":
        links = [
            e
            for e in elements
            if e.tag == "a"
            and e.attrs.get("href", "").strip()
            and _safe_url(e.attrs["href"])
            and _has_text(e)
        ]
        return len(links) >= max(minimum, 1)
    if kind == "css":
        return str(check.get("property", "")).lower() in _css_properties("\n".join([css, *page.styles]))
    return False


def default_label(check: dict[str, Any]) -> str:
    """What the check asks, in the reader's language, when the exercise gives no ``label``."""
    kind = check.get("kind")
    minimum = max(int(check.get("min", 1) or 0), 1)
    if kind == "element":
        tag = f"<{check.get('tag', '')}>"
        if check.get("text"):
            return ngettext(
                "At least %(num)d %(tag)s element with text",
                "At least %(num)d %(tag)s elements with text",
                minimum,
                tag=tag,
            )
        return ngettext(
            "At least %(num)d %(tag)s element", "At least %(num)d %(tag)s elements", minimum, tag=tag
        )
    if kind == "title":
        return gettext("A <title> with text inside <head>")
    if kind == "lang":
        return gettext('The language of the page: <html lang="…">')
    if kind == "dir":
        return gettext('The direction of the page: <html dir="rtl"> or <html dir="ltr">')
    if kind == "img-alt":
        return gettext('Every image <img> has an alternative text (alt="…")')
    if kind == "link":
        return ngettext(
            'At least %(num)d link <a href="…"> with text',
            'At least %(num)d links <a href="…"> with text',
            minimum,
        )
    if kind == "css":
        return gettext("A CSS rule sets the property %(property)s", property=check.get("property", ""))
    return str(kind)


def grade_page(checks: list[dict[str, Any]], html: str, css: str) -> list[dict[str, Any]]:
    """Run every check on a page: one entry per check, in order, with what it asks and whether it holds."""
    page = parse_page(html)
    results = []
    for check in checks:
        passed = run_check(check, page, css)
        results.append(
            {
                "id": check.get("id"),
                "passed": passed,
                "label": check.get("label") or default_label(check),
                "hint": "" if passed else (check.get("hint") or ""),
            }
        )
    return results


# --- the type -------------------------------------------------------------------------------------


class WebpageForm(EditorForm):
    """The editor: statement, starter page, reference page, and the checks as TOML."""

    prompt = TextAreaField(
        _l("Statement (Markdown)"),
        validators=[InputRequired()],
        render_kw={"dir": "auto", "rows": 8, "class": "markdown-source"},
    )
    starter = TextAreaField(
        _l("Starting page (HTML)"),
        validators=[Optional()],
        render_kw={"dir": "ltr", "rows": 8, "class": "code-source", "spellcheck": "false"},
    )
    starter_css = TextAreaField(
        _l("Starting style sheet (CSS, optional)"),
        validators=[Optional()],
        render_kw={"dir": "ltr", "rows": 4, "class": "code-source", "spellcheck": "false"},
    )
    solution = TextAreaField(
        _l("A reference page that passes every check (HTML, never shown to learners)"),
        validators=[InputRequired()],
        render_kw={"dir": "ltr", "rows": 10, "class": "code-source", "spellcheck": "false"},
    )
    solution_css = TextAreaField(
        _l("Its style sheet (CSS, optional)"),
        validators=[Optional()],
        render_kw={"dir": "ltr", "rows": 4, "class": "code-source", "spellcheck": "false"},
    )
    checks = TextAreaField(
        _l("Checks (TOML: one [[checks]] table each, with id, kind and its keys)"),
        validators=[InputRequired()],
        description=_l(
            "Kinds: element (tag, min, text), title, lang (value), dir (value), img-alt (min), link (min), "
            "css (property); each may set label and hint."
        ),
        render_kw={"dir": "ltr", "rows": 12, "class": "code-source", "spellcheck": "false"},
    )
    max_attempts = IntegerField(
        _l("Attempts allowed (0 = unlimited)"),
        validators=[InputRequired(), NumberRange(min=0, max=100, message=_l("Between 0 and 100."))],
        render_kw={"dir": "ltr"},
    )


def _checks_toml(checks: list[dict[str, Any]]) -> str:
    """Write the checks back as TOML tables, for the editor."""
    lines: list[str] = []
    for check in checks:
        lines.append("[[checks]]")
        for key, value in check.items():
            if isinstance(value, bool):
                lines.append(f"{key} = {'true' if value else 'false'}")
            elif isinstance(value, int):
                lines.append(f"{key} = {value}")
            else:
                quoted = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                lines.append(f'{key} = "{quoted}"')
        lines.append("")
    return "\n".join(lines)


def _clean_check(check: dict[str, Any]) -> dict[str, Any]:
    """Keep a check's keys in a stable order, dropping defaults."""
    cleaned: dict[str, Any] = {"id": check.get("id", ""), "kind": check.get("kind", "")}
    for key, (_kind, default) in CHECK_SPEC.items():
        if key in cleaned or key not in check:
            continue
        if default is not REQUIRED and check[key] == default:
            continue
        cleaned[key] = check[key]
    return cleaned


class WebpageExercise(ExerciseType):
    """Write a web page in the browser; it is graded by declarative checks on its parsed HTML."""

    name = "webpage"
    version = 1
    label = _l("Web page")
    folder = Path(__file__).resolve().parent / "types" / "webpage"
    #: writing a short page, looking at it, fixing what the checks ask: about half an hour for a pupil
    work_minutes: ClassVar[float] = 30.0
    translatable: ClassVar[Translatable] = Translatable(
        frozenset({"title", "starter"}),
        {"checks": (("id",), Translatable(frozenset({"label", "hint"})))},
    )

    def parse(self, files: ExerciseFiles) -> dict[str, Any]:
        """Read the statement (prompt.md), the starter, the checks and the reference page (solution.html)."""
        values = files.read(files.data, WEBPAGE_SPEC)
        checks = []
        for index, check in enumerate(values.get("checks", [])):
            read = files.read(check, CHECK_SPEC, "checks", index)
            checks.append(_clean_check(read))
        prompt = files.read_text("prompt.md")
        if prompt is None:
            files.report("missing file prompt.md", file="prompt.md")
        solution = files.read_text("solution.html")
        if solution is None:
            files.report("missing file solution.html", file="solution.html")
        return {
            "prompt": prompt or "",
            "starter": values.get("starter", ""),
            "starter_css": values.get("starter_css", ""),
            "solution": solution or "",
            "solution_css": files.read_text("solution.css") or "",
            "checks": checks,
            "max_attempts": values.get("max_attempts", 0),
        }

    def write(self, config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
        """The starter and checks in exercise.toml; statement and reference page in their files."""
        keys: dict[str, Any] = {}
        if config["starter"]:
            keys["starter"] = config["starter"]
        if config["starter_css"]:
            keys["starter_css"] = config["starter_css"]
        if config["max_attempts"]:
            keys["max_attempts"] = config["max_attempts"]
        keys["checks"] = [_clean_check(check) for check in config["checks"]]
        files = {"prompt.md": config["prompt"].encode(), "solution.html": config["solution"].encode()}
        if config["solution_css"]:
            files["solution.css"] = config["solution_css"].encode()
        return keys, files

    def validate(self, config: dict[str, Any]) -> list[Problem]:
        """Checks need a known kind, their keys, unique ids; the reference must pass and the starter fail."""
        problems = []

        def report(message: str, *key: str | int) -> None:
            problems.append(Problem("exercise.toml", None, message, tuple(key)))

        if not config["checks"]:
            report("a web page exercise needs at least one check", "checks")
        seen = set()
        for index, check in enumerate(config["checks"]):
            kind = check.get("kind")
            if check.get("id") in seen:
                report(f"check id '{check.get('id')}' is used twice", "checks", index, "id")
            seen.add(check.get("id"))
            if kind not in KINDS:
                report(
                    f"unknown check kind '{kind}' (known: {', '.join(sorted(KINDS))})",
                    "checks",
                    index,
                    "kind",
                )
                continue
            for needed in KINDS[kind]:
                if not str(check.get(needed, "")).strip():
                    report(f"a '{kind}' check needs '{needed}'", "checks", index)
            if kind == "element" and not _TAG.match(str(check.get("tag", "")).lower()):
                report(f"'{check.get('tag')}' is not an HTML tag name", "checks", index, "tag")
            if check.get("min", 1) < 0:
                report("'min' must be 0 or more", "checks", index, "min")
        if config["max_attempts"] < 0:
            report("'max_attempts' must be 0 (unlimited) or more", "max_attempts")
        if not problems:
            passed = grade_page(config["checks"], config["solution"], config["solution_css"])
            failing = [r["id"] for r in passed if not r["passed"]]
            if failing:
                report(f"the reference page (solution.html) fails the checks {', '.join(failing)}", "checks")
            if self.grade(config, {"html": config["starter"], "css": config["starter_css"]}).passed:
                report("the starter already passes every check", "starter")
        return problems

    def public_view(self, config: dict[str, Any]) -> dict[str, Any]:
        """The statement, the starter and what will be checked; never the reference page."""
        return {
            "prompt": config["prompt"],
            "starter": config["starter"],
            "starter_css": config["starter_css"],
            "max_attempts": config["max_attempts"],
            "preview_policy": PREVIEW_POLICY,
            "checks": [
                {"id": c["id"], "label": c.get("label") or default_label(c)} for c in config["checks"]
            ],
        }

    def submission_from_form(self, config: dict[str, Any], form: FormData) -> Submission:
        """Read the page and its style sheet (cut at their maximum lengths)."""
        html = str(form.get("html", "")).replace("\r\n", "\n")[:MAX_HTML]
        css = str(form.get("css", "")).replace("\r\n", "\n")[:MAX_CSS]
        return {"html": html, "css": css}

    def is_blank(self, config: dict[str, Any], submission: Submission) -> bool:
        """An empty page answers nothing: refused, so that a slip never uses one of few attempts."""
        html = submission.get("html") if isinstance(submission, dict) else None
        return not isinstance(html, str) or not html.strip()

    def grade(self, config: dict[str, Any], submission: Submission, run: Any = None) -> GradeResult:
        """The fraction of checks the page satisfies; it passes when every check holds."""
        html = submission.get("html") if isinstance(submission, dict) else None
        css = submission.get("css", "") if isinstance(submission, dict) else ""
        if not isinstance(html, str) or not html.strip() or len(html) > MAX_HTML:
            return GradeResult(
                0.0,
                False,
                [{"id": None, "passed": False, "label": gettext("The page is empty."), "hint": ""}],
            )
        if not isinstance(css, str) or len(css) > MAX_CSS:
            css = ""
        results = grade_page(config["checks"], html, css)
        right = sum(1 for r in results if r["passed"])
        total = max(len(results), 1)
        passed = right == len(results) and bool(results)
        return GradeResult(right / total, passed, results, {"passed_checks": right, "checks": len(results)})

    def reference_submissions(self, config: dict[str, Any]) -> list[ReferenceCheck]:
        """The reference page must pass; the starter must fail."""
        return [
            ("solution.html", {"html": config["solution"], "css": config["solution_css"]}, True),
            ("starter", {"html": config["starter"], "css": config["starter_css"]}, False),
        ]

    def markdown_texts(self, config: dict[str, Any]) -> list[str]:
        return [config["prompt"]]

    # --- the editor -------------------------------------------------------------------------------

    def new_config(self) -> dict[str, Any]:
        return {
            "prompt": "",
            "starter": "",
            "starter_css": "",
            "solution": "",
            "solution_css": "",
            "checks": [],
            "max_attempts": 0,
        }

    def editor_form(self, config: dict[str, Any], formdata: FormData | None = None) -> WebpageForm:
        return WebpageForm(formdata, data={**config, "checks": _checks_toml(config["checks"])})

    def config_from_editor(self, config: dict[str, Any], form: Any) -> tuple[dict[str, Any], list[str]]:
        try:
            raw = tomllib.loads(text(form.checks.data))
        except tomllib.TOMLDecodeError as error:
            return config, [gettext("The checks are not valid TOML: %(error)s", error=str(error))]
        tables = raw.get("checks")
        unknown = sorted(set(raw) - {"checks"})
        if unknown or not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            return config, [gettext("Write each check as a [[checks]] table.")]
        errors = []
        for index, table in enumerate(tables, start=1):
            for key, value in table.items():
                spec = CHECK_SPEC.get(key)
                if spec is None:
                    errors.append(gettext("Check %(number)d: unknown key '%(key)s'.", number=index, key=key))
                elif not spec[0].check(value):
                    errors.append(
                        gettext("Check %(number)d: '%(key)s' has the wrong kind.", number=index, key=key)
                    )
            if not isinstance(table.get("id"), str) or not isinstance(table.get("kind"), str):
                errors.append(gettext("Check %(number)d needs an id and a kind.", number=index))
        if errors:
            return config, errors
        new = {
            "prompt": text(form.prompt.data).strip(),
            "starter": text(form.starter.data),
            "starter_css": text(form.starter_css.data),
            "solution": text(form.solution.data),
            "solution_css": text(form.solution_css.data),
            "checks": [_clean_check(table) for table in tables],
            "max_attempts": form.max_attempts.data,
        }
        return new, []
