"""The quiz type: each question kind's grading edge cases, validation, and what the learner sees."""

from __future__ import annotations

import json

import pytest

from lms.exercises.questions import normalise_text, parse_number
from lms.exercises.quiz import QuizExercise

QUIZ = QuizExercise()


def question(kind: str, **extra) -> dict:
    base = {"id": "q", "kind": kind, "text": "?", "points": 1, "explanation": ""}
    return {**base, **extra}


def choices(*correct: bool) -> list[dict]:
    return [{"id": chr(97 + i), "text": f"choice {i}", "correct": c} for i, c in enumerate(correct)]


def score(q: dict, value) -> float:
    config = {"intro": "", "pass_mark": 1, "max_attempts": 0, "questions": [q]}
    return QUIZ.grade(config, {"answers": {"q": value}}).score


@pytest.mark.parametrize(
    ("value", "expected"),
    [("b", 1.0), ("a", 0.0), ("z", 0.0), (["b"], 0.0), (None, 0.0), (1, 0.0), ("", 0.0)],
)
def test_single_choice_is_all_or_nothing_and_unknown_ids_are_wrong(value, expected):
    assert score(question("single", choices=choices(False, True, False)), value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["a", "c"], 1.0),
        (["c", "a"], 1.0),
        (["a"], 0.5),
        (["a", "b"], 0.0),
        (["a", "c", "b"], 0.5),
        (["b"], 0.0),
        (["a", "a"], 0.5),
        ([], 0.0),
        (["a", "zz"], 0.0),
        ("a", 0.0),
        (["a", 3], 0.0),
        (None, 0.0),
    ],
)
def test_multiple_choice_gives_partial_credit_never_below_zero(value, expected):
    assert score(question("multiple", choices=choices(True, False, True)), value) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 1.0),
        (" 3 ", 1.0),
        ("3.0", 1.0),
        ("3,0", 1.0),
        ("+3", 1.0),
        ("٣", 1.0),  # Arabic-Indic digit
        (3, 1.0),
        (3.0, 1.0),
        ("3,5", 0.0),
        ("1.000,5", 0.0),
        ("3.0.0", 0.0),
        ("three", 0.0),
        ("", 0.0),
        ("nan", 0.0),
        ("inf", 0.0),
        ("1e400", 0.0),
        (True, 0.0),
        (None, 0.0),
        (["3"], 0.0),
    ],
)
def test_numeric_accepts_a_comma_and_rejects_non_numbers(value, expected):
    assert score(question("numeric", answer=3, tolerance=0), value) == expected


@pytest.mark.parametrize(("value", "expected"), [("2.99", 1.0), ("3,01", 1.0), ("3.02", 0.0), ("2.98", 0.0)])
def test_numeric_tolerance_is_absolute_and_inclusive(value, expected):
    assert score(question("numeric", answer=3, tolerance=0.01), value) == expected


def test_numeric_float_answers_survive_rounding():
    assert score(question("numeric", answer=0.3, tolerance=0), "0,3") == 1.0
    assert score(question("numeric", answer=0.1 + 0.2, tolerance=0), "0.3") == 1.0


@pytest.mark.parametrize(
    ("accepted", "value", "expected"),
    [
        (["def"], "def", 1.0),
        (["def"], "  DEF ", 1.0),
        (["def"], "ｄｅｆ", 1.0),  # full-width, folded by NFKC
        (["élève"], "eleve", 1.0),
        (["eleve"], "ÉLÈVE", 1.0),
        (["كتب"], "كَتَبَ", 1.0),  # Arabic diacritics do not matter
        (["كتب"], "كـتـب", 1.0),  # nor does the tatweel
        (["for loop"], "for   \t loop", 1.0),
        (["def", "lambda"], "lambda", 1.0),
        (["def"], "de f", 0.0),
        (["def"], "", 0.0),
        (["def"], "   ", 0.0),
        (["def"], None, 0.0),
        (["def"], ["def"], 0.0),
    ],
)
def test_text_answers_are_normalised(accepted, value, expected):
    assert score(question("text", accepted=accepted, case_sensitive=False), value) == expected


