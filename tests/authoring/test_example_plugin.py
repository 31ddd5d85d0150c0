"""The example plugin (plugins/maharat-example-type), installed as its own distribution, end to end over HTTP.

An admin authors a "true or false" item in the browser editor, publishes; a pupil of a class answers
wrong then right; the grade shows in the pupil's progress and on the teacher's class pages. With the
plugin uninstalled, the item shows as unavailable, never as an error.
"""

from __future__ import annotations

import importlib.metadata

import pytest
from sqlalchemy import select

from lms.classes import operations as classes
from lms.courses.models import Course, Item
from lms.exercises import ENTRY_POINT_GROUP, builtin_registry
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.learning.models import Attempt, ItemProgress
from lms.programmes.models import Programme
from lms.users.models import Role

BASE = "/admin/authoring/demo-authored"
STATEMENT = "En Python, `3 / 2` vaut `1.5`."
EXPLANATION = "`/` est la division décimale."
EN = {"Accept-Language": "en"}


@pytest.fixture
def true_false(app):
    """The installed type; `make install` installs the plugin, so its absence is a failure."""
    exercise_type = app.extensions["exercise_types"].get("true-false")
    assert exercise_type is not None, "pip install -e ./plugins/maharat-example-type (make install does)"
    return exercise_type


@pytest.fixture
def published(client, authored, true_false):
    """The authored course with a true-or-false item, edited in the browser and published."""
    page = client.get(f"{BASE}").text
    assert '<option value="true-false">True or false</option>' in page
    client.post(
        f"{BASE}/units/debut/items",
        data={"item-kind": "true-false", "item-slug": "vrai-faux", "item-title": "Vrai ou faux"},
    )
    editor = client.get(f"{BASE}/items/vrai-faux")
    assert editor.status_code == 200 and 'name="statement"' in editor.text
    saved = client.post(
        f"{BASE}/items/vrai-faux",
        data={
            "title": "Vrai ou faux",
            "weight": "1",
            "required": "y",
            "statement": STATEMENT,
            "answer": "y",
            "explanation": EXPLANATION,
        },
    )
    assert saved.status_code == 302
    assert client.post(f"{BASE}/publish").status_code == 302
    course = db.session.scalar(select(Course).where(Course.slug == "demo-authored"))
    assert course.published and course.requires == {"true-false": 1}
    return course


@pytest.fixture
def pupil_and_teacher(published, make_user):
    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    province = Province(code="PROV-TF", name_fr="Province", region=region)
    school = School(code="SCH-TF", name_fr="Lycée", name_ar="ثانوية", province=province)
    db.session.add(school)
    sic = db.session.scalar(select(Programme.id).where(Programme.code == "sic"))
    teacher = make_user(Role.TEACHER, school_id=school.id, programme_id=sic, language="en")
    pupil = make_user(Role.STUDENT, display_name="Salma Pupil", language="en")
    klass = classes.create_class(teacher, "Tronc commun", school, "2026-2027")
    classes.assign_course(klass, published)
    classes.add_member(klass, pupil, "code")
    db.session.commit()
    return pupil, teacher, klass


def test_the_editor_previews_the_draft_as_a_learner_and_grades_without_recording(client, published):
    preview = client.get(f"{BASE}/items/vrai-faux/learner-preview").text
    assert "3 / 2" in preview and EXPLANATION not in preview
    graded = client.post(f"{BASE}/items/vrai-faux/learner-preview", data={"answer": "true"}).text
    assert "Correct" in graded and "division décimale" in graded
    assert db.session.scalar(select(Attempt.id)) is None


