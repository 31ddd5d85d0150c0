"""Per-programme certificate settings (signatory, colours, template) and the public base URL.

Signatories change with people, not with code: the defaults below are overridden by the app config
``CERTIFICATE_PROGRAMMES`` (same shape, partial dicts allowed). Whatever is in force at issue time is
copied into the certificate's snapshot, so a later change never alters an issued certificate.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from lms.core.urls import public_url

DEFAULT_PROGRAMMES: dict[str, dict[str, Any]] = {
    "sic": {
        "signatory": {
            "name": "Hicham Alaoui",
            "title": {
                "fr": "Coordinateur national, Samsung Innovation Campus Maroc",
                "ar": "المنسق الوطني، برنامج سامسونج للابتكار بالمغرب",
                "en": "National coordinator, Samsung Innovation Campus Morocco",
            },
        },
        "colour": "#1428a0",
        "accent": "#0b5d8f",
        #: The PDF template (templates/certificates/pdf/<template>.html); a new design is a new file.
        "template": "sic-v1",
    },
    "digischool": {
        "signatory": {
            "name": "Fatima Zahra Bennani",
            "title": {
                "fr": "Coordinatrice nationale, DigiSchool",
                "ar": "المنسقة الوطنية، برنامج ديجي سكول",
                "en": "National coordinator, DigiSchool",
            },
        },
        "colour": "#b3112e",
        "accent": "#6b0a1c",
        "template": "digischool-v1",
    },
}

FALLBACK_PROGRAMME = {
    "signatory": {"name": "Maharat", "title": {"fr": "", "ar": "", "en": ""}},
    "colour": "#0b5d8f",
    "accent": "#084769",
    "template": "generic-v1",
}


def programme_settings(code: str) -> dict[str, Any]:
    """Defaults for the programme, then the configured overrides (one level deep)."""
    settings = {**FALLBACK_PROGRAMME, **DEFAULT_PROGRAMMES.get(code, {})}
    for key, value in (current_app.config.get("CERTIFICATE_PROGRAMMES") or {}).get(code, {}).items():
        settings[key] = {**settings[key], **value} if isinstance(settings.get(key), dict) else value
    return settings


def public_base_url() -> str:
    """Where the world reaches this platform (lms/core/urls.py): never a request's Host header."""
    return public_url()
