"""Every check of the package loader, each on a copy of the demo package with one defect."""

from __future__ import annotations

import pytest

from lms.packages import load_package

U = "units/premiers-pas"
P = f"demo-minimal/{U}"

#: (file to edit, text to replace, replacement, problems expected)
CASES = {
    "schema": ("course.toml", "schema = 1", "schema = 2", ["demo-minimal/course.toml:1: schema 2 is not supported (this platform reads 1)"]),
    "bad slug": ("course.toml", 'slug = "demo-minimal"', 'slug = "Demo_Minimal"', ["demo-minimal/course.toml:2: slug 'Demo_Minimal' must be lowercase letters, digits and hyphens"]),
    "version 0": ("course.toml", "version = 1", "version = 0", ["demo-minimal/course.toml:3: 'version' must be at least 1"]),
    "version kind": ("course.toml", "version = 1", 'version = "1"', ["demo-minimal/course.toml:3: 'version' must be an integer, not a string"]),
    "language": ("course.toml", 'language = "fr"', 'language = "de"', ["demo-minimal/course.toml:6: 'language' must be one of fr, ar, en, not 'de'"]),
    "programme": ("course.toml", 'programme = "sic"', 'programme = "other"', ["demo-minimal/course.toml:7: 'programme' must be one of sic, digischool, not 'other'"]),
    "audience": ("course.toml", 'audience = ["teacher", "student"]', 'audience = ["parent"]', ["demo-minimal/course.toml:8: 'audience' must list teacher and/or student, not 'parent'"]),
    "empty audience": ("course.toml", 'audience = ["teacher", "student"]', "audience = []", ["demo-minimal/course.toml:8: 'audience' must name at least one of teacher, student"]),
    "level": ("course.toml", 'level = "beginner"', 'level = "expert"', ["demo-minimal/course.toml:9: 'level' must be one of beginner, intermediate, advanced, not 'expert'"]),
    "hours": ("course.toml", "hours = 2", "hours = 0", ["demo-minimal/course.toml:10: 'hours' must be more than 0"]),
    "missing key": ("course.toml", "self_enrol = true\n", "", ["demo-minimal/course.toml: missing required key 'self_enrol'"]),
    "unknown key": ("course.toml", "hours = 2", "hours = 2\nduration = 3", ["demo-minimal/course.toml:11: unknown key 'duration'"]),
    "requires missing a type": ("course.toml", "reflection = 1\n", "", ["demo-minimal/course.toml:14: [requires] does not list exercise type 'reflection' (used by units/premiers-pas/reflexion)"]),
    "requires too new": ("course.toml", "quiz = 1", "quiz = 2", ["demo-minimal/course.toml:15: [requires] quiz = 2 is newer than the platform's version 1"]),
    "unit listed twice": ("course.toml", 'units = ["premiers-pas"]', 'units = ["premiers-pas", "premiers-pas"]', ["demo-minimal/course.toml:12: unit 'premiers-pas' is listed twice"]),
    "prerequisite unknown": (f"{U}/unit.toml", "prerequisites = []", 'prerequisites = ["ailleurs"]', [f"{P}/unit.toml:3: prerequisite 'ailleurs' is not a unit of this course"]),
    "prerequisite itself": (f"{U}/unit.toml", "prerequisites = []", 'prerequisites = ["premiers-pas"]', [f"{P}/unit.toml:3: a unit cannot be its own prerequisite"]),
    "duplicate item": (f"{U}/unit.toml", 'exercise = "reflexion"', 'lesson = "bonjour"\ntitle = "Encore"', [f"{P}/unit.toml:17: duplicate item slug 'bonjour' (already in units/premiers-pas/unit.toml)"]),
    "both kinds": (f"{U}/unit.toml", 'exercise = "reflexion"', 'exercise = "reflexion"\nlesson = "autre"', [f"{P}/unit.toml:16: an item needs exactly one of 'lesson' or 'exercise'"]),
    "neither kind": (f"{U}/unit.toml", 'exercise = "reflexion"\n', "", [f"{P}/unit.toml:16: an item needs exactly one of 'lesson' or 'exercise'"]),
    "bad item slug": (f"{U}/unit.toml", 'exercise = "reflexion"', 'exercise = "Réflexion"', [f"{P}/unit.toml:17: item slug 'Réflexion' must be lowercase letters, digits and hyphens"]),
    "missing lesson file": (f"{U}/unit.toml", 'exercise = "reflexion"', 'lesson = "absente"\ntitle = "A"', [f"{P}/unit.toml:17: lesson file 'absente.md' does not exist"]),
    "lesson without title": (f"{U}/unit.toml", 'title = "Dire bonjour"\n', "", [f"{P}/unit.toml:5: lesson 'bonjour' needs a 'title'", "demo-minimal/locales/ar/units/premiers-pas/unit.toml:5: 'title' is translated but the original has no 'title'"]),
    "exercise titled in unit.toml": (f"{U}/unit.toml", 'exercise = "reflexion"', 'exercise = "reflexion"\ntitle = "R"', [f"{P}/unit.toml:18: an exercise's title belongs in its exercise.toml, not in unit.toml"]),
    "missing exercise folder": (f"{U}/unit.toml", 'exercise = "reflexion"', 'exercise = "absent"', [f"{P}/unit.toml:17: exercise folder 'absent/' does not exist"]),
    "negative weight": (f"{U}/unit.toml", "weight = 2", "weight = -1", [f"{P}/unit.toml:14: 'weight' must not be negative"]),
    "missing asset": (f"{U}/bonjour.md", "assets/notes.csv", "assets/absent.csv", [f"{P}/bonjour.md:7: asset 'assets/absent.csv' does not exist"]),
    "lesson with a title": (f"{U}/bonjour.md", "Python affiche", "# Bonjour\n\nPython affiche", [f"{P}/bonjour.md:1: a lesson must not start with a '#' title (the page shows the title already)"]),
    "missing asset in a quiz": (f"{U}/quiz-bonjour/exercise.toml", 'intro = "Répondez aux questions."', 'intro = "![x](assets/x.png)"', [f"{P}/quiz-bonjour/exercise.toml: asset 'assets/x.png' does not exist"]),
    "missing asset in a prompt": (f"{U}/somme/prompt.md", "Écrivez une fonction", "Voir ![x](assets/x.png).\n\nÉcrivez une fonction", [f"{P}/somme/prompt.md:1: asset 'assets/x.png' does not exist"]),
    "type version too new": (f"{U}/reflexion/exercise.toml", "type_version = 1", "type_version = 2", [f"{P}/reflexion/exercise.toml:2: type_version 2 is newer than the platform's 'reflection' type (version 1)", f"{P}/reflexion/exercise.toml:2: type_version 2 is newer than course.toml's [requires] reflection = 1"]),
    "exercise without title": (f"{U}/reflexion/exercise.toml", 'title = "Et dans votre classe ?"\n', "", [f"{P}/reflexion/exercise.toml: missing required key 'title'"]),
    "translated key not translatable": ("locales/ar/course.toml", 'summary = "مقدمة قصيرة."', 'summary = "مقدمة قصيرة."\nhours = 3', ["demo-minimal/locales/ar/course.toml:3: 'hours' cannot be translated (a translation may set: summary, title)"]),
    "translated item not in the original": ("locales/ar/units/premiers-pas/unit.toml", 'lesson = "bonjour"', 'lesson = "absente"', ["demo-minimal/locales/ar/units/premiers-pas/unit.toml:4: 'items': the original has no entry with lesson 'absente'"]),
    "translation breaks an answer key": ("locales/ar/units/premiers-pas/quiz-bonjour/exercise.toml", 'accepted = ["def"]', 'accepted = [" "]', ["demo-minimal/locales/ar/units/premiers-pas/quiz-bonjour/exercise.toml:10: question 'q3': an accepted answer is empty"]),
    "translated lesson with a missing asset": ("locales/ar/units/premiers-pas/bonjour.md", "تعرض", "![x](assets/x.png)\nتعرض", ["demo-minimal/locales/ar/units/premiers-pas/bonjour.md:1: asset 'assets/x.png' does not exist"]),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_each_check_reports_one_precise_problem(demo, edit, registry, case):
    path, old, new, expected = CASES[case]
    edit(demo / path, old, new)
    _, problems = load_package(demo, registry)
    assert [str(p) for p in problems] == expected


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("locales/ar/units/premiers-pas/absente.md", "translates 'units/premiers-pas/absente.md', which does not exist"),
        ("locales/ar/units/premiers-pas/somme/solution.py", "only Markdown files and course, unit and exercise TOML files can be translated"),
        ("locales/ar/assets/notes.csv", "only Markdown files and course, unit and exercise TOML files can be translated"),
        ("locales/fr/course.toml", None),
        ("locales/de/course.toml", None),
    ],
)  # fmt: skip
def test_translation_files_must_translate_something_translatable(demo, registry, path, message):
    target = demo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('title = "x"\n', encoding="utf-8")
    _, problems = load_package(demo, registry)
    if path.startswith("locales/fr"):
        assert [str(p) for p in problems] == [
            "demo-minimal/locales/fr: the course is already written in 'fr'"
        ]
    elif path.startswith("locales/de"):
        assert [str(p) for p in problems] == [
            "demo-minimal/locales/de: not a language folder (expected one of fr, ar, en)"
        ]
    else:
        assert [str(p) for p in problems] == [f"demo-minimal/{path}: {message}"]


