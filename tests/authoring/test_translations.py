"""Editing a translated course in the browser: real translations stay, fallback copies follow the edit."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from lms.courses.models import Item

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packages"


def _item(db, slug):
    db.session.expire_all()
    return db.session.scalar(select(Item).where(Item.slug == slug))


def test_a_translated_course_keeps_its_translations_through_edits(app, client, admin, runner, db):
    app.config["COURSES_DIR"] = str(FIXTURES)
    assert runner.invoke(args=["courses", "sync", "demo-minimal"]).exit_code == 0
    arabic_lesson = _item(db, "bonjour").translations["ar"]["body"]
    base = "/admin/authoring/demo-minimal"

    # a translated lesson: the Arabic text stays; an untranslated reflection: the fallback follows
    client.post(
        f"{base}/items/bonjour",
        data={"title": "Dire bonjour", "weight": "1", "required": "y", "body": "Nouveau."},
    )
    reflection = _item(db, "reflexion")
    client.post(
        f"{base}/items/reflexion",
        data={"title": reflection.title, "weight": "1", "prompt": "Nouvelle question ?", "min_words": "5"},
    )
    # questions reordered: translations stay attached to their question ids
    client.post(f"{base}/items/quiz-bonjour/parts/q3/move", data={"direction": "up"})
    response = client.post(f"{base}/publish")
    assert response.status_code == 302, response.text

    lesson = _item(db, "bonjour")
    assert lesson.body == "Nouveau." and lesson.translations["ar"]["body"] == arabic_lesson
    assert lesson.translations["ar"]["title"] == "قول مرحبا"
    reflection = _item(db, "reflexion")
    assert reflection.translations["ar"]["config"]["prompt"] == "Nouvelle question ?"
    quiz = _item(db, "quiz-bonjour")
    assert [q["id"] for q in quiz.config["questions"]] == ["q1", "q3", "q2", "q4"]
    ar = {q["id"]: q for q in quiz.translations["ar"]["config"]["questions"]}
    assert ar["q1"]["text"] == "ما نوع `3.5`؟"
    assert ar["q3"]["text"] == "ما الكلمة المفتاحية التي تعرّف دالة؟"
