"""The answer keys of shipped quizzes, graded as the app grades them: answers a pupil types that show
they know (a method written with its parentheses, "mention Bien") are right, plausible wrong ones stay
wrong, in every language whose overlay sets the accepted answers.

Code exercises keep their wrong answers next to them (``wrong/*.py``, graded in the sandbox by
tests/grading/test_shipped_references.py); quizzes have no such folder, so their cases live here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.exercises import builtin_registry
from lms.packages import load_package

COURSES = Path(__file__).resolve().parents[2] / "courses"
REGISTRY = builtin_registry()

#: (course, quiz, question, answer typed, right?)
CASES = [
    ("sic-python-fundamentals", "quiz-listes-et-dictionnaires", "q6", "append", True),
    ("sic-python-fundamentals", "quiz-listes-et-dictionnaires", "q6", "append()", True),
    ("sic-python-fundamentals", "quiz-listes-et-dictionnaires", "q6", ".append()", True),
    ("sic-python-fundamentals", "quiz-listes-et-dictionnaires", "q6", "insert", False),
    ("sic-python-fundamentals", "quiz-listes-et-dictionnaires", "q6", "add", False),
    ("sic-python-fundamentals", "quiz-classes-et-objets", "q3", "super", True),
    ("sic-python-fundamentals", "quiz-classes-et-objets", "q3", "super()", True),
    ("sic-python-fundamentals", "quiz-classes-et-objets", "q3", "self", False),
    ("sic-python-fundamentals", "quiz-projet-final", "q3", "Bien", True),
    ("sic-python-fundamentals", "quiz-projet-final", "q3", "mention Bien", True),
    ("sic-python-fundamentals", "quiz-projet-final", "q3", "Très bien", False),
    ("sic-python-fundamentals", "quiz-projet-final", "q3", "Assez bien", False),
    ("sic-python-fundamentals", "quiz-fonctions", "q6", "argument", True),
    ("sic-python-fundamentals", "quiz-fonctions", "q6", "paramètre", False),
    ("sic-python-fundamentals", "quiz-valeurs-et-types", "q2", "3", True),
    ("sic-python-fundamentals", "quiz-valeurs-et-types", "q2", "3,4", False),
    ("sic-ai-foundations", "quiz-graphiques", "graph-enregistrer", "savefig", True),
    ("sic-ai-foundations", "quiz-graphiques", "graph-enregistrer", "fig.savefig()", True),
    ("sic-ai-foundations", "quiz-graphiques", "graph-enregistrer", "show", False),
]


def _configs(course: str, slug: str):
    """The quiz's config in its own language and in every language whose overlay translates it."""
    package, problems = load_package(COURSES / course, REGISTRY)
    assert not problems
    item = next(item for _, item in package.items() if item.slug == slug)
    yield "fr", item.config
    for language, translation in sorted(item.translations.items()):
        if translation.get("config") is not None:
            yield language, translation["config"]


@pytest.mark.parametrize(("course", "slug", "question", "answer", "right"), CASES, ids=lambda v: str(v))
def test_a_typed_answer_is_graded_as_its_key_says(course, slug, question, answer, right):
    quiz = REGISTRY.get("quiz")
    for language, config in _configs(course, slug):
        result = quiz.grade(config, {"answers": {question: answer}})
        entry = next(e for e in result.feedback if e["id"] == question)
        assert entry["correct"] is right, (language, answer)
