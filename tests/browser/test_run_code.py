"""Run without grading in the browser: a pupil in Arabic (with JavaScript) and a teacher in French (a
plain form, without JavaScript) run code with an input and see its output and a line-numbered error."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import open_as

ITEM = "/courses/sic-python-fundamentals/items/valeurs-prix-ttc"
PROGRAM = 'nom = input()\nprint("Bonjour", nom)\nage = int(input())\n'


def _type_code(page, code: str) -> None:
    page.evaluate(
        "(code) => { const t = document.getElementById('code'); t.value = code; t.dispatchEvent(new Event('input')); }",
        code,
    )


def test_a_pupil_in_arabic_runs_code_with_input_and_sees_output_and_the_errors_line(open_page):
    page = open_page("pupil", "ar")
    page.goto(ITEM)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _type_code(page, PROGRAM)
    page.locator("details.run-input summary").click()
    page.fill("#run-stdin", "Amina\nabc\n")
    url_before = page.url
    page.click("[data-run]")
    output = page.locator("#run-output")
    expect(output.locator(".run-stdout")).to_have_text("Bonjour Amina", timeout=120_000)
    expect(output.locator(".run-error-line")).to_have_text("السطر 3")
    expect(output.locator(".run-error-text")).to_contain_text("ValueError")
    expect(output.locator(".run-stdout")).to_have_attribute("dir", "ltr")  # code reads left to right
    assert page.url == url_before  # no page load: the code stays in the editor
    assert "Bonjour" in page.locator("textarea#code").input_value()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_teacher_in_french_runs_code_without_javascript(browser, live_server, world):
    page = open_as(browser, live_server, world, "teacher", "fr")
    page.goto("/courses/sic-python-fundamentals")
    enrol = page.locator("form[action$='/enrol'] button")
    if enrol.count():
        enrol.first.click()
    context = browser.new_context(
        base_url=live_server, java_script_enabled=False, storage_state=page.context.storage_state()
    )
    page.context.close()
    plain = context.new_page()
    plain.set_default_timeout(120_000)
    try:
        plain.goto(ITEM)
        plain.fill("textarea#code", PROGRAM)
        plain.locator("details.run-input summary").click()
        plain.fill("#run-stdin", "Youssef\ntrente\n")
        plain.click("[data-run]")
        output = plain.locator("#run-output")
        expect(output.locator(".run-stdout")).to_have_text("Bonjour Youssef")
        expect(output.locator(".run-error-line")).to_have_text("Ligne 3")
        expect(output).to_contain_text("ValueError")
        expect(plain.locator("textarea#code")).to_have_value(PROGRAM)  # the code is kept
        expect(plain.locator("#run-stdin")).to_have_value("Youssef\ntrente\n")
    finally:
        context.close()
