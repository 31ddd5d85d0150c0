"""Key journeys in a real browser, as a teacher, a pupil, an admin or a manager would take them."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

DEMO = [
    ("admin@demo.maharat.ma", "demo-admin-2030", "/dashboard/admin"),
    ("enseignant@demo.maharat.ma", "demo-prof-2030", "/dashboard/teacher"),
    ("eleve2@demo.maharat.ma", "demo-eleve-2030", "/dashboard/learner"),
    ("pilotage.digischool@demo.maharat.ma", "demo-pilote-2030", "/dashboard/manager"),
]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize(("email", "password", "landing"), DEMO)
def test_each_demo_role_lands_on_its_page_in_each_language(page, email, password, landing, language):
    page.goto("/auth/login")
    page.click(f".language-switcher button[value={language}]")
    sign_in(page, email, password)
    expect(page).to_have_url(re.compile(landing))
    # The account's saved language wins over the visitor's choice; switch again to see each language.
    page.click(f".language-switcher button[value={language}]")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"landing-{landing.rsplit('/', 1)[-1]}-{language}.png"), full_page=True
    )


def test_a_wrong_password_gets_a_translated_message(page):
    page.goto("/auth/login")
    page.click(".language-switcher button[value=ar]")
    sign_in(page, "eleve2@demo.maharat.ma", "wrong password")
    expect(page.locator(".field .error")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_a_pupil_signs_up_learns_and_continues_where_they_left_off(page):
    email = f"pupil-{uuid.uuid4().hex[:8]}@example.ma"
    page.goto("/auth/register")
    page.click(".language-switcher button[value=en]")
    page.fill("input[name=display_name]", "Salma Ouazzani")
    page.fill("input[name=email]", email)
    page.select_option("select[name=language]", "en")
    page.fill("input[name=password]", "a-good-password")
    page.fill("input[name=confirm]", "a-good-password")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile("/dashboard/learner"))

    page.goto("/courses/sic-python-fundamentals")
    page.click("text=Enrol in this course")
    expect(page.locator(".progress-value")).to_have_text("0% complete")
    page.click("text=Start the course")
    expect(page).to_have_url(re.compile("/items/valeurs-afficher-et-calculer"))
    expect(page.locator("article.lesson")).to_have_attribute("dir", "ltr")
    page.click("text=Mark as done and continue")

    # Fail the unit's quiz, read the feedback, then pass it.
    page.goto("/courses/sic-python-fundamentals/items/quiz-valeurs-et-types")
    page.click("main button[type=submit]")  # blank: refused, and not an attempt
    expect(page.locator("main")).to_contain_text("did not use an attempt")
    _answer_quiz_correctly(page, wrong_first=True)
    page.click("main button[type=submit]")
    expect(page.locator("#feedback")).to_contain_text("not passed yet")
    expect(page.locator(".question.wrong").first).to_be_visible()
    _answer_quiz_correctly(page)
    page.click("main button[type=submit]")
    expect(page.locator("#feedback")).to_contain_text("passed")

    page.goto("/courses/sic-python-fundamentals")
    bar = page.locator(".progress-value").first.inner_text()
    assert bar != "0% complete"
    page.screenshot(path=str(_artifact("outline-after-quiz.png")), full_page=True)

    page.click("header .link-button")  # sign out
    sign_in(page, email, "a-good-password")
    page.goto("/courses/sic-python-fundamentals/continue")
    # The item opened last (issue 18: "Continue" goes back where the learner was, not to course order).
    expect(page).to_have_url(re.compile("/items/quiz-valeurs-et-types"))


def _answer_quiz_correctly(page, wrong_first: bool = False) -> None:
    """Answer from the shipped quiz's answer key (read from disk, as a teacher would know it); with
    ``wrong_first``, the first three questions get wrong answers (below the pass mark)."""
    import tomllib
    from pathlib import Path

    quiz = tomllib.loads(
        (
            Path(__file__).resolve().parents[2]
            / "courses/sic-python-fundamentals/units/valeurs-et-types/quiz-valeurs-et-types/exercise.toml"
        ).read_text()
    )
    for index, question in enumerate(quiz["questions"]):
        name = f"q-{question['id']}"
        if question["kind"] in ("single", "multiple"):
            for choice in question["choices"]:
                box = page.locator(f"input[name='{name}'][value='{choice['id']}']")
                if bool(choice.get("correct")) != (wrong_first and index < 3):
                    box.check()
                elif question["kind"] == "multiple":
                    box.uncheck()
        elif question["kind"] == "numeric":
            page.fill(
                f"input[name='{name}']", str(question["answer"] + (7 if wrong_first and index < 3 else 0))
            )
        else:
            page.fill(f"input[name='{name}']", "?" if wrong_first and index < 3 else question["accepted"][0])


def _artifact(name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_a_learner_fixes_a_code_exercise_until_it_passes(page):
    email = f"coder-{uuid.uuid4().hex[:8]}@example.ma"
    page.goto("/auth/register")
    page.click(".language-switcher button[value=en]")
    page.fill("input[name=display_name]", "Youssef")
    page.fill("input[name=email]", email)
    page.select_option("select[name=language]", "en")
    page.fill("input[name=password]", "a-good-password")
    page.fill("input[name=confirm]", "a-good-password")
    page.click("main button[type=submit]")
    page.goto("/courses/sic-python-fundamentals")
    page.click("text=Enrol in this course")
    page.goto("/courses/sic-python-fundamentals/items/valeurs-prix-ttc")
    editor = page.locator(".cm-maharat .cm-content")
    expect(editor).to_have_attribute("dir", "ltr")

    _replace_code(page, "def prix_ttc(prix_ht):\nreturn prix_ht\n")
    page.click("text=Test my code")
    results = page.locator(".test-results")
    expect(results.locator(".test.failed").first).to_be_visible(timeout=120_000)
    expect(results).to_contain_text("Expected")
    page.screenshot(path=str(_artifact("code-exercise-failed.png")), full_page=True)

    solution = (
        Path(__file__).resolve().parents[2]
        / "courses/sic-python-fundamentals/units/valeurs-et-types/valeurs-prix-ttc/solution.py"
    ).read_text()
    _replace_code(page, solution, raw=True)
    page.click("text=Test my code")
    expect(page.locator("#feedback")).to_contain_text("passed", timeout=120_000)
    expect(results.locator(".test.failed")).to_have_count(0)
    page.goto("/courses/sic-python-fundamentals")
    row = page.locator("li.item", has_text="Prix TTC")
    expect(row).to_contain_text("Completed")


def _replace_code(page, code: str, raw: bool = False) -> None:
    """Type into the CodeMirror editor as a learner would (keyboard only), or paste a whole file."""
    editor = page.locator(".cm-maharat .cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    if raw:
        page.evaluate(
            "(code) => { const t = document.getElementById('code'); t.value = code; t.dispatchEvent(new Event('input')); }",
            code,
        )
    else:
        page.keyboard.type(code)  # the editor indents after the colon by itself
    assert "prix_ttc" in page.locator("textarea#code").input_value()