def test_unit_folders_must_match_the_list(demo, edit, registry):
    (demo / "units" / "en-trop").mkdir()
    edit(demo / "course.toml", 'units = ["premiers-pas"]', 'units = ["premiers-pas", "absente"]')
    _, problems = load_package(demo, registry)
    assert [str(p) for p in problems] == [
        "demo-minimal/course.toml:12: unit 'absente' is listed but units/absente/ does not exist",
        "demo-minimal/course.toml:12: unit folder units/en-trop/ is not listed in 'units'",
    ]


def test_prerequisites_must_be_earlier_units(demo, edit, registry):
    second = demo / "units" / "suite"
    second.mkdir()
    (second / "unit.toml").write_text(
        'title = "Suite"\nprerequisites = ["premiers-pas"]\n\n[[items]]\nlesson = "encore"\ntitle = "Encore"\n',
        encoding="utf-8",
    )
    (second / "encore.md").write_text("Encore.\n", encoding="utf-8")
    edit(demo / "course.toml", 'units = ["premiers-pas"]', 'units = ["premiers-pas", "suite"]')
    package, problems = load_package(demo, registry)
    assert problems == []
    assert [(u.slug, u.position, u.prerequisites) for u in package.units] == [
        ("premiers-pas", 1, []),
        ("suite", 2, ["premiers-pas"]),
    ]
    edit(demo / "units" / "premiers-pas" / "unit.toml", "prerequisites = []", 'prerequisites = ["suite"]')
    _, problems = load_package(demo, registry)
    assert [str(p) for p in problems] == [
        f"{P}/unit.toml:3: prerequisite 'suite' comes after this unit; it must be an earlier unit"
    ]


