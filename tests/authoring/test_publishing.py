"""Versioning and archive-not-delete: a publish is a package re-sync, with its rules for learners."""

from __future__ import annotations

from sqlalchemy import select

from lms.audit.models import AuditEntry
from lms.authoring.models import CourseRevision
from lms.courses.models import Course, Item
from lms.learning import operations
from lms.learning.models import ItemProgress, UnitProgress
from lms.users.models import Role


def _lesson(client, slug, item_slug, body):
    client.post(
        f"/admin/authoring/{slug}/units/debut/items",
        data={"item-kind": "lesson", "item-slug": item_slug, "item-title": item_slug.title()},
    )
    client.post(
        f"/admin/authoring/{slug}/items/{item_slug}",
        data={"title": item_slug.title(), "weight": "1", "required": "y", "body": body},
    )


def _course(db, slug):
    db.session.expire_all()
    return db.session.scalar(select(Course).where(Course.slug == slug))


def test_each_publish_bumps_the_version_and_keeps_who_when_what(client, authored, db, admin):
    client.post(f"/admin/authoring/{authored}/publish")
    _lesson(client, authored, "suite", "Encore.")
    client.post(
        f"/admin/authoring/{authored}/items/bienvenue",
        data={"title": "Bienvenue", "weight": "1", "required": "y", "body": "Changé."},
    )
    client.post(f"/admin/authoring/{authored}/publish")
    assert _course(db, authored).version == 2
    revisions = db.session.scalars(select(CourseRevision).order_by(CourseRevision.id)).all()
    assert [(r.version, r.actor_id) for r in revisions] == [(1, admin.id), (2, admin.id)]
    assert revisions[1].changes["added"] == ["suite"] and revisions[1].changes["changed"] == ["bienvenue"]
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "course.published")).all()
    assert [e.details["version"] for e in entries] == [1, 2]
    assert entries[0].target == "course:demo-authored"


def test_publishing_nothing_new_still_needs_a_valid_draft_and_unpublish_hides(client, authored, db):
    client.post(f"/admin/authoring/{authored}/publish")
    client.post(f"/admin/authoring/{authored}/unpublish")
    course = _course(db, authored)
    assert course.published is False and course.version == 1
    assert (
        db.session.scalar(select(CourseRevision.action).order_by(CourseRevision.id.desc())) == "unpublished"
    )


def test_an_item_learners_worked_on_is_archived_after_confirmation(client, authored, db, make_user):
    _lesson(client, authored, "suite", "Encore.")
    client.post(f"/admin/authoring/{authored}/publish")
    course = _course(db, authored)
    student = make_user(Role.STUDENT)
    operations.enrol(student, course)
    item = db.session.scalar(select(Item).where(Item.slug == "bienvenue"))
    operations.mark_lesson_done(student, item)
    db.session.commit()

    page = client.get(f"/admin/authoring/{authored}/items/bienvenue/remove").text
    assert "1 learner has worked on this" in page and "archived" in page
    untouched = client.get(f"/admin/authoring/{authored}/items/suite/remove").text
    assert "Nobody has worked on this yet" in untouched
    client.post(f"/admin/authoring/{authored}/items/bienvenue/remove")
    _lesson(client, authored, "autre", "Autre.")
    client.post(f"/admin/authoring/{authored}/items/suite/remove")
    assert client.post(f"/admin/authoring/{authored}/publish").status_code == 302

    db.session.expire_all()
    archived = db.session.scalar(select(Item).where(Item.slug == "bienvenue"))
    assert archived is not None and archived.archived_at is not None
    assert db.session.scalar(select(ItemProgress).where(ItemProgress.item_id == archived.id)) is not None
    assert db.session.scalar(select(Item).where(Item.slug == "suite")) is None  # nobody touched it: deleted
    revision = db.session.scalar(select(CourseRevision).order_by(CourseRevision.id.desc()))
    assert sorted(revision.changes["archived"]) == ["bienvenue", "suite"]


def test_learners_mid_course_follow_the_resync_rule(client, authored, db, make_user):
    client.post(f"/admin/authoring/{authored}/publish")
    course = _course(db, authored)
    student = make_user(Role.STUDENT)
    operations.enrol(student, course)
    item = db.session.scalar(select(Item).where(Item.slug == "bienvenue"))
    operations.mark_lesson_done(student, item)
    db.session.commit()
    completed = db.session.scalar(select(UnitProgress.completed_at))
    assert completed is not None

    _lesson(client, authored, "nouveau", "Ajouté après.")
    client.post(f"/admin/authoring/{authored}/publish")
    db.session.expire_all()
    assert db.session.scalar(select(UnitProgress.completed_at)) == completed  # never cleared
    added = db.session.scalar(select(Item).where(Item.slug == "nouveau"))
    assert added.content_version == 2 and item.content_version == 1
    outline = client.get(f"/courses/{authored}")
    assert outline.status_code == 200


def test_an_authored_course_with_an_image_exports_and_resyncs(client, authored, db, app, runner, tmp_path):
    import io

    from PIL import Image

    from tests.authoring.roundtrip import dump_course

    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    client.post(
        f"/admin/authoring/{authored}/assets",
        data={"image": (io.BytesIO(png.getvalue()), "plan.png")},
        content_type="multipart/form-data",
    )
    client.post(
        f"/admin/authoring/{authored}/items/bienvenue",
        data={"title": "Bienvenue", "weight": "1", "required": "y", "body": "![Plan](assets/plan.png)"},
    )
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 302, response.text
    before = dump_course(authored)
    assert before["course"]["assets"] == ["assets/plan.png"]
    result = runner.invoke(args=["courses", "export", authored, str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / authored / "assets" / "plan.png").is_file()
    result = runner.invoke(
        args=["courses", "validate", authored, "--dir", str(tmp_path / "out"), "--no-sandbox"]
    )
    assert result.exit_code == 0, result.output


def test_learners_get_an_uploaded_image_through_the_player(client, authored, db, auth, make_user):
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    client.post(
        f"/admin/authoring/{authored}/assets",
        data={"image": (io.BytesIO(png.getvalue()), "plan.png")},
        content_type="multipart/form-data",
    )
    client.post(f"/admin/authoring/{authored}/publish")
    student = make_user(Role.STUDENT)
    operations.enrol(student, _course(db, authored))
    db.session.commit()
    auth.logout()
    auth.login(student)
    response = client.get(f"/courses/{authored}/assets/plan.png")
    assert response.status_code == 200 and response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()
    assert client.get(f"/courses/{authored}/assets/other.png").status_code == 404


def test_publishing_twice_without_changes_is_refused(client, authored, db):
    client.post(f"/admin/authoring/{authored}/publish")
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 422 and "Nothing changed since version 1" in response.text
    assert _course(db, authored).version == 1
    client.post(f"/admin/authoring/{authored}/unpublish")
    assert client.post(f"/admin/authoring/{authored}/publish").status_code == 302
    course = _course(db, authored)
    assert course.published and course.version == 2
