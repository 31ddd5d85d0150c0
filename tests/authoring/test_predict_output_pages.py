"""Predict the output through the pages: authored, previewed (output computed in the sandbox), published,
answered by a pupil (the output never on the page before an attempt), and read by the class's teacher."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lms.classes import operations as classes
from lms.courses.models import Course, Item
from lms.extensions import db
from lms.geo.models import Province, Region, School
from lms.learning.models import Attempt
from lms.programmes.models import Programme
from lms.users.models import Role

BASE = "/admin/authoring/demo-authored"
CODE = "nom = input()\nfor i in range(1, 4):\n    print(nom, i * 7)\nprint('fin')\n"
OUTPUT_LINES = ["Salma 7", "Salma 14", "Salma 21", "fin"]
EN = {"Accept-Language": "en"}


def _author(client, code: str = CODE, compare: str = "normalised") -> None:
    client.post(
        f"{BASE}/units/debut/items",
        data={"item-kind": "predict-output", "item-slug": "table", "item-title": "La table de 7"},
    )
    saved = client.post(
        f"{BASE}/items/table",
        data={
            "title": "La table de 7",
            "weight": "1",
            "required": "y",
            "prompt": "Qu'affiche ce programme ?",
            "code": code,
            "stdin": "Salma\n",
            "compare": compare,
            "show_difference": "y",
            "explanation": "`print(a, b)` sépare `a` et `b` par une espace.",
            "max_attempts": "0",
        },
    )
    assert saved.status_code == 302


@pytest.fixture
def published(client, authored, db):
    _author(client)
    assert client.post(f"{BASE}/publish").status_code == 302
    course = db.session.scalar(select(Course).where(Course.slug == "demo-authored"))
    assert course.published and course.requires["predict-output"] == 1
    return course


def _secret_free(page: str) -> None:
    for line in OUTPUT_LINES[:3]:
        assert line not in page
    assert "sépare" not in page  # the explanation comes after an attempt


def test_the_editor_lists_its_fields_and_the_preview_grades_against_the_computed_output(client, authored):
    _author(client)
    editor = client.get(f"{BASE}/items/table")
    assert editor.status_code == 200 and 'name="code"' in editor.text and 'value="exact"' in editor.text
    preview = client.get(f"{BASE}/items/table/learner-preview").text
    _secret_free(preview)
    assert 'id="predict-answer"' in preview and 'dir="ltr"' in preview
    wrong = client.post(
        f"{BASE}/items/table/learner-preview", data={"answer": "Salma 7\nSalma 13"}, headers=EN
    ).text
    assert "line 2 differs" in wrong and "Salma 14" in wrong  # the first differing line, as expected
    right = client.post(
        f"{BASE}/items/table/learner-preview",
        data={"answer": "\r\n".join(OUTPUT_LINES) + "  \r\n\r\n"},
        headers=EN,
    ).text
    assert "Correct: that is exactly what the program prints." in right
    assert db.session.scalar(select(Attempt.id)) is None


def test_a_program_without_a_reliable_output_cannot_be_published(client, authored):
    _author(client, code="import time\nprint(time.time_ns())\n")
    refused = client.post(f"{BASE}/publish", follow_redirects=True, headers=EN).text
    assert "does not print the same thing each time it runs" in refused
    assert not db.session.scalar(select(Course.published).where(Course.slug == "demo-authored"))


def test_the_export_holds_the_program_and_never_the_output(client, published):
    from lms.courses.export import course_document

    (item,) = [i for u in course_document(published)["units"] for i in u["items"] if i["slug"] == "table"]
    from lms.exercises import builtin_registry

    keys, files = builtin_registry().get("predict-output").write(item["config"])
    assert keys["code"] == CODE and files == {}
    assert not any(line in repr(keys) for line in OUTPUT_LINES[:3])


def test_a_pupil_predicts_wrong_then_right_and_the_teacher_reads_the_predictions(
    client, auth, published, make_user
):
    region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
    school = School(
        code="SCH-PO",
        name_fr="Lycée",
        name_ar="ثانوية",
        province=Province(code="PROV-PO", name_fr="P", region=region),
    )
    db.session.add(school)
    sic = db.session.scalar(select(Programme.id).where(Programme.code == "sic"))
    teacher = make_user(Role.TEACHER, school_id=school.id, programme_id=sic, language="en")
    pupil = make_user(Role.STUDENT, display_name="Salma Pupil", language="en")
    klass = classes.create_class(teacher, "Tronc commun", school, "2026-2027")
    classes.assign_course(klass, published)
    classes.add_member(klass, pupil, "code")
    db.session.commit()

    auth.logout()
    auth.login(pupil)
    url = "/courses/demo-authored/items/table"
    page = client.get(url, headers=EN).text
    _secret_free(page)  # secrecy: the computed output is stored, never sent before an attempt
    assert "print(nom, i * 7)" in page and "/exercise-types/predict-output/predict.css" in page
    assert re.search(r'<label for="predict-answer"[^>]*>What does this program print\?</label>', page)
    wrong = client.post(
        f"{url}/submit", data={"answer": "Salma 7\nSalma 14\nSalma 21"}, headers=EN, follow_redirects=True
    )
    assert "line 4 differs" in wrong.text and "The program prints more lines than you wrote." in wrong.text
    assert "sépare" in wrong.text  # the explanation, after the attempt
    right = client.post(
        f"{url}/submit", data={"answer": "\n".join(OUTPUT_LINES)}, headers=EN, follow_redirects=True
    )
    assert "Well done, you passed!" in right.text
    scores = db.session.scalars(select(Attempt.score).order_by(Attempt.number)).all()
    assert scores == [0.0, 1.0]

    auth.logout()
    auth.login(teacher)
    learner = client.get(f"/classes/{klass.id}/learners/{pupil.id}", headers=EN).text
    assert "Predicted output" in learner and "Salma 21" in learner
    item = db.session.scalar(select(Item).where(Item.slug == "table"))
    assert item.config["output"] == "\n".join(OUTPUT_LINES) + "\n"
