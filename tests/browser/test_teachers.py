"""Issue 19's journey against the live server: assign a unit with a due date, post an announcement, find a
pupil's late work in the gradebook, comment and regrade it; the pupil sees the comment, the new grade and
the notifications, in Arabic, on a 390 px phone.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_in_app, sign_in

pytestmark = pytest.mark.browser
QUIZ = "quiz-valeurs-et-types"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def people(live_env, live_server) -> dict:
    """A world of our own (world.py again, with fresh accounts): this journey changes the pupil's pages."""
    env = {**live_env, "WORLD_BASE_URL": live_server}
    return json.loads(run_in_app(env, "tests.browser.world").strip().splitlines()[-1])


def _page(browser, live_server, locale: str, viewport: dict | None = None):
    context = browser.new_context(
        base_url=live_server, locale=locale, viewport=viewport or {"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _fits(page) -> bool:
    """Nothing wider than the screen: wide tables scroll inside their own box, the page does not."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_teacher_assigns_announces_regrades_and_the_pupil_sees_it(browser, live_server, people):
    class_id = people["class_id"]
    teacher = _page(browser, live_server, "en-US")
    sign_in(teacher, people["teacher"], people["password"])
    teacher.goto("/")
    teacher.click(".language-switcher button[value=en]")

    # Assign the first unit, due yesterday: the pupil's quiz attempt of today is late (and accepted).
    teacher.goto(f"/assignments/classes/{class_id}")
    first_unit = teacher.eval_on_selector(
        "#target", "s => [...s.options].find(o => o.value.startsWith('unit:')).value"
    )
    teacher.select_option("#target", first_unit)
    teacher.check("input[name=audience][value=class]")
    teacher.fill("#due_date", (date.today() - timedelta(days=1)).isoformat())
    teacher.click("#assign-submit")
    expect(teacher.locator(".flash-success")).to_contain_text("1 pupil sees it")
    expect(teacher.locator("#assignment-list li")).to_have_count(1)

    # An announcement, in Markdown.
    teacher.goto(f"/notifications/classes/{class_id}/announcements")
    teacher.fill("#body", "**Contrôle vendredi** : révisez les *types*.")
    teacher.click("#post-announcement")
    expect(teacher.locator(".announcement strong")).to_have_text("Contrôle vendredi")

    # The gradebook shows the late attempt; open it, comment, regrade.
    teacher.goto(f"/gradebook/classes/{class_id}")
    cell = teacher.locator(f"tr[data-learner='{people['pupil_id']}'] td[data-item='{QUIZ}']")
    expect(cell).to_have_attribute("data-late", "true")
    expect(cell).to_contain_text("late")
    cell.locator("a").click()
    attempt = teacher.locator(f"#attempt-{people['quiz_attempt']}")
    expect(attempt.locator(".badge-late")).to_be_visible()
    attempt.locator("textarea[name=body]").fill("Relis la question sur les chaînes.")
    attempt.locator(".comment-form button").click()
    expect(teacher.locator(".flash-success")).to_contain_text("the pupil sees it")
    attempt = teacher.locator(f"#attempt-{people['quiz_attempt']}")
    attempt.locator("input[name=score]").fill("80")
    attempt.locator("input[name=reason]").fill("Réponse juste, mal orthographiée")
    attempt.locator(".override-form button").click()
    expect(teacher.locator(".flash-success")).to_contain_text("audit log")
    expect(teacher.locator(f"#attempt-{people['quiz_attempt']} .attempt-score")).to_have_text("80%")

    # The CSV, downloaded from the live server in each language, says what the screen says.
    for language in ("fr", "ar", "en"):
        teacher.click(f".language-switcher button[value={language}]")
        teacher.goto(f"/gradebook/classes/{class_id}")
        screen = teacher.eval_on_selector_all(
            "#gradebook tbody tr", "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))"
        )
        href = teacher.get_attribute("#export-gradebook", "href")
        response = teacher.request.get(href)
        assert response.ok and response.body().startswith("\ufeff".encode())
        assert "attachment" in response.headers["content-disposition"]
        lines = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
        assert lines[1:] == screen, language

    # The gradebook at 390 px: the grid scrolls in its box, the page itself does not.
    teacher.set_viewport_size(PHONE)
    teacher.goto(f"/gradebook/classes/{class_id}")
    expect(
        teacher.locator(f"tr[data-learner='{people['pupil_id']}'] td[data-item='{QUIZ}']")
    ).to_contain_text("80%")
    assert _fits(teacher)
    # Every new teacher's page, right to left, on the phone.
    teacher.click(".language-switcher button[value=ar]")
    for path in (
        f"/gradebook/classes/{class_id}",
        f"/gradebook/classes/{class_id}/learners/{people['pupil_id']}/items/{people['quiz_item']}",
        f"/assignments/classes/{class_id}",
        f"/notifications/classes/{class_id}/announcements",
        f"/teaching/classes/{class_id}/settings",
        "/teaching/help",
    ):
        teacher.goto(path)
        expect(teacher.locator("html")).to_have_attribute("dir", "rtl")
        assert _fits(teacher), path
    teacher.context.close()

    # The pupil, in Arabic on a phone: to-do with its date, the announcement, the unread count.
    pupil = _page(browser, live_server, "ar-MA", PHONE)
    sign_in(pupil, people["pupil"], people["password"])
    pupil.goto("/")
    pupil.click(".language-switcher button[value=ar]")
    pupil.goto("/dashboard/learner")
    expect(pupil.locator("html")).to_have_attribute("dir", "rtl")
    expect(pupil.locator("#todo li")).to_have_count(1)
    expect(pupil.locator("#todo li")).to_contain_text("كان التسليم في")  # was due …: late work accepted
    expect(pupil.locator(".announcement strong")).to_have_text("Contrôle vendredi")
    # The certificate the world issued, the assignment, the announcement, the comment and the grade.
    expect(pupil.locator("#unread-count")).to_have_text("5")
    assert _fits(pupil)
    pupil.click(".menu-button")  # on a phone the header's links fold away behind "Menu"
    pupil.click("#notifications-link")
    expect(pupil.locator("#notifications")).to_contain_text("غُيّرت نقطتك")
    expect(pupil.locator("#notifications")).to_contain_text("80%")
    assert _fits(pupil)
    pupil.locator("#notifications li[data-kind=grade] button").click()
    expect(pupil.locator(f"#attempt-{people['quiz_attempt']} .teacher-comment")).to_contain_text(
        "Relis la question sur les chaînes."
    )
    expect(pupil.locator(f"#attempt-{people['quiz_attempt']} .attempt-score")).to_have_text("80%")
    expect(pupil.locator("#unread-count")).to_have_text("4")
    assert _fits(pupil)
    pupil.context.close()


@pytest.mark.parametrize(
    ("path", "form", "field", "message"),
    [
        ("/notifications/classes/{id}/announcements", "#announcement-form", "#body", "اكتب الإعلان أولًا."),
        ("/teaching/classes/{id}/settings", "#rename-form", "#name", "يرجى تسمية القسم."),
        ("/teaching/classes/{id}/settings", "#copy-form", "#copy-name", "يرجى تسمية القسم."),
        (
            "/teaching/classes/{id}/settings",
            "#co-teacher-form",
            "#email",
            "يرجى إدخال البريد الإلكتروني للأستاذ.",
        ),
    ],
)
def test_an_empty_field_is_explained_in_the_pages_language_next_to_it(
    browser, live_server, people, path, form, field, message
):
    # The browser's own bubble ("Please fill out this field.", in the browser's language) stopped
    # these forms before the server could say what is missing, in Arabic, under the field.
    teacher = _page(browser, live_server, "en-US", PHONE)
    sign_in(teacher, people["teacher"], people["password"])
    teacher.goto("/")
    teacher.click(".language-switcher button[value=ar]")
    teacher.goto(path.format(id=people["class_id"]))
    teacher.fill(f"{form} {field}", "")
    teacher.click(f"{form} button[type=submit]")
    error = teacher.locator(f"{field}-error")
    expect(error).to_have_text(message)
    expect(teacher.locator(field)).to_have_attribute("aria-invalid", "true")
    assert f"{field[1:]}-error" in teacher.locator(field).get_attribute("aria-describedby").split()
    teacher.context.close()
