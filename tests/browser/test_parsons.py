"""A Parsons problem in Chromium: authored in the editor, then solved by a pupil with the keyboard only,
and reordered with the mouse by drag and drop."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.authoring_steps import new_course_with_item
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser

SOLUTION = "def double(n):\n    result = 2 * n\n    return result\n"
ORDER = [("def double(n):", 0), ("result = 2 * n", 1), ("return result", 1)]


def _author(page, slug: str) -> None:
    new_course_with_item(
        page,
        slug=slug,
        title=f"Parsons {slug[-6:]}",
        summary="Remettre un programme dans l'ordre.",
        unit=("Ordre", "ordre"),
        kind="parsons",
        item=("Doubler", "doubler"),
    )
    page.fill("textarea[name=prompt]", "Remettez `double(n)` dans l'ordre.")
    page.fill("textarea[name=solution]", SOLUTION)
    page.fill("textarea[name=distractors]", "return n")
    page.click("main > form.card button[type=submit] >> text=Save")
    expect(page.locator(".flash-success")).to_be_visible()
    page.goto(f"/admin/authoring/{slug}")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 published")


def _row(page, text: str):
    return page.locator(".parsons-line", has=page.locator("code", has_text=text))


def test_a_parsons_problem_is_solved_with_the_keyboard_only(open_page):
    slug = f"parsons-{uuid.uuid4().hex[:6]}"
    _author(open_page("admin", "en"), slug)
    pupil = open_page("pupil", "ar")
    pupil.goto(f"/courses/{slug}")
    pupil.locator("form[action$='/enrol'] button[type=submit]").click()
    pupil.goto(f"/courses/{slug}/items/doubler")
    expect(pupil.locator(".parsons-line")).to_have_count(4)
    for position, (text, indent) in enumerate(ORDER, 1):
        key = _row(pupil, text).get_attribute("data-key")
        tab_to(pupil, f"#pos-{key}")
        for _ in range(position):
            pupil.keyboard.press("ArrowDown")  # a closed select steps through its options
        expect(pupil.locator(f"#pos-{key}")).to_have_value(str(position))
        expect(pupil.locator(f"#pos-{key}")).to_be_focused()  # the row moved; the focus stayed
        tab_to(pupil, f"#indent-{key}")
        for _ in range(indent):
            pupil.keyboard.press("ArrowDown")
        expect(_row(pupil, text)).to_have_class(f"parsons-line indent-{indent}")
    expect(pupil.locator(".parsons-line code")).to_have_text([t for t, _ in ORDER] + ["return n"])
    tab_to(pupil, "main form button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#feedback.passed")).to_have_count(1)


def test_lines_are_dragged_into_place_with_the_mouse(open_page):
    slug = f"parsons-{uuid.uuid4().hex[:6]}"
    _author(open_page("admin", "en"), slug)
    pupil = open_page("pupil", "en")
    pupil.goto(f"/courses/{slug}")
    pupil.locator("form[action$='/enrol'] button[type=submit]").click()
    pupil.goto(f"/courses/{slug}/items/doubler")
    first = pupil.locator(".parsons-line").first
    _row(pupil, "def double(n):").drag_to(first, target_position={"x": 5, "y": 2})
    expect(pupil.locator(".parsons-line code").first).to_have_text("def double(n):")
    key = _row(pupil, "def double(n):").get_attribute("data-key")
    expect(pupil.locator(f"#pos-{key}")).to_have_value("1")
