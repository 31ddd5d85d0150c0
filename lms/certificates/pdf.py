"""The certificate as a PDF: WeasyPrint, landscape A4, one Jinja template per programme and version.

Immutability: the PDF is rendered once, from the snapshot only, with the template version recorded
in the snapshot (``templates/certificates/pdf/<template>.html``; a new design is a new file, old ones
stay), and the bytes are stored at ``<instance>/certificates/<code>.pdf`` on first render. Every later
download serves those bytes, so neither a template edit, a new WeasyPrint or new fonts can change a
certificate someone already holds (see docs/certificates.md).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import segno
from flask import current_app, render_template
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from lms.certificates.models import Certificate
from lms.certificates.sharing import verification_url
from lms.i18n import text_direction

# WeasyPrint narrates every rendering step at INFO: keep the application log readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def storage_dir() -> Path:
    configured = current_app.config.get("CERTIFICATE_PDF_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "certificates"


def stored_path(code: str) -> Path:
    return storage_dir() / f"{code}.pdf"


def qr_data_uri(url: str) -> str:
    """An SVG QR code (medium error correction: survives a fold or a stain on paper)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(border=0, dark="#1c2430")


def html(certificate: Certificate) -> str:
    """The certificate's HTML, in its own language whatever the reader's interface language."""
    snapshot = certificate.snapshot
    url = verification_url(certificate)
    with force_locale(certificate.language):
        return render_template(
            f"certificates/pdf/{snapshot['template']}.html",
            certificate=certificate,
            s=snapshot,
            language=certificate.language,
            direction=text_direction(certificate.language),
            verification_url=url,
            qr=qr_data_uri(url),
            static_root=Path(current_app.static_folder or "").as_uri(),
        )


def render(certificate: Certificate) -> bytes:
    # Only local files and data: URIs: rendering never reaches the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    return HTML(string=html(certificate), base_url=current_app.static_folder, url_fetcher=fetcher).write_pdf()


def pdf_bytes(certificate: Certificate) -> bytes:
    """The stored PDF, rendered and stored on first use (atomically: a crash never leaves half a file)."""
    path = stored_path(certificate.code)
    if path.exists():
        return path.read_bytes()
    data = render(certificate)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    try:
        # Two first downloads at once: the first rename wins, the second renders the same snapshot.
        os.link(temporary, path)
    except FileExistsError:
        data = path.read_bytes()
    finally:
        os.unlink(temporary)
    return data
