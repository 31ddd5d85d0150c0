"""Finding 3 of the security review (issue 16) / issue 19 item 6: pupils are minors.

A teacher reaches, by id, email, username or Massar code, only the pupils of their own school (or
pupils who joined with the class code); every answer to a refused addition is the same, whatever
exists elsewhere; every addition and removal is audited; the checks are rate-limited.
"""

from __future__ import annotations

import io
import re

from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.classes.models import ClassMember, SchoolClass
from lms.extensions import db
from lms.users.models import Role, User
from lms.users.operations import create_user
from tests.security.conftest import sign_in_as

EN = {"Accept-Language": "en"}


def _members(class_id: int) -> set[int]:
    return set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == class_id)))


def _outsiders(world) -> dict[str, str]:
    """Identifiers of accounts the teacher must not reach: another school's pupils, a teacher, nobody."""
    other = db.session.get(User, world.users["other_student"])
    other.massar_code = "K200000001"
    no_school = create_user(
        email="no.school@world.ma", display_name="Sans école", password="correct horse battery"
    )
    elsewhere = create_user(
        email="ali.b.1234",  # a pupil of the other school who signs in with a username
        display_name="Ali B",
        password="correct horse battery",
        school_id=other.school_id,
    )
    db.session.get(User, world.users["teacher"]).language = "en"  # the pages below, in English
    db.session.commit()
    return {
        "other school's pupil by email": other.email,
        "other school's pupil by Massar code": "k200000001",
        "other school's pupil by username": elsewhere.email,
        "pupil without a school": no_school.email,
        "a teacher": world.emails["other_teacher"],
        "an admin": world.emails["admin"],
        "nobody": "nobody@world.ma",
    }


def _flash(page: str) -> str:
    return re.search(r'<p class="flash flash-error">([^<]*)</p>', page).group(1)


def test_a_teacher_cannot_add_another_schools_pupil_and_cannot_tell_who_exists(world_app, world):
    outsiders = _outsiders(world)
    client = world_app.test_client()
    sign_in_as(client, world, "teacher")
    class_id = world.values["class_id"]
    before = _members(class_id)
    answers = {}
    for label, identifier in outsiders.items():
        response = client.post(f"/classes/{class_id}/members", data={"identifier": identifier}, headers=EN)
        assert response.status_code == 302, label
        answers[label] = _flash(client.get(f"/classes/{class_id}/members", headers=EN).get_data(as_text=True))
    assert len(set(answers.values())) == 1, answers  # one answer: nothing says who exists, or their role
    assert "No pupil of this class" in answers["nobody"]
    assert _members(class_id) == before


def test_the_roster_import_cannot_reach_another_schools_pupil_either(world_app, world):
    outsiders = _outsiders(world)
    client = world_app.test_client()
    sign_in_as(client, world, "teacher")
    class_id = world.values["class_id"]
    before = _members(class_id)
    by_email = outsiders["other school's pupil by email"]
    text = (
        "Nom complet,Email,Massar\n"
        f"A,{by_email},\n"
        "B,,K200000001\n"
        f"C,{outsiders['a teacher']},\n"
        f"D,{outsiders['pupil without a school']},\n"
    )
    response = client.post(
        f"/classes/{class_id}/import",
        data={"file": (io.BytesIO(text.encode()), "r.csv")},
        content_type="multipart/form-data",
        headers=EN,
    )
    page = response.get_data(as_text=True)
    reasons = re.findall(
        r'<tr><th scope="row" class="num">(\d)</th><td><bdi>[^<]+</bdi></td><td>([^<]+)</td>', page
    )
    assert [line for line, _ in reasons] == ["2", "3", "4", "5"]
    assert len({reason for _, reason in reasons}) == 1  # the same words for a pupil, a teacher, no school
    assert "join with the class code" in reasons[0][1]
    # "Import the valid lines" has none: nobody joins, no account changes hands.
    response = client.post(
        f"/classes/{class_id}/import", data={"content": text, "confirm": "valid"}, headers=EN
    )
    assert _members(class_id) == before
    assert (
        db.session.get(User, world.users["other_student"]).school_id
        != db.session.get(User, world.users["teacher"]).school_id
    )


