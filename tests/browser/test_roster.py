"""Issue 19 item 5 in a real browser: a teacher imports the school's French-Excel roster (bad lines,
pupils without email), imports the valid lines, prints the slips; a pupil signs in with a slip."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_a_teacher_imports_a_french_excel_roster_and_prints_slips(open_page, world, browser, live_server):
    tag = uuid.uuid4().hex[:6]
    digits = str(int(tag, 16) % 10**9).zfill(9)
    roster = (
        "Nom;Prénom;Code Massar;E-mail\r\n"
        f"Élève{tag};Amina;J{digits};\r\n"
        f"Benali{tag};Youssef;;youssef-{tag}@example.ma\r\n"
        f"Lahlou{tag};Sara;;\r\n"
        f"Tazi{tag};Omar;123;\r\n"
    ).encode("cp1252")
    page = open_page("teacher", "en", viewport={"width": 390, "height": 844})
    page.goto(f"/classes/{world['class_id']}/import")
    page.set_input_files(
        "input[name=file]", files=[{"name": "eleves.csv", "mimeType": "text/csv", "buffer": roster}]
    )
    page.click("#check-import")
    report = page.locator("#import-problems")
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr th")).to_have_text("5")
    expect(report).to_contain_text("A Massar code is one letter followed by nine digits.")
    expect(page.locator("#problems-title")).to_have_text("Nothing was imported: 1 problem to fix")
    expect(page.locator("#plan-create")).to_contain_text("3 accounts will be created")
    page.click("#confirm-valid")

    slips = page.locator("#slips .slip")
    expect(slips).to_have_count(3)
    expect(slips.first).to_contain_text(f"j{digits}")
    expect(slips.locator(".slip-qr")).to_have_count(3)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "roster-slips-390.png"), full_page=True)
    # On paper: only the slips (no header, navigation, buttons), two per row.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#print-slips")).to_be_hidden()
    expect(slips.first).to_be_visible()
    boxes = [slips.nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["y"] == boxes[1]["y"], boxes  # side by side
    page.pdf(path=str(ARTIFACTS / "roster-slips.pdf"), format="A4")
    page.emulate_media(media="screen")

    # The template downloads from the live server in the teacher's language, and reads back.
    template = page.request.get(f"/classes/{world['class_id']}/import/template.csv")
    assert template.ok and template.headers["content-type"].startswith("text/csv")
    assert template.body().decode("utf-8").startswith("\ufeffLast name,First name,Massar code,Email address")

    password = slips.first.locator(".slip-password code").inner_text()
    assert re.fullmatch(r"[a-z2-9]{12}", password)

    # The pupil signs in with the Massar code from the slip and must choose a password first.
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    pupil = context.new_page()
    try:
        sign_in(pupil, f"J{digits}", password)
        expect(pupil).to_have_url(re.compile(r"/account/profile"))
    finally:
        context.close()
