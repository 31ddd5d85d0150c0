"""A grade that is not a finite number is refused with the form's message, never a 500.

``score=sNaN`` (a signalling NaN, which ``Decimal`` accepts) made WTForms' range check raise while
validating the override form: the teacher's request answered 500 with a traceback. Security review (h2).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lms.extensions import db
from lms.gradebook.models import GradeOverride
from tests.security.conftest import sign_in_as


@pytest.mark.parametrize("score", ["sNaN", "-sNaN", "NaN", "Infinity", "-inf"])
def test_an_override_that_is_not_a_number_is_refused(world_app, world, score):
    client = world_app.test_client()
    sign_in_as(client, world, "teacher")
    response = client.post(
        world.url("/gradebook/classes/{class_id}/attempts/{attempt_id}/override"),
        data={"score": score, "reason": "test"},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(GradeOverride)) is None
