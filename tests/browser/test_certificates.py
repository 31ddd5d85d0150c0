"""Certificates in a real browser: an admin issues, the pupil downloads, anyone verifies, the admin revokes.

The shipped courses' code exercises cannot be passed until grading is deployed, so the admin issues the
certificate by hand (a face-to-face session), as the issue describes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

PUPIL = ("eleve@demo.maharat.ma", "demo-eleve-2030")
ADMIN = ("admin@demo.maharat.ma", "demo-admin-2030")
ARABIC_NAME = "أمينة الإدريسي"
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install poppler-utils and zbar-tools (tools/install-system-deps.sh)")
    return path


def _sign_out(page) -> None:
    page.context.clear_cookies()


def test_issue_download_verify_then_revoke(page, live_server, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)

    # An admin issues the certificate for a face-to-face session.
    sign_in(page, *ADMIN)
    page.goto("/admin/certificates/issue")
    page.fill("input[name=email]", PUPIL[0])
    page.select_option("select[name=course_id]", label="Les fondamentaux de Python")
    page.fill("textarea[name=reason]", "Session présentielle au lycée Ibn Battouta")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/certificates/[0-9A-Z]{16}$"))
    code = page.url.rsplit("/", 1)[1]
    display = "-".join(code[i : i + 4] for i in range(0, 16, 4))
    expect(page.locator("h1")).to_contain_text(display)
    _sign_out(page)

    # The pupil finds it under "My certificates" and downloads the PDF.
    sign_in(page, *PUPIL)
    page.goto("/certificates")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".certificate-card")).to_contain_text(display)
    page.screenshot(path=str(ARTIFACTS / "certificates-mine-ar.png"), full_page=True)
    linkedin = page.locator("a[href^='https://www.linkedin.com/profile/add?']").get_attribute("href")
    assert "startTask=CERTIFICATION_NAME" in linkedin and f"certId={display}" in linkedin
    with page.expect_download() as download:
        page.click(f"a[href='/certificates/{code}.pdf']")
    pdf_path = tmp_path / "certificate.pdf"
    download.value.save_as(pdf_path)
    shutil.copy(pdf_path, ARTIFACTS / "certificate-eleve.pdf")

    text = subprocess.run(
        [_tool("pdftotext"), str(pdf_path), "-"], capture_output=True, check=True, text=True
    )
    assert ARABIC_NAME in unicodedata.normalize("NFC", text.stdout.translate(BIDI_CONTROLS))
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-png",
            "-r",
            "150",
            "-singlefile",
            str(pdf_path),
            str(ARTIFACTS / "certificate-eleve"),
        ],
        check=True,
    )
    decoded = subprocess.run(
        [_tool("zbarimg"), "--quiet", "--raw", str(ARTIFACTS / "certificate-eleve.png")],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()
    assert decoded == f"{live_server}/verify/{display}"
    _sign_out(page)

    # Anyone scanning the QR code sees a valid certificate, without an account.
    page.goto(decoded)
    expect(page.locator(".verification-valid")).to_be_visible()
    expect(page.locator(".verification .certificate-name")).to_have_text(ARABIC_NAME)
    page.screenshot(path=str(ARTIFACTS / "certificates-verify-valid.png"), full_page=True)

    # The admin revokes it; the page says so, with the reason, and the status list bit is set.
    sign_in(page, *ADMIN)
    page.goto(f"/admin/certificates/{code}")
    page.fill("textarea[name='revoke-reason']", "Délivré par erreur")
    page.click(f"form[action='/admin/certificates/{code}/revoke'] button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    _sign_out(page)
    page.goto(f"/verify/{code.lower()}")
    expect(page.locator(".verification-revoked")).to_contain_text("Délivré par erreur")
    page.screenshot(path=str(ARTIFACTS / "certificates-verify-revoked.png"), full_page=True)

    credential = page.request.get(f"/certificates/{code}.json").json()
    status = credential["credentialStatus"]
    listing = page.request.get(status["statusListCredential"]).json()
    from lms.certificates import status_list

    bits = status_list.decode(listing["credentialSubject"]["encodedList"])
    assert status_list.is_set(bits, int(status["statusListIndex"]))


def test_an_unknown_code_says_unknown(page):
    page.goto("/verify")
    page.fill("input[name=code]", "7kqm 2xra 9d4f h3tb")
    page.click("main form button[type=submit]")
    expect(page.locator(".verification-unknown")).to_be_visible()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_admins_list_of_certificates_scrolls_in_its_own_box_on_a_phone(open_page, world, language):
    # Seven columns do not fit 390 px: the table scrolls inside its box, the page does not (it did).
    page = open_page("admin", language, viewport={"width": 390, "height": 844})
    page.goto("/admin/certificates")
    expect(page.locator("main table")).to_contain_text(world["certificate_display"])
    box = page.locator("main .table-scroll", has=page.locator("table"))
    expect(box).to_have_attribute("tabindex", "0")  # the keyboard scrolls it too
    assert (
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")
