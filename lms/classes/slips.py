"""Sign-in slips: the class code as a QR code that opens the join page with the code filled in."""

from __future__ import annotations

import segno


def class_qr(join_link: str) -> str:
    """The join link as an SVG data URI, for an ``<img>`` (the page's CSP allows ``data:`` images)."""
    return segno.make(join_link, error="m", micro=False).svg_data_uri(border=2, dark="#000")
