"""Courses, units and items edited in the draft; publishing through the package pipeline."""

from __future__ import annotations

from sqlalchemy import select

from lms.authoring.models import CourseDraft, CourseRevision
from lms.courses.models import Course, Item
from tests.authoring.conftest import COURSE
from tests.classes.html_tables import table_rows
from tests.conftest import count_queries


def _draft(db, slug):
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    db.session.expire_all()
    return db.session.scalar(select(CourseDraft).where(CourseDraft.course_id == course.id)).document


def test_an_admin_creates_a_course_unpublished(client, admin, db):
    response = client.post("/admin/authoring/new", data=COURSE)
    assert response.status_code == 302
    course = db.session.scalar(select(Course).where(Course.slug == "demo-authored"))
    assert course.published is False and course.source == "authored" and course.audience == ["student"]
    assert client.get("/admin/authoring/").status_code == 200
    assert "Cours rédigé" in client.get("/admin/authoring/demo-authored").text


def test_a_taken_or_malformed_slug_is_refused(client, admin):
    client.post("/admin/authoring/new", data=COURSE)
    assert client.post("/admin/authoring/new", data=COURSE).status_code == 200
    assert client.post("/admin/authoring/new", data={**COURSE, "slug": "../Etc"}).status_code == 200


def test_units_and_items_are_added_and_reordered(client, authored, db):
    client.post(f"/admin/authoring/{authored}/units", data={"unit-slug": "suite", "unit-title": "Suite"})
    client.post(
        f"/admin/authoring/{authored}/units/debut/items",
        data={"item-kind": "reflection", "item-slug": "penser", "item-title": "Penser"},
    )
    doc = _draft(db, authored)
    assert [u["slug"] for u in doc["units"]] == ["debut", "suite"]
    assert [i["slug"] for i in doc["units"][0]["items"]] == ["bienvenue", "penser"]
    client.post(f"/admin/authoring/{authored}/items/penser/move", data={"direction": "up"})
    client.post(f"/admin/authoring/{authored}/units/suite/move", data={"direction": "up"})
    doc = _draft(db, authored)
    assert [u["slug"] for u in doc["units"]] == ["suite", "debut"]
    assert [i["slug"] for i in doc["units"][1]["items"]] == ["penser", "bienvenue"]


def test_publish_syncs_the_draft_and_records_history(client, authored, db):
    client.post(f"/admin/authoring/{authored}/units/debut/move", data={"direction": "down"})
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 302, response.text
    course = db.session.scalar(select(Course).where(Course.slug == authored))
    assert course.published and course.version == 1
    item = db.session.scalar(select(Item).where(Item.slug == "bienvenue"))
    assert item.body == "Bonjour **tout le monde**."
    revision = db.session.scalar(select(CourseRevision))
    assert revision.version == 1 and revision.changes["added"] == ["bienvenue"]
    # One line: version 1, what was added by its slug (code, not the title "Bienvenue").
    [first] = _history(client, authored)
    assert first[0] == "1" and first[4].endswith(": bienvenue") and "Bienvenue" not in first[4]

    client.post(
        f"/admin/authoring/{authored}/items/bienvenue",
        data={"title": "Bienvenue", "weight": "1", "required": "y", "body": "Nouveau texte."},
    )
    client.post(f"/admin/authoring/{authored}/publish")
    db.session.expire_all()
    assert course.version == 2
    assert item.content_version == 2
    latest, first_again = _history(client, authored)
    assert (latest[0], first_again) == ("2", first)  # newest first; the first publish is unchanged
    assert latest[4].endswith(": bienvenue") and latest[4] != first[4]  # "changed", not "added"
    assert db.session.scalar(select(CourseRevision).where(CourseRevision.version == 2)).changes[
        "changed"
    ] == ["bienvenue"]


def _history(client, slug) -> list[list[str]]:
    """The rows of the history table as a reader sees them (version, action, by, when, what changed)."""
    page = client.get(f"/admin/authoring/{slug}/history").text
    return table_rows(
        page.replace('<table class="table">', '<table class="table" id="history">', 1), "history"
    )[1:]


def test_publish_refuses_an_invalid_draft(client, authored, db):
    client.post(f"/admin/authoring/{authored}/units", data={"unit-slug": "vide", "unit-title": "Vide"})
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 422
    assert "at least one item" in response.text
    assert db.session.scalar(select(Course.version).where(Course.slug == authored)) == 0


def _count_queries(db, action) -> int:
    with count_queries() as statements:
        action()
    return len(statements)


def test_the_course_list_costs_the_same_queries_for_more_courses(client, admin, db, runner):
    client.post("/admin/authoring/new", data=COURSE)
    few = _count_queries(db, lambda: client.get("/admin/authoring/"))
    for slug in ("sic-python-fundamentals", "sic-ai-foundations", "digischool-emerging-tech-for-teachers"):
        runner.invoke(args=["courses", "sync", slug])
    client.post("/admin/authoring/new", data={**COURSE, "slug": "autre", "programme": "digischool"})
    many = _count_queries(db, lambda: client.get("/admin/authoring/"))
    assert many == few


def test_the_outline_has_unique_ids_and_a_label_for_every_field(client, authored):
    import re
    from collections import Counter

    client.post(f"/admin/authoring/{authored}/units", data={"unit-slug": "suite", "unit-title": "Suite"})
    page = client.get(f"/admin/authoring/{authored}").text
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', page):
        if 'type="hidden"' not in page.split(f'id="{field_id}"')[0].rsplit("<", 1)[-1]:
            assert f'for="{field_id}"' in page, field_id