def test_missing_files_are_reported(demo, registry):
    (demo / U / "reflexion" / "exercise.toml").unlink()
    (demo / U / "somme" / "solution.py").unlink()
    _, problems = load_package(demo, registry)
    assert [str(p) for p in problems] == [
        f"{P}/somme/solution.py: missing file solution.py",
        f"{P}/reflexion/exercise.toml: file not found",
    ]


def test_every_problem_is_reported_at_once(demo, edit, registry):
    edit(demo / "course.toml", 'level = "beginner"', 'level = "expert"')
    edit(demo / U / "unit.toml", "weight = 2", "wieght = 2")
    edit(demo / U / "quiz-bonjour" / "exercise.toml", "answer = 3", 'answer = "3"')
    edit(demo / U / "bonjour.md", "assets/notes.csv", "assets/absent.csv")
    _, problems = load_package(demo, registry)
    assert len(problems) == 4


def test_an_unreadable_manifest_returns_no_package(demo, edit, registry):
    edit(demo / "course.toml", "schema = 1", "schema = = 1")
    package, problems = load_package(demo, registry)
    assert package is None
    assert [str(p) for p in problems] == [
        "demo-minimal/course.toml:1: invalid TOML: Invalid value (column 10)"
    ]
    package, problems = load_package(demo / "absent", registry)
    assert package is None
    assert [str(p) for p in problems] == ["absent: not a package folder"]


def test_an_exercise_type_that_crashes_is_a_problem_not_a_crash(demo, registry):
    class Exploding(type(registry.get("reflection"))):
        name = "exploding"

        def parse(self, files):
            raise KeyError("boom")

    registry.unregister("reflection")
    registry.register(type("ReflectionExploding", (Exploding,), {"name": "reflection"}))
    _, problems = load_package(demo, registry)
    assert [str(p) for p in problems] == [
        f"{P}/reflexion/exercise.toml: exercise type 'reflection' failed on this exercise: KeyError: 'boom'"
    ]
