"""Issue 7's journeys: a class from creation to heatmap, and a scoped manager's report and its CSV."""

from __future__ import annotations

import csv
import io
import tomllib
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser
COURSE = Path(__file__).resolve().parents[2] / "courses/sic-python-fundamentals"
UNIT = COURSE / "units/valeurs-et-types"


def _unit_items() -> list[dict]:
    return tomllib.loads((UNIT / "unit.toml").read_text())["items"]


def _complete_first_unit(page) -> None:
    """Do unit 1 as a pupil would: read and mark lessons, pass the quiz, solve each code exercise."""
    base = "/courses/sic-python-fundamentals/items/"
    for entry in _unit_items():
        if "lesson" in entry:
            page.goto(base + entry["lesson"])
            page.click("text=Mark as done and continue")
            continue
        slug = entry["exercise"]
        spec = tomllib.loads((UNIT / slug / "exercise.toml").read_text())
        page.goto(base + slug)
        if spec["type"] == "quiz":
            for q in spec["questions"]:
                name = f"q-{q['id']}"
                if q["kind"] in ("single", "multiple"):
                    for choice in q["choices"]:
                        if choice.get("correct"):
                            page.locator(f"input[name='{name}'][value='{choice['id']}']").check()
                elif q["kind"] == "numeric":
                    page.fill(f"input[name='{name}']", str(q["answer"]))
                else:
                    page.fill(f"input[name='{name}']", q["accepted"][0])
            page.click("main form button[type=submit]")
        else:
            page.evaluate(
                "(code) => { const t = document.getElementById('code'); t.value = code; "
                "t.dispatchEvent(new Event('input')); }",
                (UNIT / slug / "solution.py").read_text(),
            )
            page.click("text=Test my code")
        expect(page.locator("#feedback")).to_contain_text("passed", timeout=120_000)


def test_a_teacher_sees_a_pupil_who_joined_with_the_code_complete_a_unit(browser, live_server):
    teacher = browser.new_context(base_url=live_server, locale="en-US").new_page()
    sign_in(teacher, "enseignant@demo.maharat.ma", "demo-prof-2030")
    teacher.click(".language-switcher button[value=en]")
    teacher.goto("/classes/new")
    name = f"Tronc commun {uuid.uuid4().hex[:4]}"
    teacher.fill("input[name=name]", name)
    teacher.click("#create-class")
    expect(teacher.locator("#join-code")).to_be_visible()
    code = teacher.locator("#join-code").inner_text().strip()
    option = teacher.locator("select[name=course_id] option", has_text="Python").first
    teacher.select_option("select[name=course_id]", value=option.get_attribute("value"))
    teacher.click("#assign-course")

    pupil = browser.new_context(base_url=live_server, locale="en-US").new_page()
    pupil.set_default_timeout(60_000)
    pupil.goto("/auth/register")
    pupil.click(".language-switcher button[value=en]")
    pupil.fill("input[name=display_name]", "Hamza Berrada")
    pupil.fill("input[name=email]", f"hamza-{uuid.uuid4().hex[:6]}@example.ma")
    pupil.select_option("select[name=language]", "en")
    pupil.fill("input[name=password]", "a-good-password")
    pupil.fill("input[name=confirm]", "a-good-password")
    pupil.click("main button[type=submit]")
    pupil.goto(f"/classes/join?code={code}")
    pupil.click("#join-class")
    pupil.goto("/courses/sic-python-fundamentals")
    expect(pupil.locator(".progress-value").first).to_be_visible()  # enrolled through the class
    _complete_first_unit(pupil)

    teacher.goto(teacher.url.split("?")[0])
    row = teacher.locator("tr", has_text="Hamza Berrada")
    expect(row.locator("td[data-unit]").first).to_have_attribute("data-status", "completed")
    ARTIFACTS.mkdir(exist_ok=True)
    teacher.screenshot(path=str(ARTIFACTS / "class-heatmap.png"), full_page=True)


def test_a_digischool_manager_sees_only_digischool_and_the_csv_matches(page):
    sign_in(page, "pilotage.digischool@demo.maharat.ma", "demo-pilote-2030")
    page.click(".language-switcher button[value=en]")
    page.goto("/reports/")
    expect(page.locator("#report-title")).to_contain_text("DigiSchool")
    assert "Samsung Innovation Campus" not in page.locator("main").inner_text()
    assert page.goto("/reports/?programme=sic").status == 403
    page.goto("/reports/")
    table = page.locator("#report-places-student")
    screen = [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tr").all()
    ]
    with page.expect_download() as download:
        page.click("#export-places-student")
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so that Excel reads Arabic names
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[0] for r in rows] == [r[0] for r in screen]
    page.screenshot(path=str(ARTIFACTS / "manager-report.png"), full_page=True)