def test_a_pupil_answers_wrong_then_right_and_teachers_see_the_grade(client, auth, pupil_and_teacher):
    pupil, teacher, klass = pupil_and_teacher
    auth.logout()
    auth.login(pupil)
    url = "/courses/demo-authored/items/vrai-faux"
    page = client.get(url, headers=EN).text
    assert "3 / 2" in page and 'name="answer"' in page
    assert "division décimale" not in page  # secrecy: the explanation only after an attempt
    assert "/exercise-types/true-false/true-false.css" in page

    wrong = client.post(f"{url}/submit", data={"answer": "false"}, headers=EN, follow_redirects=True)
    assert "Incorrect" in wrong.text and "division décimale" in wrong.text
    right = client.post(f"{url}/submit", data={"answer": "true"}, headers=EN, follow_redirects=True)
    assert "Well done, you passed!" in right.text
    attempts = db.session.scalars(select(Attempt).order_by(Attempt.number)).all()
    assert [(a.submission, a.score, a.passed) for a in attempts] == [
        ({"answer": False}, 0.0, False),
        ({"answer": True}, 1.0, True),
    ]
    item = db.session.scalar(select(Item).where(Item.slug == "vrai-faux"))
    row = db.session.scalar(select(ItemProgress).where(ItemProgress.item_id == item.id))
    assert (row.status.value, row.best_score) == ("completed", 1.0)
    outline = client.get("/courses/demo-authored", headers=EN).text
    assert "True or false" in outline

    auth.logout()
    auth.login(teacher)
    dashboard = client.get(f"/classes/{klass.id}", headers=EN).text
    assert "Salma Pupil" in dashboard
    learner = client.get(f"/classes/{klass.id}/learners/{pupil.id}", headers=EN).text
    assert "best score 100%" in learner and "True or false" in learner


def test_uninstalled_its_items_show_as_unavailable_and_nothing_is_lost(client, auth, app, pupil_and_teacher):
    pupil, _teacher, _klass = pupil_and_teacher
    auth.logout()
    auth.login(pupil)
    url = "/courses/demo-authored/items/vrai-faux"
    client.post(f"{url}/submit", data={"answer": "true"})
    registry = app.extensions["exercise_types"]
    with registry.without("true-false"):
        page = client.get(url, headers=EN)
        assert page.status_code == 200
        assert "This kind of exercise is not available on this server." in page.text
        refused = client.post(f"{url}/submit", data={"answer": "true"}, headers=EN, follow_redirects=True)
        assert refused.status_code == 200 and "not available" in refused.text
        assert client.get("/courses/demo-authored", headers=EN).status_code == 200
    assert db.session.scalar(select(Attempt.submission)) == {"answer": True}  # kept, graded before
    assert client.get(url, headers=EN).text.count('name="answer"') == 2  # back once reinstalled


def test_uninstalled_the_editor_says_so(client, app, published):
    with app.extensions["exercise_types"].without("true-false"):
        page = client.get(f"{BASE}/items/vrai-faux")
        assert page.status_code == 200 and "cannot be edited on this server" in page.text
        assert client.get(f"{BASE}").status_code == 200


def test_a_registry_built_without_the_entry_point_does_not_know_the_type(monkeypatch):
    everything = importlib.metadata.entry_points

    def without_plugin(*, group):
        return [e for e in everything(group=group) if e.value.split(":")[0] != "maharat_truefalse"]

    installed = builtin_registry()
    assert "true-false" in installed.load_entry_points(ENTRY_POINT_GROUP)
    monkeypatch.setattr(importlib.metadata, "entry_points", without_plugin)
    uninstalled = builtin_registry()
    uninstalled.load_entry_points(ENTRY_POINT_GROUP)
    assert not uninstalled.is_available("true-false")


def test_the_plugin_brings_its_own_translations(client, auth, make_user, pupil_and_teacher):
    _pupil, _teacher, klass = pupil_and_teacher
    arabic = make_user(Role.STUDENT, language="ar")
    classes.add_member(klass, arabic, "code")
    db.session.commit()
    auth.logout()
    auth.login(arabic)
    page = client.get("/courses/demo-authored/items/vrai-faux").text
    assert "صواب" in page and "إرسال إجابتي" in page and 'dir="rtl"' in page
    assert "صواب أم خطأ" in client.get("/courses/demo-authored").text
