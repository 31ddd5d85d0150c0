"""Web page exercises: parsing, validation, secrecy, form reading, and grading edge cases (nothing ever runs)."""

from __future__ import annotations

import json

import pytest
from werkzeug.datastructures import MultiDict

from lms.exercises.webpage import PREVIEW_POLICY, WebpageExercise, grade_page

CHECKS = [
    {"id": "t", "kind": "title"},
    {"id": "l", "kind": "lang"},
    {"id": "d", "kind": "dir", "value": "rtl"},
    {"id": "h", "kind": "element", "tag": "h1", "text": True},
    {"id": "li", "kind": "element", "tag": "li", "min": 3, "text": True},
    {"id": "img", "kind": "img-alt"},
    {"id": "a", "kind": "link", "hint": "Ajoute un lien."},
    {"id": "c", "kind": "css", "property": "color"},
]
GOOD = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>سوس ماسة</title></head>
<body><h1>جهة سوس ماسة</h1><ul><li>أكادير</li><li>تارودانت</li><li>تيزنيت</li></ul>
<img src="a.jpg" alt="شجرة أركان"><a href="https://ar.wikipedia.org/">ويكيبيديا</a></body></html>"""
CONFIG = {
    "prompt": "Écris ta page.",
    "starter": "<html><body></body></html>",
    "starter_css": "",
    "solution": GOOD,
    "solution_css": "h1 { color: darkgreen; }",
    "checks": CHECKS,
    "max_attempts": 0,
}


@pytest.fixture
def webpage(app) -> WebpageExercise:
    with app.test_request_context():
        yield WebpageExercise()


def failing(html: str, css: str = "h1{color:red}") -> set[str]:
    return {r["id"] for r in grade_page(CHECKS, html, css) if not r["passed"]}


def test_the_reference_page_passes_and_the_starter_fails(webpage):
    assert webpage.validate(CONFIG) == []
    checks = {
        label: (webpage.grade(CONFIG, submission).passed, must)
        for label, submission, must in webpage.reference_submissions(CONFIG)
    }
    assert checks == {"solution.html": (True, True), "starter": (False, False)}


def test_parse_and_write_round_trip(webpage, make_files):
    toml = (
        'type = "webpage"\ntype_version = 1\ntitle = "Ma page"\nstarter = "<html></html>"\n'
        '[[checks]]\nid = "t"\nkind = "title"\nlabel = "Un titre"\n'
        '[[checks]]\nid = "li"\nkind = "element"\ntag = "li"\nmin = 3\n'
    )
    solution = "<html><head><title>x</title></head><body><ul><li>a<li>b<li>c</ul></body></html>"
    config = webpage.parse(make_files(toml, **{"prompt.md": "Écris.", "solution.html": solution}))
    assert config["checks"] == [
        {"id": "t", "kind": "title", "label": "Un titre"},
        {"id": "li", "kind": "element", "tag": "li", "min": 3},
    ]
    assert webpage.validate(config) == []
    keys, files = webpage.write(config)
    assert keys == {"starter": "<html></html>", "checks": config["checks"]}
    assert files == {"prompt.md": "Écris.".encode(), "solution.html": solution.encode()}
    assert webpage.parse(
        make_files(toml, **{"prompt.md": "Écris.", "solution.html": solution})
    ) == json.loads(json.dumps(config))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"checks": []}, "at least one check"),
        ({"checks": [{"id": "x", "kind": "colour"}]}, "unknown check kind 'colour'"),
        ({"checks": [{"id": "x", "kind": "element"}]}, "needs 'tag'"),
        ({"checks": [{"id": "x", "kind": "element", "tag": "h1 onclick"}]}, "not an HTML tag name"),
        ({"checks": [{"id": "x", "kind": "title"}, {"id": "x", "kind": "lang"}]}, "used twice"),
        ({"solution": "<p>rien</p>"}, "reference page (solution.html) fails the checks t, l, d"),
        ({"starter": GOOD, "starter_css": "p{color:red}"}, "starter already passes"),
    ],
)
def test_validation_reports_meaning_problems(webpage, change, message):
    problems = webpage.validate({**CONFIG, **change})
    assert any(message in p.message for p in problems), problems


def test_the_public_view_shows_what_is_checked_never_the_reference_page(webpage):
    public = webpage.public_view(CONFIG)
    text = json.dumps(public, ensure_ascii=False)
    assert "solution" not in public and "سوس ماسة" not in text and "darkgreen" not in text
    assert [c["id"] for c in public["checks"]] == [c["id"] for c in CHECKS]
    assert public["preview_policy"] == PREVIEW_POLICY and "'none'" in PREVIEW_POLICY


def test_every_check_fails_alone_with_its_hint(webpage):
    assert failing(GOOD) == set()
    assert failing(GOOD.replace("<title>سوس ماسة</title>", "")) == {"t"}
    assert failing(GOOD.replace("<head><title>سوس ماسة</title></head>", "") + "<title>x</title>") == {"t"}
    assert failing(GOOD.replace(' lang="ar"', "")) == {"l"}
    assert failing(GOOD.replace('dir="rtl"', 'dir="ltr"')) == {"d"}
    assert failing(GOOD.replace("<h1>جهة سوس ماسة</h1>", "<h1>  </h1>")) == {"h"}
    assert failing(GOOD.replace("<li>تيزنيت</li>", "")) == {"li"}
    assert failing(GOOD.replace("<li>تيزنيت</li>", "<li></li>")) == {"li"}
    # Punctuation is not text: a page of dots and dashes does not pass for one with content.
    assert failing(GOOD.replace("<h1>جهة سوس ماسة</h1>", "<h1>. . .</h1>")) == {"h"}
    assert failing(GOOD.replace("<li>تيزنيت</li>", "<li>—</li>")) == {"li"}
    assert failing(GOOD.replace("<title>سوس ماسة</title>", "<title>...</title>")) == {"t"}
    assert failing(GOOD.replace(">ويكيبيديا</a>", ">→</a>")) == {"a"}
    assert failing(GOOD.replace(' alt="شجرة أركان"', ' alt="..."')) == {"img"}
    assert failing(GOOD.replace("<li>تيزنيت</li>", "<li>2030</li>")) == set()
    assert failing(GOOD.replace(' alt="شجرة أركان"', "")) == {"img"}
    assert failing(GOOD.replace(' alt="شجرة أركان"', ' alt=" "')) == {"img"}
    assert failing(GOOD + '<img src="b.jpg">') == {"img"}
    assert failing(GOOD.replace("https://ar.wikipedia.org/", "javascript:alert(1)")) == {"a"}
    assert failing(GOOD.replace(' href="https://ar.wikipedia.org/"', "")) == {"a"}
    assert failing(GOOD, css="") == {"c"}
    assert failing(GOOD, css="/* h1 { color: red; } */") == {"c"}
    result = webpage.grade(
        CONFIG, {"html": GOOD.replace("<a ", "<span ").replace("</a>", "</span>"), "css": ""}
    )
    hints = {r["id"]: r["hint"] for r in result.feedback}
    assert hints["a"] == "Ajoute un lien." and hints["t"] == "" and not result.passed
    assert result.score == pytest.approx(6 / 8)


def test_css_may_come_from_a_style_element_or_attribute():
    assert failing(GOOD.replace("<h1>", '<h1 style="color: teal">'), css="") == set()
    assert failing(GOOD.replace("</head>", "<style>h1 { color: teal }</style></head>"), css="") == set()
    assert failing(GOOD, css="h1 { colour: teal }") == {"c"}


def test_sloppy_html_is_read_like_a_browser_would_and_never_raises():
    sloppy = "<html lang=ar dir=RTL><head><title>t</title><body><h1>x<ul><li>a<li>b<li>c</ul><img alt=y><a href=/p>p"
    assert failing(sloppy) == set()
    for junk in ["<", "</html></html>", "<<<>>>", "<!-- <h1>x</h1>", "<li" * 1000, "\x00<h1>\x00</h1>"]:
        grade_page(CHECKS, junk, "{{{")


@pytest.mark.parametrize(
    "submission",
    [
        {},
        None,
        [],
        {"html": 5},
        {"html": ""},
        {"html": "   "},
        {"html": "x" * 60_000},
        {"html": GOOD, "css": 7},
    ],
)
def test_malformed_submissions_grade_as_wrong_and_never_raise(webpage, submission):
    result = webpage.grade(CONFIG, submission)
    assert not result.passed and result.score < 1.0


def test_scripts_are_never_run_nor_counted(webpage):
    """A script that would write the missing h1 does nothing: the page is parsed, never executed."""
    page = GOOD.replace("<h1>جهة سوس ماسة</h1>", "<script>document.write('<h1>x</h1>')</script>")
    assert failing(page) == {"h"}


def test_the_form_is_read_and_cut_at_its_limits(webpage):
    form = MultiDict({"html": "<p>a</p>\r\n", "css": "p{}", "other": "x"})
    assert webpage.submission_from_form(CONFIG, form) == {"html": "<p>a</p>\n", "css": "p{}"}
    big = webpage.submission_from_form(CONFIG, MultiDict({"html": "x" * 90_000}))
    assert len(big["html"]) == 50_000 and big["css"] == ""


def test_the_editor_round_trips_the_checks_as_toml(webpage):
    form = webpage.editor_form(CONFIG)
    assert 'kind = "css"' in form.checks.data and "min = 3" in form.checks.data
    posted = MultiDict(
        {
            "prompt": "Écris.",
            "starter": "",
            "solution": GOOD,
            "solution_css": "h1{color:red}",
            "checks": form.checks.data,
            "max_attempts": "0",
        }
    )
    bound = webpage.editor_form(CONFIG, posted)
    assert bound.validate(), bound.errors
    config, errors = webpage.config_from_editor(CONFIG, bound)
    assert errors == [] and config["checks"] == CHECKS
    broken = webpage.editor_form(CONFIG, MultiDict({**posted, "checks": "[[checks]]\nid = 1\nfoo = 2"}))
    assert broken.validate()
    _config, errors = webpage.config_from_editor(CONFIG, broken)
    # an unknown key, an id of the wrong kind, so no id nor kind (messages in the request's language)
    assert len(errors) == 3 and "« id »" in errors[0] and "« foo »" in errors[1]
    _config, errors = webpage.config_from_editor(
        CONFIG, webpage.editor_form(CONFIG, MultiDict({**posted, "checks": "[["}))
    )
    assert len(errors) == 1 and "TOML" in errors[0]


@pytest.mark.parametrize(
    ("type_name", "submission", "blank"),
    [
        ("webpage", {"html": " \n", "css": "h1{color:red}"}, True),
        ("webpage", {"html": "<p>x</p>", "css": ""}, False),
        ("python", {"code": "\n\t "}, True),
        ("python", {"code": "print(1)"}, False),
        ("reflection", {"text": "   "}, True),
        ("reflection", {"text": "Trop court."}, False),
        ("webpage", "not a mapping", True),
    ],
)
def test_an_empty_answer_is_blank_and_a_short_one_is_not(app, type_name, submission, blank):
    from lms.exercises.registry import builtin_registry

    assert builtin_registry().get(type_name).is_blank({}, submission) is blank
