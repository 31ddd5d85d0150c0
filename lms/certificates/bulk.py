"""Bulk export: a ZIP of PDFs plus a CSV index, streamed as it is built.

A programme can hold tens of thousands of certificates, so nothing is assembled in memory: ``zipfile``
writes into a sink that hands each finished entry's bytes to the response (ZIP data descriptors make
this possible on an unseekable stream), rows are loaded in small batches, and the session is emptied
after each batch. Peak memory is about one PDF plus one batch (see bench/certificates.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from lms.certificates import pdf
from lms.certificates.models import Certificate
from lms.certificates.sharing import verification_url
from lms.extensions import db
from lms.reports.exports import csv_lines

BATCH = 50


class _Sink(io.RawIOBase):
    """A write-only, unseekable file whose written bytes are taken away chunk by chunk."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(entries: Iterable[tuple[str, Callable[[], Iterable[bytes]], bool]]) -> Iterator[bytes]:
    """Yield a ZIP archive of ``(name, content chunks, compress)`` entries, one entry at a time."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w") as archive:
        for name, content, compress in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            with archive.open(info, "w", force_zip64=True) as handle:
                for chunk in content():
                    handle.write(chunk)
                    if len(chunk) > 1 << 16:
                        yield sink.take()
            yield sink.take()
    yield sink.take()


def batches(ids: list[int]) -> Iterator[list[Certificate]]:
    for start in range(0, len(ids), BATCH):
        rows = db.session.scalars(
            select(Certificate).where(Certificate.id.in_(ids[start : start + BATCH])).order_by(Certificate.id)
        ).all()
        yield list(rows)
        db.session.expunge_all()


def csv_records(ids: list[int], language: str) -> Iterator[list[object]]:
    place = "ar" if language == "ar" else "fr"
    yield [
        _("Code"),
        _("Status"),
        _("Learner"),
        _("Course"),
        _("Version"),
        _("Programme"),
        _("School"),
        _("Province"),
        _("Region"),
        _("Issued on"),
        _("Revoked on"),
        _("Reason for revoking"),
        _("File"),
        _("Verification address"),
    ]
    for rows in batches(ids):
        for certificate in rows:
            s = certificate.snapshot
            yield [
                certificate.display_code,
                _("Revoked") if certificate.revoked else _("Valid"),
                s["learner"]["name"],
                s["course"]["title"],
                s["course"]["version"],
                s["programme"]["name"],
                (s.get("school") or {}).get(place, ""),
                (s.get("province") or {}).get(place, ""),
                (s.get("region") or {}).get(place, ""),
                format_date(certificate.issued_at, "short"),
                format_date(certificate.revoked_at, "short") if certificate.revoked_at else "",
                certificate.revoke_reason or "",
                pdf_name(certificate),
                verification_url(certificate),
            ]


def pdf_name(certificate: Certificate) -> str:
    return f"pdf/{certificate.display_code}.pdf"


def archive(ids: list[int], language: str) -> Iterator[bytes]:
    """The export: ``certificates.csv`` then one PDF per certificate (rendered on the way if need be)."""

    def entries():
        yield (
            "certificates.csv",
            lambda: (line.encode() for line in csv_lines(csv_records(ids, language))),
            True,
        )
        for rows in batches(ids):
            for certificate in rows:
                data = pdf.pdf_bytes(certificate)
                yield pdf_name(certificate), lambda data=data: (data,), False

    return stream_zip(entries())
