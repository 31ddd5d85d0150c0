"""Shipped quizzes that count toward a certificate keep their right answers until the learner passes.

A required quiz is part of what a learner completes for the course's certificate (docs/learning.md). With
the type's default review ("after-attempt") and unlimited attempts, one failed attempt showed every right
answer and explanation, and the next attempt scored 100 %. Each such quiz therefore sets
``review = "after-passing"`` in its own exercise.toml (the platform default stays as documented for other
packages): the score and which questions were right or wrong are shown at once, the answers once the
learner passes or has no attempt left.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.exercises import builtin_registry
from lms.exercises.base import ReviewContext
from lms.packages import discover, load_package

COURSES = Path(__file__).resolve().parents[2] / "courses"
REGISTRY = builtin_registry()
QUIZ = REGISTRY.get("quiz")


def _counting_quizzes() -> list[tuple[str, str, dict[str, dict]]]:
    """(course, quiz, config per language) for every required quiz of every shipped course."""
    found = []
    for folder in discover(COURSES):
        package, problems = load_package(folder, REGISTRY)
        assert not problems, folder.name
        for _, item in package.items():
            if item.type_name != "quiz" or not item.required:
                continue
            configs = {package.language: item.config}
            for language, translation in sorted(item.translations.items()):
                if translation.get("config") is not None:
                    configs[language] = translation["config"]
            found.append((package.slug, item.slug, configs))
    return found


COUNTING = _counting_quizzes()


def _review(config: dict, *, used: int, passed: bool) -> bool:
    """Whether the quiz shows its right answers to a learner after ``used`` attempts."""
    max_attempts = int(config.get("max_attempts") or 0)
    left = None if not max_attempts else max(0, max_attempts - used)
    return QUIZ.review_shown(
        config, ReviewContext(attempts_used=used, attempts_left=left, passed=passed, due_passed=False)
    )


def test_every_shipped_course_has_quizzes_that_count_toward_its_certificate():
    courses = {course for course, _, _ in COUNTING}
    assert courses == {folder.name for folder in discover(COURSES)}


@pytest.mark.parametrize(
    ("course", "slug", "configs"), COUNTING, ids=[f"{course}/{slug}" for course, slug, _ in COUNTING]
)
def test_a_counting_quiz_shows_its_right_answers_only_once_the_learner_passes(course, slug, configs):
    for language, config in configs.items():
        assert config.get("review") == "after-passing", language
        max_attempts = int(config.get("max_attempts") or 0)
        for used in range(1, max_attempts or 5):
            assert not _review(config, used=used, passed=False), (language, f"shown after {used} failed")
        assert _review(config, used=2, passed=True), language
