"""The quiz editor: each kind of question, pass mark and attempts, and the learner preview."""

from __future__ import annotations

import re

from sqlalchemy import select

from lms.authoring.models import CourseDraft
from lms.courses.models import Course, Item

#: the settings the editor's form always sends (filled in from the quiz): no time limit, answers after each attempt
QUIZ_DEFAULTS = {"time_limit_minutes": "0", "review": "after-attempt"}


def _quiz(db, slug="demo-authored"):
    db.session.expire_all()
    draft = db.session.scalar(select(CourseDraft).join(Course).where(Course.slug == slug))
    return next(i for u in draft.document["units"] for i in u["items"] if i["slug"] == "quiz")


def _add_quiz(client, slug):
    client.post(
        f"/admin/authoring/{slug}/units/debut/items",
        data={"item-kind": "quiz", "item-slug": "quiz", "item-title": "Quiz"},
    )
    base = f"/admin/authoring/{slug}/items/quiz"
    client.post(
        base,
        data={
            "title": "Quiz",
            "weight": "1",
            "required": "y",
            "pass_mark": "60",
            "max_attempts": "3",
            **QUIZ_DEFAULTS,
        },
    )
    single = {
        "qid": "q1",
        "text": "Type de `3.5` ?",
        "points": "1",
        "explanation": "Un float.",
        "choices-0-text": "int",
        "choices-1-text": "float",
        "choices-1-correct": "y",
        "choices-2-text": "",
    }
    assert client.post(f"{base}/parts/new?kind=single", data=single).status_code == 302
    multiple = {
        "qid": "q2",
        "text": "Nombres ?",
        "points": "2",
        "choices-0-text": "1",
        "choices-0-correct": "y",
        "choices-1-text": "a",
        "choices-2-text": "2.5",
        "choices-2-correct": "y",
    }
    assert client.post(f"{base}/parts/new?kind=multiple", data=multiple).status_code == 302
    numeric = {"qid": "q3", "text": "7 // 2 ?", "points": "1", "answer": "3", "tolerance": "0.5"}
    assert client.post(f"{base}/parts/new?kind=numeric", data=numeric).status_code == 302
    text = {"qid": "q4", "text": "Mot-clé ?", "points": "1", "accepted": "def\nDEF ", "case_sensitive": ""}
    assert client.post(f"{base}/parts/new?kind=text", data=text).status_code == 302
    return base


def test_every_kind_of_question_is_edited_into_a_valid_quiz(client, authored, db, app):
    _add_quiz(client, authored)
    quiz = _quiz(db)
    config = quiz["config"]
    assert config["pass_mark"] == 0.6 and config["max_attempts"] == 3
    assert [q["kind"] for q in config["questions"]] == ["single", "multiple", "numeric", "text"]
    assert config["questions"][0]["choices"] == [
        {"id": "c1", "text": "int", "correct": False},
        {"id": "c2", "text": "float", "correct": True},
    ]
    assert config["questions"][2]["answer"] == 3 and config["questions"][2]["tolerance"] == 0.5
    assert config["questions"][3]["accepted"] == ["def", "DEF"]
    assert app.extensions["exercise_types"].get("quiz").validate(config) == []


def test_an_answer_key_that_does_not_fit_is_refused(client, authored, db):
    base = _add_quiz(client, authored)
    wrong = {"qid": "q9", "text": "?", "points": "1", "choices-0-text": "a", "choices-1-text": "b"}
    response = client.post(f"{base}/parts/new?kind=single", data=wrong)
    assert response.status_code == 200
    assert "exactly one correct choice" in response.text
    assert [q["id"] for q in _quiz(db)["config"]["questions"]] == ["q1", "q2", "q3", "q4"]


def test_questions_are_reordered_edited_and_removed(client, authored, db):
    base = _add_quiz(client, authored)
    client.post(f"{base}/parts/q2/move", data={"direction": "up"})
    assert [q["id"] for q in _quiz(db)["config"]["questions"]] == ["q2", "q1", "q3", "q4"]
    edit = {
        "qid": "q1",
        "text": "Nouveau",
        "points": "1",
        "choices-0-text": "int",
        "choices-0-correct": "y",
        "choices-1-text": "float",
    }
    client.post(f"{base}/parts/q1", data=edit)
    q1 = next(q for q in _quiz(db)["config"]["questions"] if q["id"] == "q1")
    assert q1["text"] == "Nouveau" and q1["choices"][0] == {"id": "c1", "text": "int", "correct": True}
    client.post(f"{base}/parts/q3/remove")
    assert [q["id"] for q in _quiz(db)["config"]["questions"]] == ["q2", "q1", "q4"]


def test_the_learner_preview_hides_answers_and_grades_without_recording(client, authored, db):
    base = _add_quiz(client, authored)
    page = client.get(f"{base}/learner-preview").text
    assert "Type de" in page and "Un float." not in page  # explanations come only after answering
    graded = client.post(
        f"{base}/learner-preview", data={"q-q1": "c2", "q-q2": ["c1", "c3"], "q-q3": "3,4", "q-q4": " Def "}
    ).text
    assert "100%" in graded and "Un float." in graded
    from lms.learning.models import Attempt

    assert db.session.scalar(select(Attempt.id)) is None


def test_a_published_quiz_keeps_its_settings(client, authored, db):
    _add_quiz(client, authored)
    assert client.post(f"/admin/authoring/{authored}/publish").status_code == 302
    item = db.session.scalar(select(Item).where(Item.slug == "quiz"))
    assert item.config["pass_mark"] == 0.6 and len(item.config["questions"]) == 4


def test_an_ordering_question_is_authored_and_answered_in_the_preview(client, authored, db):
    base = _add_quiz(client, authored)
    data = {"qid": "q5", "text": "Ordre ?", "points": "1", "items": "premier\ndeuxième\ntroisième\n"}
    response = client.post(f"{base}/parts/new?kind=ordering", data=data)
    assert response.status_code == 302, re.findall(
        r"<ul class=\"problems\">(.*?)</ul>|class=\"error\"[^>]*>(.*?)</p>", response.text
    )
    question = _quiz(db)["config"]["questions"][-1]
    assert question["items"] == ["premier", "deuxième", "troisième"]
    page = client.get(f"{base}/learner-preview").text
    assert page.index("premier") > 0 and 'name="q-q5-' in page
    from lms.exercises.questions import ordering_items

    ids = [item["id"] for item in ordering_items(question)]
    answers = {f"q-q5-{item_id}": str(place) for place, item_id in enumerate(ids, 1)}
    graded = client.post(f"{base}/learner-preview", data=answers).text
    assert graded.count("Correct") >= 1
    empty = client.post(f"{base}/parts/new?kind=ordering", data={**data, "qid": "q6", "items": "seul"})
    assert "an ordering question needs at least two items" in empty.text
