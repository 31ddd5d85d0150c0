"""What a certificate says, frozen at issue time from the live rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lms import languages
from lms.certificates.settings import programme_settings, public_base_url
from lms.courses.models import Course
from lms.geo.models import Province, Region, School
from lms.users.models import User

#: Bumped when the snapshot's shape changes; templates read old shapes too.
SNAPSHOT_VERSION = 1


def _place(place: School | Province | Region | None) -> dict[str, str] | None:
    if place is None:
        return None
    return {"code": place.code, "fr": place.name_fr, "ar": place.name_ar or place.name_fr}


def iso(at: datetime) -> str:
    """XSD dateTimeStamp in UTC, to the second (``2026-11-24T10:00:00Z``), as credentials want it."""
    return at.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def take(user: User, course: Course, at: datetime, language: str | None = None) -> dict[str, Any]:
    """Copy everything the certificate will say; nothing is read from live rows afterwards."""
    programme = course.programme
    settings = programme_settings(programme.code)
    language = language or languages.supported(user.language)
    school = user.school
    province = school.province if school else None
    region = province.region if province else user.region
    return {
        "version": SNAPSHOT_VERSION,
        "issued_at": iso(at),
        "language": language,
        "base_url": public_base_url(),
        "template": settings["template"],
        "learner": {"name": user.display_name, "role": user.role.value},
        "course": {
            "slug": course.slug,
            "title": course.title_in(language),
            "original_title": course.title,
            "version": course.version,
            "hours": course.hours,
        },
        "programme": {
            "code": programme.code,
            "name": programme.name,
            "partner": programme.partner,
            "logo": programme.logo,
            "colour": settings["colour"],
            "accent": settings["accent"],
        },
        "school": _place(school),
        "province": _place(province),
        "region": _place(region),
        "signatory": {
            "name": settings["signatory"]["name"],
            "title": dict(settings["signatory"]["title"]),
        },
    }