def test_text_answers_can_be_case_sensitive_but_still_ignore_accents():
    q = question("text", accepted=["True"], case_sensitive=True)
    assert score(q, "True") == 1.0
    assert score(q, "true") == 0.0
    assert normalise_text("Élève  X", case_sensitive=True) == "Eleve X"


def test_parse_number_handles_minus_signs_and_arabic_separator():
    assert parse_number("−2") == -2.0
    assert parse_number("٣٫٥") == 3.5
    assert parse_number(float("nan")) is None


QUIZ_TOML = """
type = "quiz"
type_version = 1
title = "Quiz"
pass_mark = 0.7

[[questions]]
id = "q1"
kind = "single"
text = "Type de `3.5` ?"
explanation = "C'est un `float`."
[[questions.choices]]
id = "a"
text = "int"
[[questions.choices]]
id = "b"
text = "float"
correct = true

[[questions]]
id = "q2"
kind = "numeric"
text = "7 // 2 ?"
answer = 3
points = 2

[[questions]]
id = "q3"
kind = "text"
text = "Mot-clé ?"
accepted = ["def"]
explanation = "On écrit `def`."
"""


@pytest.fixture
def quiz_config(make_files, parse_checked):
    config, problems = parse_checked(QUIZ, make_files(QUIZ_TOML))
    assert problems == []
    return json.loads(json.dumps(config))  # as the core stores it


def test_score_is_points_earned_over_points_possible(quiz_config):
    result = QUIZ.grade(quiz_config, {"answers": {"q1": "b", "q2": "4", "q3": "def"}})
    assert result.score == pytest.approx(2 / 4)
    assert not result.passed
    assert [(f["id"], f["earned"], f["correct"]) for f in result.feedback] == [
        ("q1", 1.0, True),
        ("q2", 0.0, False),
        ("q3", 1.0, True),
    ]
    assert result.details == {"earned": 2.0, "possible": 4.0}


def test_pass_mark_is_inclusive(quiz_config):
    quiz_config["pass_mark"] = 0.75
    assert QUIZ.grade(quiz_config, {"answers": {"q1": "a", "q2": "3", "q3": "def"}}).passed


@pytest.mark.parametrize(
    "submission", [{}, {"answers": None}, {"answers": ["b"]}, None, "b", {"answers": {"q9": "b"}}]
)
def test_malformed_submissions_grade_as_wrong_without_raising(quiz_config, submission):
    result = QUIZ.grade(quiz_config, submission)
    assert result.score == 0.0
    assert not result.passed


def test_public_view_hides_answers_and_explanations(quiz_config):
    view = QUIZ.public_view(quiz_config)
    text = json.dumps(view)
    for secret in (
        '"correct"',
        '"answer"',
        '"accepted"',
        '"explanation"',
        '"tolerance"',
        "C'est un",
        "On écrit",
    ):
        assert secret not in text
    assert view["total_points"] == 4
    assert view["questions"][0]["choices"] == [{"id": "a", "text": "int"}, {"id": "b", "text": "float"}]


def test_feedback_view_gives_explanations_after_an_attempt(quiz_config):
    result = QUIZ.grade(quiz_config, {"answers": {"q1": "b"}})
    view = QUIZ.feedback_view(quiz_config, result)
    assert [(v["id"], v["explanation"], v["earned"]) for v in view] == [
        ("q1", "C'est un `float`.", 1.0),
        ("q2", "", 0.0),
        ("q3", "On écrit `def`.", 0.0),
    ]


