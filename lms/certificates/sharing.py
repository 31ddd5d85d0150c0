"""Links a learner shares: the public verification page and LinkedIn's "add to profile" form."""

from __future__ import annotations

from urllib.parse import urlencode

from lms.certificates.models import Certificate


def verification_url(certificate: Certificate) -> str:
    """Built from the snapshot's base URL: the address printed on the PDF and in the QR code."""
    return f"{certificate.snapshot['base_url']}/verify/{certificate.display_code}"


def linkedin_url(certificate: Certificate) -> str:
    """LinkedIn's documented "Add to profile" link for a certification, pre-filled."""
    snapshot = certificate.snapshot
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": snapshot["course"]["title"],
        "organizationName": f"{snapshot['programme']['name']} ({snapshot['programme']['partner']})",
        "issueYear": certificate.issued_at.year,
        "issueMonth": certificate.issued_at.month,
        "certUrl": verification_url(certificate),
        "certId": certificate.display_code,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)
