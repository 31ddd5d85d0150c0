"""Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0) built from a certificate's snapshot.

The credential is built and signed once, at issue time, and stored: what a learner downloads years
later is byte for byte what was signed. Only the snapshot goes in (never live rows), and only what a
verifier needs: the learner's name (as an ``IdentityObject`` of type ``name``), the achievement, the
issuing programme and the date. The school and region stay on the PDF and the verification page.

Each programme is its own issuer: a ``Profile`` at ``/issuers/<programme>`` that is also the
controller document of its keys (``verificationMethod`` + ``assertionMethod``), which is how a Data
Integrity verifier checks that the signing key belongs to the issuer named in the credential.
"""

from __future__ import annotations

import math
from typing import Any

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from lms.certificates import keys, proofs, status_list
from lms.certificates.contexts import MULTIKEY_V1, OB_V3, VC_V2

#: Terms of a controller document that the three public contexts leave undefined.
CONTROLLER_TERMS = {
    "assertionMethod": {
        "@id": "https://w3id.org/security#assertionMethod",
        "@type": "@id",
        "@container": "@set",
    },
    "verificationMethod": {
        "@id": "https://w3id.org/security#verificationMethod",
        "@type": "@id",
        "@container": "@set",
    },
}


def issuer_id(base_url: str, programme: str) -> str:
    return f"{base_url}/issuers/{programme}"


def status_list_url(base_url: str, programme: str, number: int) -> str:
    return f"{base_url}/status/{programme}/{number}"


def credential_url(base_url: str, code: str) -> str:
    return f"{base_url}/certificates/{code}.json"


def verification_method(base_url: str, programme: str, key_multibase: str) -> str:
    return f"{issuer_id(base_url, programme)}#{key_multibase}"


def build(snapshot: dict[str, Any], code: str, status_list_number: int, status_index: int) -> dict:
    """The unsigned OpenBadgeCredential of a snapshot (texts in the certificate's language)."""
    base, programme, course = snapshot["base_url"], snapshot["programme"], snapshot["course"]
    with force_locale(snapshot["language"]):
        description = ngettext(
            "Course of the %(programme)s programme (%(hours)s hour), version %(version)s.",
            "Course of the %(programme)s programme (%(hours)s hours), version %(version)s.",
            math.ceil(float(course["hours"])),  # the plural of "1.5 hours", as the verification page says it
            hours=_hours(course["hours"]),
            programme=programme["name"],
            version=course["version"],
        )
        narrative = _(
            "Complete every required lesson and exercise of the course on Maharat, "
            "or be awarded it by a programme administrator."
        )
    return {
        "@context": [VC_V2, OB_V3],
        "id": credential_url(base, code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": course["title"],
        "issuer": {"id": issuer_id(base, programme["code"]), "type": ["Profile"], "name": programme["name"]},
        "validFrom": snapshot["issued_at"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": snapshot["learner"]["name"],
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": f"{base}/courses/{course['slug']}",
                "type": ["Achievement"],
                "name": course["title"],
                "description": description,
                "criteria": {"narrative": narrative},
                "version": str(course["version"]),
                "inLanguage": snapshot["language"],
            },
        },
        "credentialStatus": status_list.entry(
            status_list_url(base, programme["code"], status_list_number), status_index
        ),
    }


def _hours(hours: float) -> str:
    return str(int(hours)) if float(hours).is_integer() else str(hours)


def sign(document: dict, programme: str, base_url: str, created: str) -> dict:
    """Sign with the programme's current key."""
    key = keys.current_key(programme)
    method = verification_method(base_url, programme, key.multibase)
    return proofs.sign(document, key.private, method, created)


def issuer_profile(base_url: str, programme: Any, public_keys: list[keys.PublicKey]) -> dict:
    """The programme's issuer Profile, listing every key it ever signed with (current and retired)."""
    identifier = issuer_id(base_url, programme.code)
    methods = [
        {
            "id": verification_method(base_url, programme.code, key.multibase),
            "type": "Multikey",
            "controller": identifier,
            "publicKeyMultibase": key.multibase,
        }
        for key in public_keys
    ]
    profile = {
        "@context": [VC_V2, OB_V3, MULTIKEY_V1, CONTROLLER_TERMS],
        "id": identifier,
        "type": "Profile",
        "name": programme.name,
        "url": f"{base_url}/",
        "description": programme.describe("en") or programme.name,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
    if programme.logo:
        profile["image"] = {"id": f"{base_url}/static/{programme.logo}", "type": "Image"}
    return profile
