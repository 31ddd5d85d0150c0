"""A download of personal data happens when someone asks for it, not because a page embeds its address.

Announcements (and lessons) are Markdown, and Markdown may show an image: ``![logo](/account/data.zip)``
in a teacher's announcement made every pupil's browser fetch their own data archive each time the
dashboard was shown. Each fetch was recorded in the audit log as "personal data downloaded" by the
pupil, and used up their export allowance, so their own download was refused; the same trick in a class
page made a co-teacher's browser "export" the gradebook. Browsers say what a request is for
(``Sec-Fetch-Dest``): an export now answers only a page or a script's fetch, never an image, a style or
a frame. Security review (h2).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lms.audit.models import AuditEntry
from lms.extensions import db
from tests.security.conftest import sign_in_as


def _exports() -> int:
    return db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "data.exported")
    )


@pytest.mark.parametrize("destination", ["image", "style", "script", "iframe", "object", "font"])
@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("student", "/account/data.zip"),
        ("student", "/account/data.json"),
        ("teacher", "/gradebook/classes/{class_id}/gradebook.csv"),
        ("teacher", "/classes/{class_id}/progress.csv"),
        ("admin", "/admin/people/export.csv"),
    ],
)
def test_an_export_embedded_in_a_page_is_refused_and_not_recorded(
    world_app, world, persona, url, destination
):
    client = world_app.test_client()
    sign_in_as(client, world, persona)
    response = client.get(world.url(url), headers={"Sec-Fetch-Dest": destination})
    response.close()
    assert response.status_code == 403
    assert _exports() == 0


@pytest.mark.parametrize("destination", [None, "document", "empty"])
def test_an_export_asked_for_is_still_downloaded_and_recorded(world_app, world, destination):
    client = world_app.test_client()
    sign_in_as(client, world, "student")
    headers = {"Sec-Fetch-Dest": destination} if destination else {}
    response = client.get("/account/data.zip", headers=headers)
    response.close()
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert _exports() == 1


def test_a_course_image_is_still_served_to_an_img(world_app, world):
    client = world_app.test_client()
    sign_in_as(client, world, "student")
    response = client.get(world.url("/courses/{course}/assets/{asset}"), headers={"Sec-Fetch-Dest": "image"})
    response.close()
    assert response.status_code == 200
