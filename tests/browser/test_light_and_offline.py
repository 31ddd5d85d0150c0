"""Light pages for slow, intermittent school connections: one origin, a small lesson, usable without JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COURSE = "/courses/sic-python-fundamentals"
#: Resources a page loads (anchors are links the reader may follow, not something the page downloads).
RESOURCE_ATTRIBUTES = "link[href], script[src], img[src], source[src], iframe[src], video[src], audio[src]"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_key_pages_load_everything_from_our_own_server(open_page, world, live_server, language):
    page = open_page("pupil", language)
    origin = urlsplit(live_server).netloc
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    for url in (
        "/dashboard/learner",
        COURSE,
        f"{COURSE}/items/valeurs-afficher-et-calculer",
        f"{COURSE}/items/quiz-valeurs-et-types",
        f"{COURSE}/items/valeurs-prix-ttc",
        "/certificates",
        f"/verify/{world['certificate_display']}",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        attributes = page.eval_on_selector_all(
            RESOURCE_ATTRIBUTES, "(els) => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"
        )
        foreign = [a for a in attributes if urlsplit(a).netloc not in ("", origin)]
        assert not foreign, f"{url} links resources from elsewhere: {foreign}"
    foreign = [u for u in requested if not u.startswith("data:") and urlsplit(u).netloc != origin]
    assert not foreign, f"requests to other origins: {foreign}"
    fonts = page.evaluate("() => [...document.fonts].map(f => f.family)")
    assert not [f for f in fonts if "http" in f], fonts


def test_a_lesson_page_weighs_under_100_kb_without_images(open_page):
    page = open_page("pupil", "ar")
    sizes = {}

    def record(response):
        if response.request.resource_type != "image":
            sizes[response.url] = len(response.body()) + sum(
                len(k) + len(v) + 4 for k, v in response.headers.items()
            )

    page.on("response", record)
    page.goto(f"{COURSE}/items/valeurs-types-et-conversions")
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    assert total < 100_000, f"{total} bytes: {sizes}"
    # One small script on a lesson (read to the end, time spent): the code editor only on code exercises.
    scripts = [u.split("?")[0] for u in sizes if u.split("?")[0].endswith(".js")]
    assert [u.rsplit("/", 1)[1] for u in scripts] == ["learning.js"], sizes


def test_static_files_come_back_from_the_cache(open_page):
    page = open_page("pupil", "fr")
    page.goto(f"{COURSE}/items/valeurs-prix-ttc")
    page.wait_for_load_state("networkidle")
    page.goto(f"{COURSE}/items/valeurs-duree-trajet")
    page.wait_for_load_state("networkidle")
    served = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('/static/')).map(e => [e.name, e.transferSize])"
    )
    assert served, "the exercise page loads the stylesheet and the editor"
    # transferSize 0: read from the browser's cache, not the network (immutable, fingerprinted).
    assert all(size == 0 for _, size in served), served


def test_lessons_and_quizzes_work_without_javascript(open_page):
    page = open_page("pupil", "fr", java_script_enabled=False)
    page.goto(f"{COURSE}/items/valeurs-types-et-conversions")
    expect(page.locator("article.lesson .prose")).to_be_visible()
    done = page.locator(".lesson-done button[type=submit]")
    if done.count():
        done.click()
        expect(page).not_to_have_url(f"{COURSE}/items/valeurs-types-et-conversions")
    page.goto(f"{COURSE}/items/quiz-valeurs-et-types")
    first = page.locator("fieldset.question").first
    first.locator("input").first.check()
    page.click("main form button[type=submit]")
    expect(page.locator("#feedback")).to_be_visible()
    expect(page.locator(".question-result").first).to_be_visible()
    # Code exercises fall back to the plain text area, still a working form.
    page.goto(f"{COURSE}/items/valeurs-prix-ttc")
    expect(page.locator("textarea#code")).to_be_visible()
    expect(page.locator(".cm-editor")).to_have_count(0)
