"""DigiSchool, end to end in Chromium: a pupil completes the pupils' course (a web page written and checked
in the browser, by keyboard; quizzes; a project plan and a storyboard) and a teacher who has never written
Python completes the teachers' course; each gets a DigiSchool certificate.

Every required item is taken from the packages on disk, so the test follows the courses as they grow;
no required item of either course is a Python exercise.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_as, run_in_app

pytestmark = pytest.mark.browser

COURSES = Path(__file__).resolve().parents[2] / "courses"
PAGE = """<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head><title>Drâa-Tafilalet</title></head>
<body>
<h1>La région de Drâa-Tafilalet</h1>
<p>Ma région est au sud-est du Maroc, entre l'Atlas et le désert.</p>
<ul>
<li>Les gorges du Todgha</li>
<li>La palmeraie de Skoura</li>
<li>Les dunes de Merzouga</li>
</ul>
<img src="todgha.jpg" alt="Les hautes falaises des gorges du Todgha">
<a href="https://fr.wikipedia.org/wiki/Drâa-Tafilalet">Drâa-Tafilalet sur Wikipédia</a>
</body>
</html>"""


@pytest.fixture(scope="module")
def accounts(live_env, live_server, world) -> dict:
    return json.loads(run_in_app(live_env, "tests.browser.digischool_accounts").strip().splitlines()[-1])


def required_items(slug: str) -> list[tuple[str, str, Path | None]]:
    """(item slug, type, exercise folder) for every required item, in course order, read from the package."""
    course = COURSES / slug
    manifest = tomllib.loads((course / "course.toml").read_text())
    found = []
    for unit in manifest["units"]:
        spec = tomllib.loads((course / "units" / unit / "unit.toml").read_text())
        for item in spec["items"]:
            if item.get("required", True) is False:
                continue
            if "lesson" in item:
                found.append((item["lesson"], "lesson", None))
            else:
                folder = course / "units" / unit / item["exercise"]
                kind = tomllib.loads((folder / "exercise.toml").read_text())["type"]
                found.append((item["exercise"], kind, folder))
    return found


def answer_quiz(page, folder: Path) -> None:
    quiz = tomllib.loads((folder / "exercise.toml").read_text())
    for question in quiz["questions"]:
        name = f"q-{question['id']}"
        if question["kind"] == "numeric":
            page.fill(f"input[name='{name}']", str(question["answer"]))
            continue
        if question["kind"] == "text":
            page.fill(f"input[name='{name}']", question["accepted"][0])
            continue
        assert question["kind"] in ("single", "multiple"), question["id"]
        for choice in question["choices"]:
            box = page.locator(f"input[name='q-{question['id']}'][value='{choice['id']}']")
            if choice.get("correct"):
                box.check()
            elif question["kind"] == "multiple":
                box.uncheck()


def write_reflection(page, folder: Path) -> None:
    minimum = tomllib.loads((folder / "exercise.toml").read_text()).get("min_words", 30)
    # A reflection needs half its minimum as different words: a real paragraph, not one sentence repeated.
    paragraph = (
        "Dans ma classe de Ouarzazate, nous partirons d'un besoin réel observé au collège : la cantine "
        "jette trop de pain chaque semaine. Les élèves interrogeront d'abord leurs camarades, les cuisiniers "
        "et deux parents, puis ils dessineront sur papier une application simple qui annonce le menu et "
        "compte les repas réservés la veille. Chaque groupe présentera sa maquette, recevra des critiques "
        "bienveillantes et corrigera son idée avant de la tester pendant une semaine. À la fin, nous "
        "mesurerons ensemble si le gaspillage a diminué, et j'évaluerai surtout la démarche, "
        "l'argumentation, l'écoute et la clarté de l'exposé final devant les autres classes du niveau."
    )
    text = " ".join([paragraph] * (minimum // len(paragraph.split()) + 1))
    page.fill("#reflection-text", text)


def write_page_by_keyboard(page, html: str, css: str) -> None:
    """Replace the HTML and CSS by keyboard, then reach the submit button with Tab and press Enter."""
    page.locator("#webpage-html").focus()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(html)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "webpage-css"
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(css)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.webpage-form button[type=submit]')"):
            break
    else:
        pytest.fail("the submit button is not reachable with Tab")
    page.keyboard.press("Enter")


def complete(page, slug: str, on_webpage=None) -> None:
    page.goto(f"/courses/{slug}")
    page.click(f"form[action='/courses/{slug}/enrol'] button[type=submit]")
    for item, kind, folder in required_items(slug):
        page.goto(f"/courses/{slug}/items/{item}")
        if kind == "lesson":
            page.click(".lesson-done button[type=submit]")
            continue
        assert kind in ("quiz", "reflection", "webpage"), f"{item} asks for {kind}"
        if kind == "quiz":
            answer_quiz(page, folder)
            page.click("main form button[type=submit]")
        elif kind == "reflection":
            write_reflection(page, folder)
            page.click("main form button[type=submit]")
        else:
            on_webpage(page)
        expect(page.locator("#feedback")).to_contain_text(re.compile("réussi|passed|terminé|completed", re.I))
    page.goto(f"/courses/{slug}")
    expect(page.locator(".flash-success").first).to_be_visible()


def the_web_page(page) -> None:
    # The starter fails: the list of checks says what is missing, with a hint.
    page.click(".webpage-form button[type=submit]")
    checks = page.locator(".webpage-checks")
    expect(checks.locator("li.failed").first).to_be_visible()
    expect(checks.locator("li[data-check=titre-onglet]")).to_contain_text("Ajoute <title>")
    # The preview allows nothing, and a script written in the page never runs.
    preview = page.locator("iframe.webpage-preview")
    expect(preview).to_have_attribute("sandbox", "")
    write_page_by_keyboard(
        page, PAGE.replace("</h1>", "</h1><script>window.parent.document.title='X'</script>"), ""
    )
    expect(checks.locator("li.failed")).to_have_count(1)
    expect(checks.locator("li.failed")).to_have_attribute("data-check", "style")
    assert page.title() != "X"
    write_page_by_keyboard(page, PAGE, "h1 {\n  color: saddlebrown;\n}")
    expect(checks.locator("li.failed")).to_have_count(0)
    heading = page.frame_locator("iframe.webpage-preview").locator("h1")
    expect(heading).to_have_text("La région de Drâa-Tafilalet")
    # the preview shows the page's own style (the page's policy lets it through with a nonce)
    expect(heading).to_have_css("color", "rgb(139, 69, 19)", timeout=60_000)
    page.fill("#webpage-css", "h1 { color: rgb(0, 100, 0); }")
    expect(heading).to_have_css("color", "rgb(0, 100, 0)", timeout=60_000)


def test_a_pupil_completes_the_digischool_pupils_course_and_gets_a_certificate(
    browser, live_server, accounts
):
    page = open_as(browser, live_server, accounts, "pupil", "fr")
    complete(page, "digischool-projets-eleves", on_webpage=the_web_page)
    page.goto("/certificates")
    card = page.locator(".certificate-card", has_text="Mes projets numériques")
    expect(card).to_be_visible()
    expect(card.locator(".programme-badge-digischool")).to_be_visible()
    page.context.close()


def test_a_teacher_who_never_writes_python_completes_the_teachers_course_and_gets_a_certificate(
    browser, live_server, accounts
):
    page = open_as(browser, live_server, accounts, "teacher", "fr")
    complete(page, "digischool-emerging-tech-for-teachers")
    page.goto("/certificates")
    card = page.locator(".certificate-card", has_text="Technologies émergentes en classe")
    expect(card).to_be_visible()
    expect(card.locator(".programme-badge-digischool")).to_be_visible()
    page.context.close()
