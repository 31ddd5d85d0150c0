"""The example plugin (plugins/maharat-example-type) in Chromium: authored, published, answered by
keyboard as a pupil (wrong, then right), and graded on the pupil's and the teacher's pages."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser


def _author(page, slug: str) -> None:
    page.goto("/admin/authoring/new")
    page.fill("input[name=slug]", slug)
    page.fill("input[name=title]", f"Vrai ou faux {slug[-6:]}")
    page.fill("textarea[name=summary]", "Un cours avec un type d'exercice installé à part.")
    page.select_option("select[name=programme]", "sic")
    page.select_option("select[name=language]", "fr")
    page.fill("input[name=hours]", "1")
    page.check("input[name=for_students]")
    page.click("text=Create the course")
    page.fill("input[name=unit-title]", "Premiers pas")
    page.fill("input[name=unit-slug]", "premiers-pas")
    page.click("text=Add the unit")
    page.click("text=Add an item to this unit")
    page.select_option("select[name=item-kind]", "true-false")
    page.fill("input[name=item-title]", "Division")
    page.fill("input[name=item-slug]", "division")
    page.click("text=Add the item")
    expect(page.locator("h1 .badge")).to_have_text("True or false")
    page.fill("textarea[name=statement]", "En Python, `3 / 2` vaut `1.5`.")
    page.check("input[name=answer]")
    page.fill("textarea[name=explanation]", "`/` est la division décimale.")
    page.click("main > form.card button[type=submit] >> text=Save")
    expect(page.locator(".flash-success")).to_be_visible()
    page.click("text=Preview as a learner")
    expect(page.locator(".true-false legend")).to_contain_text("3 / 2")
    expect(page.locator("main")).not_to_contain_text("division décimale")
    page.goto(f"/admin/authoring/{slug}")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 published")


def test_a_plugin_type_is_authored_answered_by_keyboard_and_graded(open_page, world):
    slug = f"plugin-{uuid.uuid4().hex[:6]}"
    _author(open_page("admin", "en"), slug)

    teacher = open_page("teacher", "en")
    teacher.goto(f"/classes/{world['class_id']}")
    teacher.select_option("select[name=course_id]", label=f"Vrai ou faux {slug[-6:]}")
    teacher.click("#assign-course")
    expect(teacher.locator(".flash-success")).to_be_visible()

    pupil = open_page("pupil", "en")
    pupil.goto(f"/courses/{slug}/items/division")
    expect(pupil.locator(".true-false legend")).to_contain_text("3 / 2")
    tab_to(pupil, "input[name=answer][value=true]")  # the first radio of a group with none checked
    pupil.keyboard.press("ArrowDown")  # moves to "False" and selects it
    expect(pupil.locator("input[name=answer][value=false]")).to_be_checked()
    tab_to(pupil, "main form button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#feedback.not-passed")).to_have_count(1)
    expect(pupil.locator(".question-result")).to_contain_text("division décimale")

    tab_to(pupil, "input[name=answer][value=false]")  # the checked radio of the group takes the focus
    pupil.keyboard.press("ArrowUp")  # moves to "True" and selects it
    expect(pupil.locator("input[name=answer][value=true]")).to_be_checked()
    tab_to(pupil, "main form button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#feedback.passed")).to_have_count(1)
    pupil.goto(f"/courses/{slug}")
    expect(pupil.locator("main")).to_contain_text("True or false")
    expect(pupil.locator("main .badge-completed").first).to_be_visible()

    teacher.goto(f"/classes/{world['class_id']}/learners/{world['pupil_id']}?course={slug}")
    expect(teacher.locator("[data-item=division]")).to_contain_text("best score 100%")
