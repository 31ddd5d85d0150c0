"""The example type's own tests: pure, like its methods (the app's suite drives it over HTTP and in a browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from maharat_truefalse import TrueFalseExercise
from werkzeug.datastructures import MultiDict

from lms.exercises import ExerciseFiles
from lms.exercises.toml_source import parse_toml

CONFIG = {"statement": "`3 / 2` vaut `1.5`.", "answer": True, "explanation": "Division décimale."}


@pytest.fixture
def true_false() -> TrueFalseExercise:
    return TrueFalseExercise()


def test_it_ships_its_templates_and_static_files(true_false):
    folder = true_false.template_folder()
    assert (folder / "exercise.html").is_file() and (folder / "editor.html").is_file()
    assert (true_false.static_folder() / "true-false.css").is_file()


def test_parse_reads_exercise_toml_and_write_is_its_inverse(true_false, tmp_path: Path):
    text = (
        'type = "true-false"\ntype_version = 1\ntitle = "V"\nstatement = "`3 / 2` vaut `1.5`."\n'
        'answer = true\nexplanation = "Division décimale."\n'
    )
    doc, problems = parse_toml(text, "course/u/e/exercise.toml")
    files = ExerciseFiles(tmp_path, "course/u/e", doc)
    assert true_false.parse(files) == CONFIG and files.problems == [] and problems == []
    keys, extra = true_false.write(CONFIG)
    assert keys == CONFIG and extra == {}


def test_the_public_view_keeps_the_answer_and_explanation_secret(true_false):
    public = true_false.public_view(CONFIG)
    assert public == {"statement": CONFIG["statement"]}


@pytest.mark.parametrize(
    ("posted", "answer"),
    [({"answer": "true"}, True), ({"answer": "false"}, False), ({"answer": "yes"}, None), ({}, None)],
)
def test_the_form_is_read_into_a_boolean_or_nothing(true_false, posted, answer):
    assert true_false.submission_from_form(CONFIG, MultiDict(posted)) == {"answer": answer}


@pytest.mark.parametrize(
    ("submission", "passed"),
    [
        ({"answer": True}, True),
        ({"answer": False}, False),
        ({"answer": "true"}, False),
        (None, False),
        ({}, False),
    ],
)
def test_grading_never_raises_and_takes_only_the_right_boolean(true_false, submission, passed):
    result = true_false.grade(CONFIG, submission)
    assert (result.passed, result.score) == (passed, 1.0 if passed else 0.0)


def test_an_empty_statement_is_a_problem(true_false):
    assert [p.key for p in true_false.validate({**CONFIG, "statement": "  "})] == [("statement",)]
