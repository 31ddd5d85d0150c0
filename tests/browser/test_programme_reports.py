"""Both programme managers' pages in French, Arabic and English, on a desk and on a phone.

Screenshots go to ``test-artifacts/screenshots/`` for a person to look at; each page is checked for
sideways scrolling (tables scroll inside their own box, never the page) and for the glossary links.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

SCREENS = ARTIFACTS / "screenshots"
MANAGERS = {
    "sic": "pilotage.sic@demo.maharat.ma",
    "digischool": "pilotage.digischool@demo.maharat.ma",
}
PAGES = [
    ("landing", "/dashboard/manager"),
    ("report", "/reports/"),
    ("courses", "/reports/courses"),
    ("summary", "/reports/summary"),
    ("glossary", "/reports/glossary"),
]


def _overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("programme", ["sic", "digischool"])
def test_managers_pages_fit_and_link_to_the_glossary(browser, live_server, programme, language):
    SCREENS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, height, suffix in ((1280, 900, ""), (390, 844, "-phone")):
        context = browser.new_context(base_url=live_server, viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.set_default_timeout(60_000)
            sign_in(page, MANAGERS[programme], "demo-pilote-2030")
            page.wait_for_url("**/dashboard/manager")
            page.click(f".language-switcher button[value={language}]")
            page.wait_for_load_state("networkidle")
            for name, url in PAGES:
                page.goto(url)
                page.wait_for_load_state("networkidle")
                page.screenshot(
                    path=str(SCREENS / f"manager-{programme}-{name}{suffix}-{language}.png"), full_page=True
                )
                if _overflow(page) > 0:
                    problems.append(f"{name}{suffix}: the page scrolls sideways by {_overflow(page)}px")
            page.goto("/reports/")
            page.click("#headline a >> nth=0")
            page.wait_for_url("**/reports/glossary#teachers_trained")
            assert page.locator("#teachers_trained").is_visible()
        finally:
            context.close()
    assert not problems, problems