def test_max_attempts_defaults_to_unlimited_and_is_exposed(quiz_config):
    assert quiz_config["max_attempts"] == 0
    assert QUIZ.public_view(quiz_config)["max_attempts"] == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('correct = true\n\n[[questions]]\nid = "q2"', 'correct = true\n[[questions]]\nid = "q1"'),
            "duplicate question id 'q1'",
        ),
        (("pass_mark = 0.7", "pass_mark = 0"), "'pass_mark' must be more than 0 and at most 1"),
        (("pass_mark = 0.7", "pass_mark = 1.5"), "'pass_mark' must be more than 0 and at most 1"),
        (("points = 2", "points = 0"), "question 'q2': 'points' must be more than 0"),
        (("answer = 3", "answer = 3\ntolerance = -1"), "question 'q2': 'tolerance' must not be negative"),
        (
            ('accepted = ["def"]', "accepted = []"),
            "question 'q3': a text question needs at least one accepted answer",
        ),
        (('accepted = ["def"]', 'accepted = [" "]'), "question 'q3': an accepted answer is empty"),
        (('id = "b"', 'id = "a"'), "question 'q1': duplicate choice id 'a'"),
        (
            ('id = "q1"', 'id = "Q 1"'),
            "question id 'Q 1' must be a slug (lowercase letters, digits, hyphens)",
        ),
        (("max_attempts", "max_attempts"), None),
    ],
)
def test_validation_reports_answer_key_problems(make_files, parse_checked, change, message):
    old, new = change
    _config, problems = parse_checked(QUIZ, make_files(QUIZ_TOML.replace(old, new, 1)))
    assert problems == ([message] if message else [])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "correct = true",
            "correct = false",
            "a single-choice question needs exactly one correct choice, found 0",
        ),
        (
            'text = "int"',
            'text = "int"\ncorrect = true',
            "a single-choice question needs exactly one correct choice, found 2",
        ),
        ('kind = "single"', 'kind = "multiple"', None),
    ],
)
def test_choice_questions_need_a_fitting_answer_key(make_files, parse_checked, old, new, message):
    _, problems = parse_checked(QUIZ, make_files(QUIZ_TOML.replace(old, new, 1)))
    assert problems == ([f"question 'q1': {message}"] if message else [])


def test_multiple_choice_needs_a_correct_choice(make_files, parse_checked):
    toml = QUIZ_TOML.replace('kind = "single"', 'kind = "multiple"').replace("correct = true", "")
    _, problems = parse_checked(QUIZ, make_files(toml))
    assert problems == ["question 'q1': a multiple-choice question needs at least one correct choice"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'kind = "numeric"',
            'kind = "essay"',
            "unknown question kind 'essay' (known: single, multiple, numeric, text, ordering, matching, cloze)",
        ),
        ("answer = 3", 'answer = "3"', "'answer' must be a number, not a string"),
        ("answer = 3", "", "missing required key 'answer'"),
        ("answer = 3", "answer = 3\naccepted = ['3']", "unknown key 'accepted'"),
        ("pass_mark = 0.7", "", "missing required key 'pass_mark'"),
        ("pass_mark = 0.7", "pass_mark = 0.7\nshuffle = true", "unknown key 'shuffle'"),
        ('id = "a"', 'id = "a"\ncorect = true', "unknown key 'corect'"),
    ],
)
def test_shape_problems_are_reported_by_parse(make_files, parse_checked, old, new, message):
    files = make_files(QUIZ_TOML.replace(old, new, 1))
    _, problems = parse_checked(QUIZ, files)
    assert problems == [message]
    top_level_missing = message == "missing required key 'pass_mark'"
    assert (files.problems[0].line is None) == top_level_missing


def test_a_problem_points_at_the_line_of_its_key(make_files):
    files = make_files(QUIZ_TOML.replace("answer = 3", 'answer = "3"'))
    QUIZ.parse(files)
    (problem,) = files.problems
    assert problem.line == QUIZ_TOML.splitlines().index("answer = 3") + 1
    assert str(problem).startswith(f"course/units/u/exercise/exercise.toml:{problem.line}: ")
