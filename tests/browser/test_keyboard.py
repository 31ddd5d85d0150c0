"""Keyboard only: the skip link, a quiz answered and submitted, code typed and submitted, without a mouse."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

UNIT = Path(__file__).resolve().parents[2] / "courses/sic-python-fundamentals/units/valeurs-et-types"
COURSE = "/courses/sic-python-fundamentals"


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focus is on an element matching ``selector`` (fail if it never gets there)."""
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(open_page, language):
    page = open_page("pupil", language)
    page.goto("/dashboard/learner")
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link")
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page, "main#main")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_focus_is_visible_on_links_buttons_and_fields(open_page):
    page = open_page("visitor", "ar")
    page.goto("/auth/login")
    for selector in (
        "a.skip-link",
        ".language-switcher button",
        "input[name=email]",
        "main button[type=submit]",
    ):
        tab_to(page, selector)
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, f"{selector}: no visible focus ({outline})"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_language_switcher_is_on_every_page_for_visitors_and_members(open_page, world, language):
    for role, url in (
        ("visitor", "/"),
        ("visitor", "/verify"),
        ("pupil", f"{COURSE}/items/valeurs-prix-ttc"),
    ):
        page = open_page(role, language)
        page.goto(url)
        switcher = page.locator("header .language-switcher button")
        expect(switcher).to_have_count(3)
        expect(page.locator(f".language-switcher button[value={language}]")).to_have_attribute(
            "aria-current", "true"
        )


def test_a_quiz_is_answered_and_submitted_with_the_keyboard_only(open_page):
    page = open_page("pupil", "ar")
    page.goto(f"{COURSE}/items/quiz-valeurs-et-types")
    quiz = tomllib.loads((UNIT / "quiz-valeurs-et-types" / "exercise.toml").read_text())
    for question in quiz["questions"]:
        name = f"q-{question['id']}"
        if question["kind"] == "single":
            tab_to(page, f"input[name='{name}']")
            wanted = next(i for i, c in enumerate(question["choices"]) if c.get("correct"))
            if wanted == 0:
                page.keyboard.press("Space")
            for _ in range(wanted):
                page.keyboard.press("ArrowDown")  # moves and selects within the radio group
        elif question["kind"] == "multiple":
            for choice in question["choices"]:
                tab_to(page, f"input[name='{name}'][value='{choice['id']}']")
                if choice.get("correct"):
                    page.keyboard.press("Space")
        else:
            tab_to(page, f"input[name='{name}']")
            answer = str(question["answer"]) if question["kind"] == "numeric" else question["accepted"][0]
            page.keyboard.type(answer)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#feedback")).to_be_visible()
    expect(page.locator("#feedback.passed")).to_have_count(1)


def test_code_is_typed_and_submitted_with_the_keyboard_only(open_page):
    page = open_page("pupil", "ar")
    page.goto(f"{COURSE}/items/valeurs-prix-ttc")
    expect(page.locator("#code-help")).to_contain_text("Escape")
    tab_to(page, ".cm-content")
    # Focus is visible on the editor (its theme is a constructed style sheet, allowed by our CSP).
    expect(page.locator(".cm-editor.cm-maharat.cm-focused")).to_have_css("outline-style", "solid")
    expect(page.locator(".cm-content")).to_have_css("white-space", "pre")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    # As a person types: a key at a time (the editor syncs its input buffer between keys).
    page.keyboard.type("def prix_ttc(prix_ht):\nreturn prix_ht * 1.2", delay=40)  # indented by the editor
    code = page.locator("textarea#code")
    assert code.input_value() == "def prix_ttc(prix_ht):\n    return prix_ht * 1.2"
    # Tab inside the editor indents the line (Shift+Tab dedents): it does not leave the editor...
    page.keyboard.press("Tab")
    assert focused(page, ".cm-content")
    assert code.input_value().endswith("\n        return prix_ht * 1.2")
    page.keyboard.press("Shift+Tab")
    assert code.input_value().endswith("\n    return prix_ht * 1.2")
    # ...and Escape then Tab does: the keyboard is never trapped.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not focused(page, ".cm-content")
    tab_to(page, ".code-form button[type=submit].primary")
    page.keyboard.press("Enter")
    expect(page.locator(".test-results")).to_be_visible(timeout=120_000)
    assert "    return prix_ht * 1.2" in code.input_value()
