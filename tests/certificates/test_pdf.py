"""The PDF: landscape A4, the learner's name readable by machines in logical order, a QR to verify."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from lms.certificates import pdf
from tests.certificates.conftest import ARABIC_NAME

#: Direction marks pdftotext adds around right-to-left runs; they are not part of the text.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install poppler-utils and zbar-tools (tools/install-system-deps.sh)")
    return path


def text_of(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(data)
    result = subprocess.run(
        [_tool("pdftotext"), str(source), "-"], capture_output=True, check=True, text=True
    )
    return unicodedata.normalize("NFC", result.stdout.translate(BIDI_CONTROLS))


def test_the_arabic_name_comes_back_in_logical_order(certificate, tmp_path):
    text = text_of(pdf.pdf_bytes(certificate), tmp_path)
    assert ARABIC_NAME in text
    assert "ISSERDI" not in text and ARABIC_NAME[::-1] not in text
    assert certificate.display_code in text
    assert "Cours de test" in text


def test_a_mixed_script_name_keeps_each_word(make_user, course, school, db, tmp_path):
    from lms.certificates import operations
    from tests.certificates.conftest import complete

    mixed = "Salma أمينة Ouazzani"
    user = make_user(display_name=mixed, language="fr", school_id=school.id)
    complete(user, course)
    db.session.commit()
    text = text_of(pdf.pdf_bytes(operations.live_certificate(user.id, course.id)), tmp_path)
    assert "Salma" in text and "أمينة" in text and "Ouazzani" in text


def test_the_page_is_landscape_a4(certificate, tmp_path):
    source = tmp_path / "c.pdf"
    source.write_bytes(pdf.pdf_bytes(certificate))
    info = subprocess.run([_tool("pdfinfo"), str(source)], capture_output=True, check=True, text=True).stdout
    assert "Pages:           1" in info
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split("x"))
    assert (round(width), round(height)) == (842, 595)


def test_the_qr_code_opens_the_verification_page(certificate, tmp_path):
    source = tmp_path / "c.pdf"
    source.write_bytes(pdf.pdf_bytes(certificate))
    subprocess.run([_tool("pdftoppm"), "-png", "-r", "150", str(source), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(
        [_tool("zbarimg"), "--quiet", "--raw", str(image)], capture_output=True, check=True, text=True
    ).stdout.strip()
    assert decoded == f"https://maharat.example/verify/{certificate.display_code}"


def test_the_pdf_is_rendered_once_then_served_from_storage(certificate, monkeypatch):
    first = pdf.pdf_bytes(certificate)
    assert pdf.stored_path(certificate.code).read_bytes() == first

    def render_again(_certificate):
        raise AssertionError("rendered again")

    monkeypatch.setattr(pdf, "render", render_again)
    assert pdf.pdf_bytes(certificate) == first


def test_rendering_never_fetches_from_the_network(certificate, monkeypatch):
    from weasyprint.urls import URLFetcher

    fetched: list[str] = []
    original = URLFetcher.fetch

    def spy(self, url, *args, **kwargs):
        fetched.append(url)
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    pdf.render(certificate)
    assert fetched and all(url.startswith(("file:", "data:")) for url in fetched)
