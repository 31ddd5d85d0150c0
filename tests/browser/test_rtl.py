"""Right to left and locale formatting in a real browser.

The interface language sets ``<html lang dir>`` and mirrors the layout; the course's content language sets
the lesson's own ``lang``/``dir`` (frappe/lms #2661); code, emails and codes stay left to right; names keep
their own direction; dates follow the locale.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import expect

from lms.zones import MOROCCO, zone

pytestmark = pytest.mark.browser

COURSE = "/courses/sic-python-fundamentals"
PYTHON_LESSON = f"{COURSE}/items/valeurs-afficher-et-calculer"


def direction(locator) -> str:
    return locator.evaluate("(el) => getComputedStyle(el).direction")


@pytest.mark.parametrize(("language", "dir_"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_ui_language_sets_lang_and_dir_and_mirrors_the_header(open_page, language, dir_):
    page = open_page("pupil", language)
    page.goto("/dashboard/learner")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", dir_)
    brand = page.locator("header .brand").bounding_box()
    switcher = page.locator("header .language-switcher").bounding_box()
    # The brand starts the header line: on the left in French and English, on the right in Arabic.
    assert (brand["x"] > switcher["x"]) == (dir_ == "rtl")


@pytest.mark.parametrize(
    ("role", "ui", "url", "content"),
    [
        ("teacher", "ar", "teachers_lesson", "fr"),  # a lesson the Arabic translation does not cover yet
        ("pupil", "fr", "arabic_lesson", "ar"),  # an Arabic course read in the French UI
        ("pupil", "en", PYTHON_LESSON, "fr"),  # no English version: the course's own language
        ("pupil", "ar", PYTHON_LESSON, "ar"),  # the course's Arabic translation
    ],
)
def test_the_course_language_decides_the_direction_of_the_lesson(open_page, world, role, ui, url, content):
    page = open_page(role, ui)
    page.goto(world.get(url, url))
    expect(page.locator("html")).to_have_attribute("lang", ui)
    lesson = page.locator("article.lesson")
    expect(lesson).to_have_attribute("lang", content)
    expect(lesson).to_have_attribute("dir", "rtl" if content == "ar" else "ltr")
    assert direction(lesson.locator(".prose p").first) == ("rtl" if content == "ar" else "ltr")
    for block in lesson.locator("pre, code").all():
        assert direction(block) == "ltr"
    # The interface around the lesson keeps the UI's direction.
    assert direction(page.locator(".lesson-done")) == ("rtl" if ui == "ar" else "ltr")


def test_code_emails_and_codes_stay_left_to_right_in_arabic(open_page, world):
    page = open_page("pupil", "ar")
    page.goto(f"{COURSE}/items/valeurs-prix-ttc")
    assert direction(page.locator(".cm-content")) == "ltr"
    assert direction(page.locator(".cm-editor")) == "ltr"
    for code in page.locator("main code").all():
        assert direction(code) == "ltr"
    page.goto("/account/profile")
    assert direction(page.locator("dd", has_text=world["pupil"])) == "ltr"
    page.goto("/certificates")
    assert direction(page.locator(".certificate-code").first) == "ltr"
    assert direction(page.locator(".certificate-share input").first) == "ltr"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_mixed_script_name_is_isolated_wherever_it_is_shown(open_page, world, language):
    teacher = open_page("teacher", language)
    teacher.goto(f"/classes/{world['class_id']}")
    name = teacher.locator("#heatmap bdi", has_text=world["pupil_name"])
    expect(name).to_have_count(1)
    assert name.evaluate("(el) => getComputedStyle(el).unicodeBidi") == "isolate"
    pupil = open_page("pupil", language)
    pupil.goto("/dashboard/learner")
    expect(pupil.locator("h1 bdi")).to_have_text(world["pupil_name"])


def test_dates_follow_the_interface_language(open_page):
    now = datetime.now(zone(MOROCCO)).date()
    days = [now, now - timedelta(days=1)]
    shown = {}
    for language in ("fr", "ar"):
        page = open_page("pupil", language)
        page.goto("/certificates")
        text = page.locator(".certificate-card .muted").first.inner_text()
        assert any(format_date(d, "long", locale=language) in text for d in days), (language, text)
        shown[language] = text
    assert shown["fr"] != shown["ar"]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_heatmap_legend_stays_readable_on_a_phone(open_page, world, language):
    # The caption carries the legend (✓ ◐ ○): it was as wide as the table, so a phone showed only its start.
    teacher = open_page("teacher", language, viewport={"width": 390, "height": 844})
    teacher.goto(f"/classes/{world['class_id']}")
    caption = teacher.locator("#heatmap-caption")
    box = teacher.locator(".table-scroll", has=teacher.locator("#heatmap"))
    for end in (False, True):  # before and after scrolling the table to its far end
        if end:
            box.evaluate(
                "(el) => { el.scrollLeft = el.scrollWidth * (getComputedStyle(el).direction === 'rtl' ? -1 : 1); }"
            )
        shown = caption.bounding_box()
        assert shown["x"] >= 0 and shown["x"] + shown["width"] <= 390, (end, shown)
    assert "✓" in caption.inner_text()
