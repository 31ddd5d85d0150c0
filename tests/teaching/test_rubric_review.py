"""A reflection judged by a rubric: the teacher picks a level per criterion, the score follows, the pupil reads it."""

from __future__ import annotations

from sqlalchemy import select

from lms.extensions import db
from lms.gradebook.models import GradeOverride
from lms.learning import operations as learning
from tests.teaching.conftest import RIGHT, item, submit

RUBRIC = [
    {"id": "idee", "criterion": "L'idée", "levels": ["absente", "esquissée", "claire"]},
    {"id": "exemple", "criterion": "Un exemple", "levels": ["aucun", "vague", "concret", "du vécu"]},
]
TEXT = (
    "Je partirai d'un problème du quartier, les élèves enquêteront puis présenteront une solution aux parents. "
    * 2
)


def _with_rubric(assigned):
    reflection = item(assigned, "reflexion")
    reflection.config = {**reflection.config, "rubric": RUBRIC}
    db.session.commit()
    return reflection


def test_the_teacher_applies_the_rubric_and_the_pupil_reads_the_levels(
    client, auth, teacher, klass, pupils, assigned
):
    reflection = _with_rubric(assigned)
    pupil = pupils[0]
    learning.mark_lesson_done(pupil, item(assigned, "introduction"))
    db.session.commit()
    submit(pupil, assigned, "quiz-bases", RIGHT)
    attempt = submit(pupil, assigned, "reflexion", {"text": TEXT})
    assert attempt.passed and attempt.score == 1.0  # complete at the word count, as before

    auth.login(teacher)
    page = client.get(f"/gradebook/classes/{klass.id}/learners/{pupil.id}/items/{reflection.id}").text
    assert 'name="rubric-idee" value="2"' in page and "Un exemple" in page
    url = f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/review"
    # Accepting without a level for every criterion is refused, and changes nothing.
    client.post(url, data={"decision": "accept", "body": "Bien.", "rubric-idee": "2"})
    db.session.refresh(attempt)
    assert attempt.score == 1.0 and not [f for f in attempt.feedback if f.get("kind") == "rubric"]
    # A level out of range is refused too.
    client.post(url, data={"decision": "accept", "body": "Bien.", "rubric-idee": "2", "rubric-exemple": "9"})
    db.session.refresh(attempt)
    assert attempt.score == 1.0
    client.post(
        url, data={"decision": "accept", "body": "Bonne idée.", "rubric-idee": "2", "rubric-exemple": "1"}
    )
    db.session.refresh(attempt)
    assert attempt.score == 3 / 5 and attempt.passed is True
    assert attempt.feedback[-1] == {"kind": "rubric", "levels": {"idee": 2, "exemple": 1}, "score": 3 / 5}
    assert db.session.scalar(select(GradeOverride.reason).where(GradeOverride.attempt_id == attempt.id))
    # Applied again, the new levels replace the old ones.
    client.post(url, data={"decision": "accept", "body": "Mieux.", "rubric-idee": "2", "rubric-exemple": "3"})
    db.session.refresh(attempt)
    assert attempt.score == 1.0 and [f.get("kind") for f in attempt.feedback].count("rubric") == 1

    auth.logout()
    auth.login(pupil)
    mine = client.get(f"/courses/{assigned.slug}/items/reflexion?attempt={attempt.id}").text
    assert "L&#39;idée" in mine and mine.count('class="rubric-chosen"') == 2
    assert "100%" in mine


def test_asking_to_redo_needs_no_level(client, auth, teacher, klass, pupils, assigned):
    _with_rubric(assigned)
    pupil = pupils[1]
    learning.mark_lesson_done(pupil, item(assigned, "introduction"))
    db.session.commit()
    submit(pupil, assigned, "quiz-bases", RIGHT)
    attempt = submit(pupil, assigned, "reflexion", {"text": TEXT})
    auth.login(teacher)
    client.post(
        f"/gradebook/classes/{klass.id}/attempts/{attempt.id}/review",
        data={"decision": "redo", "body": "Développe ton exemple."},
    )
    db.session.refresh(attempt)
    assert attempt.score == 1.0 and not [f for f in attempt.feedback if f.get("kind") == "rubric"]


def test_repeated_filler_does_not_complete_a_reflection_and_the_pupil_reads_why(
    client, auth, pupils, assigned
):
    reflection = item(assigned, "reflexion")
    reflection.config = {**reflection.config, "min_words": 20}
    pupil = pupils[2]
    learning.mark_lesson_done(pupil, item(assigned, "introduction"))
    db.session.commit()
    submit(pupil, assigned, "quiz-bases", RIGHT)
    filler = submit(pupil, assigned, "reflexion", {"text": "bla " * 40})
    assert not filler.passed and filler.score == 0.0
    db.session.commit()
    url = f"/courses/{assigned.slug}/items/reflexion?attempt={filler.id}"
    expected = {
        "en": "Your text uses 1 different word; write at least 10 different words",
        "fr": "Votre texte utilise 1 mot différent ; écrivez-en au moins 10 différents",
        "ar": "عدد الكلمات المختلفة في نصك: 1؛ والحد الأدنى المطلوب من الكلمات المختلفة: 10",
    }
    auth.login(pupil)
    for language, reason in expected.items():
        pupil.language = language
        db.session.commit()
        page = client.get(url).text
        assert reason in page, language
    # The same length of real writing completes it.
    written = submit(pupil, assigned, "reflexion", {"text": TEXT})
    assert written.passed
