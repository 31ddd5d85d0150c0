"""Write small course packages for tests, so that re-sync scenarios can change them and sync again."""

from __future__ import annotations

from pathlib import Path

QUIZ = """type = "quiz"
type_version = 1
title = "Quiz des bases"
pass_mark = 0.5
max_attempts = {max_attempts}

[[questions]]
id = "q1"
kind = "single"
text = "Combien font 2 + 2 ?"
explanation = "2 + 2 = 4."
[[questions.choices]]
id = "a"
text = "3"
[[questions.choices]]
id = "b"
text = "4"
correct = true

[[questions]]
id = "q2"
kind = "text"
text = "Quel mot-clé définit une fonction ?"
accepted = ["def"]
explanation = "On écrit `def`."
"""

REFLECTION = """type = "reflection"
type_version = 1
title = "Réflexion"
min_words = 3
"""


def write_course(
    root: Path,
    *,
    slug: str = "cours-test",
    version: int = 1,
    programme: str = "sic",
    audience: tuple[str, ...] = ("teacher", "student"),
    self_enrol: bool = True,
    max_attempts: int = 2,
    extra_lesson: bool = False,
    drop_quiz: bool = False,
    lesson_completion: str | None = None,
) -> Path:
    """Two units: "bases" (lesson, optional lesson, quiz) then "suite" (needs "bases": lesson, reflection)."""
    course = root / slug
    (course / "units/bases/quiz-bases").mkdir(parents=True, exist_ok=True)
    (course / "units/suite/reflexion").mkdir(parents=True, exist_ok=True)
    requires = "quiz = 1\nreflection = 1" if not drop_quiz else "reflection = 1"
    (course / "course.toml").write_text(
        f'''schema = 1
slug = "{slug}"
version = {version}
title = "Cours de test"
summary = "Un cours pour les tests."
language = "fr"
programme = "{programme}"
audience = {list(audience)!r}
level = "beginner"
hours = 1
self_enrol = {str(self_enrol).lower()}
units = ["bases", "suite"]
{f'lesson_completion = "{lesson_completion}"' if lesson_completion else ""}

[requires]
{requires}
'''.replace("'", '"'),
        encoding="utf-8",
    )
    items = '[[items]]\nlesson = "introduction"\ntitle = "Introduction"\n\n'
    items += (
        '[[items]]\nlesson = "pour-aller-plus-loin"\ntitle = "Pour aller plus loin"\nrequired = false\n\n'
    )
    if not drop_quiz:
        items += '[[items]]\nexercise = "quiz-bases"\n\n'
    if extra_lesson:
        items += '[[items]]\nlesson = "nouveau"\ntitle = "Nouvelle leçon"\n\n'
    (course / "units/bases/unit.toml").write_text(
        f'title = "Les bases"\nsummary = ""\n\n{items}', encoding="utf-8"
    )
    (course / "units/bases/introduction.md").write_text("Bienvenue.\n", encoding="utf-8")
    (course / "units/bases/pour-aller-plus-loin.md").write_text("Un complément.\n", encoding="utf-8")
    if extra_lesson:
        (course / "units/bases/nouveau.md").write_text("Nouveau contenu.\n", encoding="utf-8")
    (course / "units/bases/quiz-bases/exercise.toml").write_text(
        QUIZ.format(max_attempts=max_attempts), encoding="utf-8"
    )
    (course / "units/suite/unit.toml").write_text(
        'title = "La suite"\nprerequisites = ["bases"]\n\n[[items]]\nlesson = "suite"\ntitle = "Suite"\n\n'
        '[[items]]\nexercise = "reflexion"\n',
        encoding="utf-8",
    )
    (course / "units/suite/suite.md").write_text("La suite.\n", encoding="utf-8")
    (course / "units/suite/reflexion/exercise.toml").write_text(REFLECTION, encoding="utf-8")
    (course / "units/suite/reflexion/prompt.md").write_text("Qu'avez-vous appris ?\n", encoding="utf-8")
    return course
