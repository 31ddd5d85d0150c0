"""The code exercise editor, Validate in the real sandbox, and publishing refused until it passes."""

from __future__ import annotations

from sqlalchemy import select

from lms.authoring.models import CourseDraft
from lms.courses.models import Course, Item

EXERCISE = {
    "title": "Somme",
    "weight": "1",
    "required": "y",
    "prompt": "Écrivez `somme(a, b)`.",
    "starter": "def somme(a, b):\n    pass\n",
    "solution": "def somme(a, b):\n    return a + b\n",
    "wrong": "def somme(a, b):\n    return str(a) + str(b)\n",
    "tests-0-name": "deux entiers",
    "tests-0-call": "somme(2, 3)",
    "tests-0-expected": "5",
    "tests-1-name": "négatifs",
    "tests-1-call": "somme(-2, -3)",
    "tests-1-expected": "-5",
    "tests-1-hidden": "y",
    "tests-2-name": "",
    "cpu_seconds": "2",
}


def _item(db, slug="somme"):
    db.session.expire_all()
    draft = db.session.scalar(select(CourseDraft).join(Course).where(Course.slug == "demo-authored"))
    return next(i for u in draft.document["units"] for i in u["items"] if i["slug"] == slug)


def _add(client, slug, data=EXERCISE):
    client.post(
        f"/admin/authoring/{slug}/units/debut/items",
        data={"item-kind": "python", "item-slug": "somme", "item-title": "Somme"},
    )
    return client.post(f"/admin/authoring/{slug}/items/somme", data=data)


def test_the_editor_writes_a_valid_python_exercise(client, authored, db, app):
    assert _add(client, authored).status_code == 302
    config = _item(db)["config"]
    assert config["tests"] == [
        {"name": "deux entiers", "call": "somme(2, 3)", "expected": "5", "hidden": False},
        {"name": "négatifs", "call": "somme(-2, -3)", "expected": "-5", "hidden": True},
    ]
    assert config["limits"] == {"cpu_seconds": 2}
    assert config["wrong"] == {"wrong/plausible.py": EXERCISE["wrong"]}
    assert app.extensions["exercise_types"].get("python").validate(config) == []
    page = client.get(f"/admin/authoring/{authored}/items/somme").text
    assert 'dir="ltr"' in page and "Not validated" in page


def test_limits_above_the_platform_maxima_are_refused(client, authored, db):
    response = _add(client, authored, {**EXERCISE, "cpu_seconds": "3600"})
    assert response.status_code == 200
    assert _item(db)["config"]["limits"] == {}


def test_publishing_an_unvalidated_exercise_is_refused(client, authored, db):
    _add(client, authored)
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 422
    assert "has not been validated" in response.text
    assert db.session.scalar(select(Course.version).where(Course.slug == authored)) == 0


def test_validate_runs_the_sandbox_then_publish_accepts(client, authored, db):
    _add(client, authored)
    response = client.post(f"/admin/authoring/{authored}/items/somme/validate", follow_redirects=True)
    assert "Validated: the solution passes" in response.text
    validation = _item(db)["validation"]
    assert validation["ok"] and [o["label"] for o in validation["outcomes"]] == [
        "solution.py",
        "starter.py",
        "wrong/plausible.py",
    ]
    assert client.post(f"/admin/authoring/{authored}/publish").status_code == 302
    item = db.session.scalar(select(Item).where(Item.slug == "somme"))
    assert item.config["tests"][1]["hidden"] is True

    # any later change needs a new validation
    client.post(f"/admin/authoring/{authored}/items/somme", data={**EXERCISE, "tests-0-expected": "6"})
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 422 and "has not been validated" in response.text


def test_a_starter_that_passes_fails_validation_and_blocks_publish(client, authored, db):
    _add(client, authored, {**EXERCISE, "starter": EXERCISE["solution"]})
    response = client.post(f"/admin/authoring/{authored}/items/somme/validate", follow_redirects=True)
    assert "Validation failed" in response.text
    assert _item(db)["validation"]["ok"] is False
    response = client.post(f"/admin/authoring/{authored}/publish")
    assert response.status_code == 422 and "failed its validation" in response.text


def test_without_a_sandbox_nothing_is_validated(client, authored, db, app, tmp_path):
    _add(client, authored)
    app.config["SANDBOX_PYTHON"] = str(tmp_path / "no-python")
    response = client.post(f"/admin/authoring/{authored}/items/somme/validate", follow_redirects=True)
    assert "sandbox is not available" in response.text
    assert "validation" not in _item(db)
