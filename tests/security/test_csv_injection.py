"""Every CSV the platform hands out keeps a planted formula as text (cells starting = + - @)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from sqlalchemy import select

from lms.audit.operations import Action, record
from lms.certificates import operations as certificates
from lms.extensions import db
from lms.geo.models import Province
from lms.users.models import User
from tests.security.conftest import sign_in_as

FORMULA = '=HYPERLINK("http://evil.example","x")'
PLACE = "@SUM(1+1)"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: (what, URL, who downloads it, the CSV inside a ZIP if any, the planted value expected in it)
EXPORTS = [
    ("class progress", "/classes/{class_id}/progress.csv", "teacher", None, FORMULA),
    ("report by place", "/reports/places.csv?programme=sic&region=MA-06", "admin", None, PLACE),
    ("report by week", "/reports/weeks.csv?programme=sic", "admin", None, None),
    ("certificates index", "/admin/certificates/export.zip", "admin", "certificates.csv", FORMULA),
    ("audit log", "/admin/audit/export.csv", "admin", None, "-1+1"),
    ("own data: profile", "/account/data.zip", "student", "profile.csv", FORMULA),
    ("own data: classes", "/account/data.zip", "student", "classes.csv", None),
]


@pytest.fixture
def planted(world_app, world):
    """A pupil, a province, a certificate snapshot and an audit entry carrying formulas."""
    student = db.session.get(User, world.users["student"])
    student.display_name = FORMULA
    for province in db.session.scalars(select(Province).where(Province.code.like("P-W-%"))):
        province.name_fr = province.name_ar = PLACE
    certificate = certificates.find(world.values["code"])
    snapshot = dict(certificate.snapshot)
    snapshot["learner"] = {**snapshot["learner"], "name": FORMULA}
    certificate.snapshot = snapshot
    record(Action.DATA_EXPORTED, target="-1+1", details={"export": FORMULA})
    db.session.commit()
    return world


@pytest.mark.parametrize(
    ("what", "url", "persona", "inner", "expected"), EXPORTS, ids=[e[0] for e in EXPORTS]
)
def test_formulas_stay_text_in_every_export(world_app, planted, what, url, persona, inner, expected):
    client = world_app.test_client()
    sign_in_as(client, planted, persona)
    response = client.get(planted.url(url))
    assert response.status_code == 200, what
    body = response.data
    response.close()
    if inner is not None:
        body = zipfile.ZipFile(io.BytesIO(body)).read(inner)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows, what
    cells = [cell for row in rows for cell in row]
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]
    assert dangerous == [], what
    if expected is not None:
        assert any(expected in cell for cell in cells), f"{what}: the planted value should reach the file"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
