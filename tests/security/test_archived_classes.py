"""An archived class is read-only for its pupils too: its code no longer lets anyone in.

Teachers cannot add anyone to an archived class (403), but a pupil holding its code still joined it
and was enrolled in its courses, into a class its teacher no longer watches. Security review (h2).
"""

from __future__ import annotations

from sqlalchemy import select

from lms.classes.models import ClassMember, SchoolClass
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.users.models import Role
from lms.users.operations import create_user


def _newcomer_client(app):
    """A pupil with no class yet, signed in (English pages)."""
    newcomer = create_user(
        email="newcomer@world.ma",
        display_name="Newcomer",
        password="correct horse battery",
        role=Role.STUDENT,
        language="en",
    )
    db.session.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = newcomer.get_id()
        session["_fresh"] = True
    return client, newcomer


def test_the_code_of_an_archived_class_lets_nobody_in(world_app, world):
    klass = db.session.get(SchoolClass, world.values["class_id"])
    klass.archived_at = utcnow()
    client, newcomer = _newcomer_client(world_app)
    response = client.post("/classes/join", data={"code": klass.join_code})
    assert response.status_code == 200
    assert "This class is archived" in response.get_data(as_text=True)
    joined = db.session.scalar(
        select(ClassMember).where(ClassMember.class_id == klass.id, ClassMember.user_id == newcomer.id)
    )
    assert joined is None


def test_a_live_classs_code_still_works(world_app, world):
    klass = db.session.get(SchoolClass, world.values["class_id"])
    client, _newcomer = _newcomer_client(world_app)
    assert client.post("/classes/join", data={"code": klass.join_code}).status_code == 302
