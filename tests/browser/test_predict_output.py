"""Predict the output in Chromium: authored and published by an admin (the sandbox computes the output),
then answered by a pupil with the keyboard only, in Arabic (right to left, the code left to right)."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.authoring_steps import new_course_with_item
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser

CODE = "for i in range(1, 4):\n    print(i * 3)\nprint('fin')\n"


def _author(page, slug: str) -> None:
    new_course_with_item(
        page,
        slug=slug,
        title=f"Prédire {slug[-6:]}",
        summary="Lire un programme et prévoir ce qu'il affiche.",
        unit=("Boucles", "boucles"),
        kind="predict-output",
        item=("La table de 3", "table"),
    )
    page.fill("textarea[name=prompt]", "Qu'affiche ce programme ?")
    page.fill("textarea[name=code]", CODE)
    page.click("main > form.card button[type=submit] >> text=Save")
    expect(page.locator(".flash-success")).to_be_visible()
    page.goto(f"/admin/authoring/{slug}")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 published", timeout=120_000)


def test_an_output_is_predicted_with_the_keyboard_only_in_arabic(open_page):
    slug = f"predict-{uuid.uuid4().hex[:6]}"
    _author(open_page("admin", "en"), slug)
    pupil = open_page("pupil", "ar")
    pupil.goto(f"/courses/{slug}")
    pupil.locator("form[action$='/enrol'] button[type=submit]").click()
    pupil.goto(f"/courses/{slug}/items/table")
    expect(pupil.locator("html")).to_have_attribute("dir", "rtl")
    program = pupil.locator(".predict-output pre.code").first
    assert program.evaluate("e => getComputedStyle(e).direction") == "ltr"
    answer = pupil.get_by_role("textbox", name="ماذا يطبع هذا البرنامج؟")
    assert answer.evaluate("e => getComputedStyle(e).direction") == "ltr"
    expect(pupil.locator(".predict-output")).not_to_contain_text("9")  # nothing of the output before

    tab_to(pupil, "#predict-answer")
    pupil.keyboard.type("3\n6\n8\nfin")
    tab_to(pupil, "main form button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#predict-result")).to_contain_text("3")  # the first differing line: 3
    expect(pupil.locator(".predict-lines code").last).to_have_text("9")

    tab_to(pupil, "#predict-answer")
    pupil.keyboard.press("Control+A")
    pupil.keyboard.type("3\n6\n9\nfin\n")
    tab_to(pupil, "main form button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#feedback.passed")).to_have_count(1)
