"""Finding 6 of issue 16: a teacher could create classes (and join codes) without end."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from lms.classes.models import SchoolClass
from lms.extensions import db

EN = {"Accept-Language": "en"}


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(SchoolClass))


def test_a_teacher_may_create_up_to_the_cap_per_school_year(app, client, auth, teacher, school):
    app.config["CLASSES_PER_TEACHER"] = 2
    auth.login(teacher)
    page = client.get("/classes/new", headers=EN).get_data(as_text=True)
    years = re.findall(r'<option (?:selected )?value="(\d{4}-\d{4})"', page)
    for n in range(2):
        data = {"name": f"Classe {n}", "school_id": school.id, "school_year": years[0]}
        assert client.post("/classes/new", data=data).status_code == 302
    refused = client.post(
        "/classes/new",
        data={"name": "One too many", "school_id": school.id, "school_year": years[0]},
        headers=EN,
    )
    assert refused.status_code == 409
    assert "You already have 2 classes for" in refused.get_data(as_text=True)
    assert _count() == 2
    if len(years) > 1:  # another school year has its own allowance
        data = {"name": "Next year", "school_id": school.id, "school_year": years[1]}
        assert client.post("/classes/new", data=data).status_code == 302
