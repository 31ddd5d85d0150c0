"""Issue 18 in a real browser: never lose work, where am I, no dead ends, and every page fits a phone.

As a pupil in Arabic and a teacher in French (their own fresh accounts, tests/browser/world.py): type
code, let the session end, sign in again and find the draft; "Continue" lands on the last item visited;
the progress page says what the database holds; finishing a course shows the certificate link. And every
page of the learner's path fits a 390 px wide screen in French, Arabic and English.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, run_in_app

pytestmark = pytest.mark.browser

COURSE = "/courses/sic-python-fundamentals"
CODE_ITEM = f"{COURSE}/items/valeurs-prix-ttc"
LESSON = f"{COURSE}/items/valeurs-afficher-et-calculer"
QUIZ = f"{COURSE}/items/quiz-valeurs-et-types"
PHONE = {"width": 390, "height": 844}
WAIT = 120_000  # generous: the machine is shared; every wait is on a condition, never a duration
PERSONAS = [("pupil", "ar", "ar-MA"), ("teacher", "fr", "fr-FR")]


@pytest.fixture(scope="module")
def people(live_env, live_server) -> dict:
    """Accounts of our own (world.py again): these journeys change the learners' progress."""
    env = {**live_env, "WORLD_BASE_URL": live_server}
    return json.loads(run_in_app(env, "tests.browser.world").strip().splitlines()[-1])


@pytest.fixture
def learner(browser, live_server, people, request):
    contexts = []

    def open_learner(role: str, language: str, locale: str, viewport: dict | None = None):
        context = browser.new_context(
            base_url=live_server, locale=locale, viewport=viewport or {"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        page.goto("/auth/login")
        _fill_sign_in(page, people[role], people["password"])
        page.wait_for_url(re.compile(r".*/dashboard/.*"))
        page.click(f".language-switcher button[value={language}]")
        expect(page.locator("html")).to_have_attribute("lang", language)
        return page

    yield open_learner
    failed = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts):
        if failed is not None and failed.failed and context.pages:
            ARTIFACTS.mkdir(exist_ok=True)
            context.pages[0].screenshot(
                path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True
            )
        context.close()


def _fill_sign_in(page, email: str, password: str) -> None:
    """Sign in on the login page already open (its ``next`` kept)."""
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")


def _enrol_if_needed(page, item_url: str) -> None:
    """Opening an item of a course one is not in leads to the course page and its "Enrol" button."""
    page.goto(item_url)
    course_url = item_url.split("/items/")[0]
    if page.url.endswith(course_url):
        page.click(f"form[action='{course_url}/enrol'] button")
        page.goto(item_url)
    assert page.url.endswith(item_url)


def _dump(live_env, email: str, course: str) -> dict:
    env = {**live_env, "DUMP_EMAIL": email, "DUMP_COURSE": course}
    return json.loads(run_in_app(env, "tests.browser.progress_dump").strip().splitlines()[-1])


@pytest.mark.parametrize(("role", "language", "locale"), PERSONAS)
def test_typed_code_survives_the_end_of_the_session(learner, people, role, language, locale):
    page = learner(role, language, locale)
    _enrol_if_needed(page, CODE_ITEM)
    status = page.locator(".draft-status")
    saved = page.locator("#exercise-work").get_attribute("data-label-saved")
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(f"brouillon = '{role}'")
    expect(status).to_have_text(saved)  # the server has it
    # The session ends (its cookie expires); the page is still open and the learner sends the code.
    page.context.clear_cookies(name="session")
    page.click("form.code-form button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/auth/login\?next=.*"))
    expect(page.locator("html")).to_have_attribute("lang", language)  # still in the learner's language
    expect(page.locator(".flash-warning")).to_be_visible()
    _fill_sign_in(page, people[role], people["password"])
    page.wait_for_url(f"**{CODE_ITEM}")
    expect(page.locator(".cm-content")).to_contain_text(f"brouillon = '{role}'")
    # A reload later (and a new tab) still shows it: it is the server's draft now.
    page.goto(LESSON)
    page.goto(CODE_ITEM)
    expect(page.locator(".cm-content")).to_contain_text(f"brouillon = '{role}'")


