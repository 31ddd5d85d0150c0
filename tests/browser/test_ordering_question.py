"""An ordering question in Chromium: authored in the quiz editor, answered by a pupil with the keyboard only."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.authoring_steps import new_course_with_item
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser

ITEMS = ["importer le module", "appeler la fonction", "afficher le résultat"]


def _author(page, slug: str) -> None:
    new_course_with_item(
        page,
        slug=slug,
        title=f"Ordre {slug[-6:]}",
        summary="Mettre des étapes dans l'ordre.",
        unit=("Étapes", "etapes"),
        kind="quiz",
        item=("Quiz", "quiz"),
    )
    page.fill("input[name=pass_mark]", "100")
    page.click("main form.card button[type=submit] >> text=Save")
    page.select_option("select[name=kind]", "ordering")
    page.click("text=Add a question")
    page.fill("textarea[name=text]", "Dans quel ordre ?")
    page.fill("textarea[name=items]", "\n".join(ITEMS))
    page.click("text=Save the question")
    expect(page.locator(".authoring-items")).to_contain_text("Dans quel ordre")
    page.goto(f"/admin/authoring/{slug}")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Version 1 published")


def test_an_ordering_question_is_answered_with_the_keyboard_only(open_page):
    slug = f"ordre-{uuid.uuid4().hex[:6]}"
    _author(open_page("admin", "en"), slug)
    pupil = open_page("pupil", "ar")
    pupil.goto(f"/courses/{slug}")
    pupil.locator("form[action$='/enrol'] button[type=submit]").click()
    pupil.goto(f"/courses/{slug}/items/quiz")
    for place, text in enumerate(ITEMS, 1):
        row = pupil.locator(".ordering-items li", has=pupil.locator(".prose", has_text=text))
        select_id = row.locator("select").get_attribute("id")
        tab_to(pupil, f"#{select_id}")
        for _ in range(place):
            pupil.keyboard.press("ArrowDown")
        expect(pupil.locator(f"#{select_id}")).to_have_value(str(place))
    tab_to(pupil, "main form button[type=submit]")
    pupil.keyboard.press("Enter")
    expect(pupil.locator("#feedback.passed")).to_have_count(1)
