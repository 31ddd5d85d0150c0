"""Matching and fill-in-the-blank questions in Chromium: authored in the quiz editor with a time limit, then
started, answered and submitted by a pupil in Arabic with the keyboard only, the countdown running."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.authoring_steps import new_course_with_item
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser

PAIRS = [("`3`", "int"), ("`3.0`", "float"), ("`'3'`", "str")]
CLOZE = "`for i in {{fn}}(3):` répète le corps {{fois}} fois ; `i` commence à {{debut}}."
GAPS = ["fn: text: range", "fois: number: 3", "debut: choice: *0 | 1"]


def _author(page, slug: str) -> None:
    new_course_with_item(
        page,
        slug=slug,
        title=f"Types {slug[-6:]}",
        summary="Associer et compléter.",
        unit=("Types", "types"),
        kind="quiz",
        item=("Quiz", "quiz"),
    )
    page.fill("input[name=pass_mark]", "100")
    page.fill("input[name=time_limit_minutes]", "10")
    page.select_option("select[name=review]", "after-passing")
    page.click("main form.card button[type=submit] >> text=Save")
    page.select_option("select[name=kind]", "matching")
    page.click("text=Add a question")
    page.fill("textarea[name=text]", "Le type de chaque valeur ?")
    page.fill("textarea[name=pairs]", "\n".join(f"{left} => {right}" for left, right in PAIRS))
    page.fill("textarea[name=distractors]", "bool")
    page.click("text=Save the question")
    expect(page.locator(".authoring-items")).to_contain_text("Le type de chaque valeur")
    page.select_option("select[name=kind]", "cloze")
    page.click("text=Add a question")
    page.fill("textarea[name=text]", CLOZE)
    page.fill("textarea[name=gaps]", "\n".join(GAPS))
    page.click("text=Save the question")
    expect(page.locator(".authoring-items")).to_contain_text("répète le corps")
    page.goto(f"/admin/authoring/{slug}")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 published")


def _choose(page, select_id: str, text: str) -> None:
    """Focus a select by Tab and move to the option showing ``text`` with the arrow keys."""
    options = page.locator(f"#{select_id} option").all_inner_texts()
    tab_to(page, f"#{select_id}")
    for _ in range([o.strip() for o in options].index(text)):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#{select_id} option:checked")).to_have_text(text)


def test_matching_and_cloze_are_answered_with_the_keyboard_only_against_the_clock(open_page):
    slug = f"types-{uuid.uuid4().hex[:6]}"
    _author(open_page("admin", "en"), slug)
    pupil = open_page("pupil", "ar")
    pupil.goto(f"/courses/{slug}")
    pupil.locator("form[action$='/enrol'] button[type=submit]").click()
    pupil.goto(f"/courses/{slug}/items/quiz")
    expect(pupil.locator(".quiz fieldset")).to_have_count(0)  # nothing shown before the clock starts
    tab_to(pupil, "form.quiz-start button[type=submit]")
    pupil.keyboard.press("Enter")
    timer = pupil.get_by_role("timer")
    expect(timer).to_be_visible()
    tab_to(pupil, "main form[data-quiz-deadline] button[type=submit]")  # a blank quiz is refused
    pupil.keyboard.press("Enter")
    expect(pupil.locator(".flash-error")).to_contain_text("إجابتك فارغة")
    expect(pupil.locator("#feedback")).to_have_count(0)
    first = timer.locator(".quiz-time-left").inner_text()
    expect(timer.locator(".quiz-time-left")).not_to_have_text(first, timeout=120_000)  # the countdown runs
    for number, (_left, right) in enumerate(PAIRS, 1):
        select = pupil.locator(".matching-prompts select").nth(number - 1)
        expect(select).to_have_accessible_name(PAIRS[number - 1][0].strip("`"))
        _choose(pupil, select.get_attribute("id"), right)
    gaps = pupil.locator(".cloze-text .gap")
    expect(gaps.nth(0)).to_have_accessible_name("الفراغ 1")
    tab_to(pupil, f"#{gaps.nth(0).get_attribute('id')}")
    pupil.keyboard.type("range")
    tab_to(pupil, f"#{gaps.nth(1).get_attribute('id')}")
    pupil.keyboard.type("3")
    _choose(pupil, gaps.nth(2).get_attribute("id"), "0")
    tab_to(pupil, "main form[data-quiz-deadline] button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#feedback.passed")).to_have_count(1)
    expect(pupil.locator(".quiz-right-answer")).to_have_count(0)  # all right: nothing to correct