def test_a_teacher_cannot_read_another_schools_pupil_by_id(world_app, world):
    client = world_app.test_client()
    sign_in_as(client, world, "teacher")
    v = world.values
    other = db.session.get(User, world.users["other_student"])
    for url in (
        f"/classes/{v['class_id']}/learners/{v['other_student_id']}",
        f"/classes/{v['other_class_id']}",
        f"/classes/{v['other_class_id']}/members",
        f"/classes/{v['other_class_id']}/learners/{v['other_student_id']}",
        f"/classes/{v['other_class_id']}/progress.csv",
        f"/classes/{v['other_class_id']}/import",
        f"/classes/{v['other_class_id']}/import/template.csv",
        f"/courses/{v['course']}/items/{v['item']}/attempts/{v['other_attempt_id']}",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
    for url in (f"/classes/{v['class_id']}", f"/classes/{v['class_id']}/members"):
        page = client.get(url).get_data(as_text=True)
        assert other.email not in page and other.display_name not in page
    with client.get(f"/classes/{v['class_id']}/progress.csv?course={v['course']}") as export:
        data = export.get_data(as_text=True)
    assert export.status_code == 200 and other.email not in data and other.display_name not in data
    response = client.post(f"/classes/{v['class_id']}/members/{v['other_student_id']}/remove")
    assert response.status_code == 404


def test_every_addition_and_removal_is_audited(world_app, world):
    client = world_app.test_client()
    sign_in_as(client, world, "teacher")
    class_id = world.values["class_id"]
    teacher_id = world.users["teacher"]
    spare = db.session.get(User, world.users["spare"])  # a pupil of the teacher's school
    client.post(f"/classes/{class_id}/members", data={"identifier": spare.email})
    client.post(f"/classes/{class_id}/members/{spare.id}/remove")
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.subject_user_id == spare.id).order_by(AuditEntry.id)
    ).all()
    assert [(e.action, e.actor_id, e.target) for e in entries] == [
        ("class.member_added", teacher_id, f"class:{class_id}"),
        ("class.member_removed", teacher_id, f"class:{class_id}"),
    ]
    # A pupil who joins with the code is recorded as their own actor.
    pupil = create_user(
        email="joiner@world.ma", display_name="Joiner", password="correct horse battery", role=Role.STUDENT
    )
    db.session.commit()
    join_code = db.session.get(SchoolClass, class_id).join_code
    joiner = world_app.test_client()
    with joiner.session_transaction() as session:
        session["_user_id"] = pupil.get_id()
        session["_fresh"] = True
    joiner.post("/classes/join", data={"code": join_code})
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.subject_user_id == pupil.id))
    assert (entry.action, entry.actor_id, entry.details["source"]) == ("class.member_added", pupil.id, "code")


def test_the_dry_run_and_additions_are_rate_limited_per_teacher(make_world_app, world):
    app = make_world_app(RATELIMIT_ENABLED=True, ROSTER_RATE_LIMIT="3 per hour")
    with app.app_context():
        client = app.test_client()
        sign_in_as(client, world, "teacher")
        class_id = world.values["class_id"]
        statuses = [
            client.post(f"/classes/{class_id}/import", data={"content": "Nom complet\nAmina\n"}).status_code
            for _ in range(4)
        ]
        assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
        added = client.post(f"/classes/{class_id}/members", data={"identifier": "x@world.ma"})
        assert added.status_code in (302, 429)
        # The page itself (GET) stays reachable, and counters are per teacher.
        assert client.get(f"/classes/{class_id}/import").status_code == 200
        db.session.remove()
