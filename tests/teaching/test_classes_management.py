"""Class management: rename, archive (read-only), a new school year, co-teachers, who needs help; unpublishing."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select, update

from lms.audit.models import AuditEntry
from lms.authoring.publishing import unpublish
from lms.classes.models import ClassCourse, ClassMember, SchoolClass
from lms.dbtypes import utcnow
from lms.extensions import db
from lms.learning.models import Enrolment
from lms.teaching.models import CoTeacher
from lms.users.models import Role
from tests.teaching.conftest import EN, WRONG, submit


def test_rename_and_archive(client, auth, teacher, klass, pupils):
    auth.login(teacher)
    assert (
        client.post(f"/teaching/classes/{klass.id}/rename", data={"name": "TC 3 sciences"}).status_code == 302
    )
    db.session.refresh(klass)
    assert klass.name == "TC 3 sciences"
    assert client.post(f"/teaching/classes/{klass.id}/rename", data={"name": " "}).status_code == 400
    client.post(f"/teaching/classes/{klass.id}/archive")
    db.session.refresh(klass)
    assert klass.archived
    # Read-only: pages still open, every write is refused, the classes area's too.
    assert client.get(f"/classes/{klass.id}").status_code == 200
    assert "This class is archived" in client.get(f"/gradebook/classes/{klass.id}", headers=EN).get_data(
        as_text=True
    )
    for url in (
        f"/teaching/classes/{klass.id}/rename",
        f"/classes/{klass.id}/code",
        f"/classes/{klass.id}/members",
        f"/assignments/classes/{klass.id}",
        f"/notifications/classes/{klass.id}/announcements",
    ):
        assert client.post(url, data={"name": "x", "body": "x", "identifier": "x"}).status_code == 403, url
    # Kept in the teacher's list, and open again on request.
    assert "TC 3 sciences" in client.get("/classes/").get_data(as_text=True)
    client.post(f"/teaching/classes/{klass.id}/unarchive")
    db.session.refresh(klass)
    assert not klass.archived


def test_a_new_school_year_copies_courses_and_teachers_not_pupils(
    client, auth, teacher, other_teacher, klass, pupils, assigned
):
    db.session.add(CoTeacher(class_id=klass.id, user_id=other_teacher.id))
    db.session.commit()
    auth.login(teacher)
    response = client.post(
        f"/teaching/classes/{klass.id}/copy", data={"name": "1re année Bac", "school_year": "2027-2028"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-500:]
    copy = db.session.scalar(select(SchoolClass).where(SchoolClass.name == "1re année Bac"))
    assert copy.school_year == "2027-2028" and copy.join_code != klass.join_code
    assert (
        db.session.scalar(select(ClassCourse.course_id).where(ClassCourse.class_id == copy.id)) == assigned.id
    )
    assert db.session.scalar(select(ClassMember).where(ClassMember.class_id == copy.id)) is None
    assert (
        db.session.scalar(select(CoTeacher.user_id).where(CoTeacher.class_id == copy.id)) == other_teacher.id
    )
    assert (
        client.post(
            f"/teaching/classes/{klass.id}/copy", data={"name": "x", "school_year": "1999-2000"}
        ).status_code
        == 400
    )


def test_every_field_of_the_settings_page_has_its_own_id_and_label(client, auth, teacher, klass):
    # The rename and copy forms both had id="name": the copy's label named the rename field.
    auth.login(teacher)
    page = client.get(f"/teaching/classes/{klass.id}/settings", headers=EN).get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    assert '<label for="copy-name">' in page and 'id="copy-name" maxlength="120" name="name"' in page
    response = client.post(
        f"/teaching/classes/{klass.id}/copy", data={"name": "", "school_year": "2027-2028"}, headers=EN
    )
    assert response.status_code == 400
    assert '<p class="error" id="copy-name-error">Please name the class.</p>' in response.get_data(
        as_text=True
    )


def test_co_teachers_share_the_class(
    client, auth, teacher, other_teacher, klass, pupils, make_user, make_school
):
    auth.login(teacher)
    far = make_user(Role.TEACHER, school_id=make_school("MA-01").id)
    response = client.post(f"/teaching/classes/{klass.id}/co-teachers", data={"email": far.email}, headers=EN)
    assert response.status_code == 400
    assert "No teacher of this region has this email address." in response.get_data(as_text=True)
    response = client.post(
        f"/teaching/classes/{klass.id}/co-teachers", data={"email": pupils[0].email}, headers=EN
    )
    assert response.status_code == 400  # a pupil is not a teacher: the same message, nothing more
    assert (
        client.post(
            f"/teaching/classes/{klass.id}/co-teachers", data={"email": other_teacher.email.upper()}
        ).status_code
        == 302
    )
    auth.logout()
    auth.login(other_teacher)
    assert "Tronc commun 3" in client.get("/classes/").get_data(as_text=True)
    assert client.get(f"/classes/{klass.id}").status_code == 200
    assert client.post(f"/teaching/classes/{klass.id}/rename", data={"name": "Renommée"}).status_code == 302
    # A co-teacher may leave; then the class is closed to them.
    assert (
        client.post(f"/teaching/classes/{klass.id}/co-teachers/{other_teacher.id}/remove").status_code == 302
    )
    assert client.get(f"/classes/{klass.id}").status_code == 404
    assert client.get(f"/teaching/classes/{klass.id}/settings").status_code == 404


def test_settings_are_refused_to_others(client, auth, other_teacher, klass, pupils):
    auth.login(other_teacher)
    for method, url in (
        ("GET", f"/teaching/classes/{klass.id}/settings"),
        ("POST", f"/teaching/classes/{klass.id}/archive"),
        ("POST", f"/teaching/classes/{klass.id}/copy"),
        ("POST", f"/teaching/classes/{klass.id}/co-teachers"),
    ):
        assert client.open(url, method=method).status_code == 404, url
    auth.logout()
    auth.login(pupils[0])
    assert client.get(f"/teaching/classes/{klass.id}/settings").status_code == 403
    assert client.get("/teaching/help").status_code == 403


def test_who_needs_help_across_classes(client, auth, teacher, klass, pupils, assigned):
    submit(pupils[1], assigned, "quiz-bases", WRONG)
    weeks_ago = utcnow() - timedelta(days=20)
    db.session.execute(update(ClassMember).values(joined_at=weeks_ago))
    db.session.execute(update(Enrolment).values(created_at=weeks_ago, last_activity_at=None))
    db.session.commit()
    auth.login(teacher)
    page = client.get("/teaching/help", headers=EN).get_data(as_text=True)
    assert "Tronc commun 3" in page and "Amina Benali" in page
    assert "No activity for" in page


def test_unpublishing_hides_the_continue_link_and_is_audited(
    client, auth, teacher, klass, pupils, assigned, make_user
):
    admin = make_user(Role.ADMIN)
    auth.login(pupils[0])
    assert f"/courses/{assigned.slug}/continue" in client.get("/dashboard/learner").get_data(as_text=True)
    unpublish(assigned, admin)
    db.session.commit()
    page = client.get("/dashboard/learner").get_data(as_text=True)
    assert f"/courses/{assigned.slug}" not in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "course.unpublished"))
    assert entry.actor_id == admin.id and entry.target == f"course:{assigned.slug}"
