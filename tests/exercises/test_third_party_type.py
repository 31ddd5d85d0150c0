"""The worked example of docs/exercise-types.md, run as written: a third-party "true or false" type.

The example is the module of the plugin in plugins/maharat-example-type, character for character, so
the documentation cannot drift from the distribution the suite installs and drives over HTTP.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lms.exercises import ExerciseType, ExerciseTypeRegistry, builtin_registry
from lms.packages import load_package

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "exercise-types.md"
DEMO = ROOT / "tests" / "fixtures" / "packages" / "demo-minimal"
PLUGIN = ROOT / "plugins" / "maharat-example-type" / "maharat_truefalse"


def example(name: str) -> str:
    """Return the fenced block that follows ``<!-- example: name -->`` in the doc."""
    match = re.search(
        rf"<!-- example: {re.escape(name)} -->\n```\w+\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S
    )
    assert match, f"docs/exercise-types.md has no example {name}"
    return match.group(1)


@pytest.fixture(scope="module")
def true_false() -> type[ExerciseType]:
    namespace: dict = {}
    exec(compile(example("truefalse.py"), str(DOC), "exec"), namespace)  # noqa: S102 - our own documentation
    return namespace["TrueFalseExercise"]


@pytest.fixture
def package_with_true_false(tmp_path: Path) -> Path:
    root = shutil.copytree(DEMO, tmp_path / "demo-minimal")
    course = root / "course.toml"
    course.write_text(course.read_text(encoding="utf-8") + "true-false = 1\n", encoding="utf-8")
    unit = root / "units" / "premiers-pas" / "unit.toml"
    unit.write_text(
        unit.read_text(encoding="utf-8") + '\n[[items]]\nexercise = "vrai-ou-faux"\n', encoding="utf-8"
    )
    folder = root / "units" / "premiers-pas" / "vrai-ou-faux"
    folder.mkdir()
    (folder / "exercise.toml").write_text(example("exercise.toml"), encoding="utf-8")
    return root


def test_the_documented_example_is_the_plugins_code_and_templates():
    assert example("truefalse.py") == (PLUGIN / "__init__.py").read_text(encoding="utf-8")
    doc = DOC.read_text(encoding="utf-8")
    for template in ("exercise.html", "editor.html"):
        assert (PLUGIN / "templates" / template).read_text(encoding="utf-8") in doc


def test_the_documented_type_loads_validates_and_grades(true_false, package_with_true_false):
    registry = builtin_registry()
    with registry.temporary(true_false) as exercise_type:
        package, problems = load_package(package_with_true_false, registry)
        assert problems == []
        item = package.item("vrai-ou-faux")
        assert (item.type_name, item.title) == ("true-false", "Vrai ou faux ?")
        assert exercise_type.public_view(item.config) == {"statement": "En Python, `3 / 2` vaut `1.5`."}
        right = exercise_type.grade(item.config, {"answer": True})
        assert (right.score, right.passed) == (1.0, True)
        assert not exercise_type.grade(item.config, {"answer": "true"}).passed
        assert not exercise_type.grade(item.config, None).passed
        assert exercise_type.feedback_view(item.config, right)[0]["explanation"].startswith("`/`")
        assert exercise_type.write(item.config) == (
            {key: item.config[key] for key in ("statement", "answer", "explanation")},
            {},
        )
    assert not registry.is_available("true-false")


def test_without_the_type_the_exercise_is_unavailable_but_still_loaded(package_with_true_false):
    package, problems = load_package(package_with_true_false, builtin_registry())
    item = package.item("vrai-ou-faux")
    assert item.config is None
    assert item.raw["statement"] == "En Python, `3 / 2` vaut `1.5`."
    assert [p.message for p in problems] == [
        "unknown exercise type 'true-false' (available: parsons, predict-output, python, quiz, reflection, webpage)",
        "[requires] names unknown exercise type 'true-false'",
    ]


def test_the_documented_type_reports_shape_problems_with_lines(true_false, package_with_true_false):
    toml = package_with_true_false / "units" / "premiers-pas" / "vrai-ou-faux" / "exercise.toml"
    toml.write_text(example("exercise.toml").replace("answer = true", 'answer = "oui"'), encoding="utf-8")
    registry = ExerciseTypeRegistry()
    for cls in (true_false, *[type(builtin_registry().get(n)) for n in ("quiz", "python", "reflection")]):
        registry.register(cls)
    _, problems = load_package(package_with_true_false, registry)
    where = "demo-minimal/units/premiers-pas/vrai-ou-faux/exercise.toml:5"
    assert [str(p) for p in problems] == [f"{where}: 'answer' must be true or false, not a string"]
