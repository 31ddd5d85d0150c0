"""Screenshots of the key pages in French, Arabic and English, for a person to look at.

Saved under ``test-artifacts/screenshots/<page>-<language>.png`` (gitignored; CI keeps them as artifacts).
Each page is checked for what a screenshot would show wrong: a horizontal scroll bar (overflow) and,
in Arabic, code that is not left to right.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

COURSE = "/courses/sic-python-fundamentals"
SCREENS = ARTIFACTS / "screenshots"


def key_pages(world: dict) -> list[tuple[str, str, str]]:
    return [
        ("learner-dashboard", "pupil", "/dashboard/learner"),
        ("course-outline", "pupil", COURSE),
        ("lesson", "pupil", f"{COURSE}/items/valeurs-afficher-et-calculer"),
        ("quiz", "pupil", f"{COURSE}/items/quiz-valeurs-et-types?attempt={world['quiz_attempt']}"),
        ("code-exercise", "pupil", f"{COURSE}/items/valeurs-prix-ttc"),
        ("certificates", "pupil", "/certificates"),
        ("teacher-heatmap", "teacher", f"/classes/{world['class_id']}"),
        ("certificate-verification", "visitor", f"/verify/{world['certificate_display']}"),
        ("manager-report", "manager", "/reports/"),
    ]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_screenshots_of_the_key_pages(open_page, world, language):
    SCREENS.mkdir(parents=True, exist_ok=True)
    pages = {}
    problems = []
    for name, role, url in key_pages(world):
        if role not in pages:
            pages[role] = open_page(role, language)
        page = pages[role]
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENS / f"{name}-{language}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{name}: the page scrolls sideways by {overflow}px")
        if language == "ar":
            rtl_code = page.eval_on_selector_all(
                "pre, code, .cm-content",
                "(els) => els.filter(e => getComputedStyle(e).direction !== 'ltr').length",
            )
            if rtl_code:
                problems.append(f"{name}: {rtl_code} code elements are right to left")
    # A phone-sized screen too, where overflow shows first.
    phone = open_page("pupil", language, viewport={"width": 360, "height": 740})
    for name, url in (
        ("lesson", f"{COURSE}/items/valeurs-afficher-et-calculer"),
        ("code-exercise", f"{COURSE}/items/valeurs-prix-ttc"),
    ):
        phone.goto(url)
        phone.wait_for_load_state("networkidle")
        phone.screenshot(path=str(SCREENS / f"{name}-phone-{language}.png"), full_page=True)
        overflow = phone.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{name} (phone): the page scrolls sideways by {overflow}px")
    assert not problems, problems