@pytest.mark.parametrize(("role", "language", "locale"), PERSONAS)
def test_continue_goes_to_the_last_item_visited_and_the_progress_page_matches(
    learner, people, live_env, role, language, locale
):
    page = learner(role, language, locale)
    _enrol_if_needed(page, LESSON)
    page.goto(QUIZ)
    page.goto(LESSON)
    page.goto(COURSE)
    page.click(".course-header a.button.primary")  # "Continue": something is started
    page.wait_for_url(f"**{LESSON}")
    page.goto(f"{COURSE}/progress")
    expect(page.locator("h1")).to_be_visible()
    shown = page.eval_on_selector_all(
        "tr[data-item]",
        """rows => Object.fromEntries(rows.map(r => [r.dataset.item, {
            status: r.dataset.status,
            attempts: Number(r.querySelector('[data-attempts]').dataset.attempts),
            best: r.querySelector('[data-best]').dataset.best === '' ? null
                  : Number(r.querySelector('[data-best]').dataset.best)}]))""",
    )
    stored = _dump(live_env, people[role], "sic-python-fundamentals")
    assert stored["items"], "visits were recorded"
    for slug, row in shown.items():
        expected = stored["items"].get(slug, {"status": "not_started", "attempts": 0, "best": None})
        if row["status"] == "locked":
            continue
        assert row == expected, slug


@pytest.mark.parametrize(("role", "language", "locale"), PERSONAS)
def test_finishing_a_course_shows_the_certificate_link(learner, role, language, locale):
    page = learner(role, language, locale)
    lesson = "/courses/arabic-sample/items/marhaban"
    _enrol_if_needed(page, lesson)
    # Read to the end: the lesson counts as done, which completes this one-lesson course.
    page.locator("#lesson-done").scroll_into_view_if_needed()
    link = page.locator("#lesson-done a.button.primary")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/courses/arabic-sample/complete")
    expect(page.locator("#certificate-pdf")).to_be_visible()
    page.goto("/courses/arabic-sample")
    expect(page.locator("a[href='/courses/arabic-sample/complete']")).to_be_visible()


def _fits(page) -> int:
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_every_page_of_the_learner_path_fits_a_phone(learner, people, language):
    page = learner("pupil", language, {"fr": "fr-FR", "ar": "ar-MA", "en": "en-US"}[language], PHONE)
    menu = page.locator("#main-menu")
    expect(menu).to_be_hidden()  # the header folds away on a phone
    page.click(".menu-button")
    expect(menu).to_be_visible()
    pages = [
        "/",
        "/courses/",
        COURSE,
        LESSON,
        CODE_ITEM,
        QUIZ,
        f"{QUIZ}?attempt={people['quiz_attempt']}",
        f"{COURSE}/progress",
        "/courses/arabic-sample",
        people["arabic_lesson"],
        "/certificates",
        f"/verify/{people['certificate_display']}",
        "/verify",
        "/classes/join",
        "/notifications/",
        "/account/profile",
    ]
    problems = []
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        overflow = _fits(page)
        if overflow > 0:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"phone-{language}-{url.strip('/').replace('/', '_')}.png"))
            problems.append(f"{url}: {overflow}px too wide")
    assert not problems, problems
    # The editor's line numbers stand level with the code lines once it is on screen, without a focus.
    page.goto(CODE_ITEM)
    page.locator(".cm-editor").scroll_into_view_if_needed()
    page.wait_for_function(
        """() => {
          const lines = [...document.querySelectorAll('.cm-content .cm-line')];
          const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]
            .filter(e => e.textContent.trim() && e.getBoundingClientRect().height > 0);
          return lines.length > 1 && lines.every((line, i) => numbers[i] &&
            Math.abs(numbers[i].getBoundingClientRect().top - line.getBoundingClientRect().top) < 2);
        }"""
    )
    assert page.evaluate(
        "document.activeElement === document.body || !document.activeElement.closest('.cm-editor')"
    )


#: The words of the cells that the browser laid out on more than one line.
SPLIT_WORDS = """(selector) => {
  const split = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const word of text.nodeValue.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) split.push(word[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize(
    ("url", "cells"),
    [
        (LESSON, ".prose th, .prose td"),  # the lesson's table of operators
        (QUIZ, "#attempt-history th, #attempt-history td"),  # "Your attempts" under an exercise
    ],
)
def test_tables_of_the_learner_path_keep_their_words_whole_on_a_phone(learner, url, cells):
    # In Arabic at 390 px, "anywhere" wrapping broke headings inside words (النتيج / ة, الدرج / ة).
    page = learner("pupil", "ar", "ar-MA", PHONE)
    page.goto(url)
    expect(page.locator(cells).first).to_be_visible()
    assert page.evaluate(SPLIT_WORDS, cells) == []
    assert _fits(page) <= 0
