"""Parsons problems: parsing, validation, secrecy of the public view, form reading and grading edge cases."""

from __future__ import annotations

import json
import re

import pytest
from werkzeug.datastructures import MultiDict

from lms.exercises import ParsonsExercise
from lms.exercises.parsons import blocks

SOLUTION = "def total(values):\n    result = 0\n    for value in values:\n        result += value\n    return result\n"
CONFIG = {
    "prompt": "Écrivez `total(values)`.",
    "solution": SOLUTION,
    "distractors": ["return value", "result = 1"],
    "max_attempts": 0,
}
RIGHT = [
    ("def total(values):", 0),
    ("result = 0", 1),
    ("for value in values:", 1),
    ("result += value", 2),
    ("return result", 1),
]


@pytest.fixture
def parsons() -> ParsonsExercise:
    return ParsonsExercise()


def key(text: str) -> str:
    return next(b["key"] for b in blocks(CONFIG) if b["text"] == text)


def program(lines) -> dict:
    return {"lines": [{"key": key(text), "indent": indent} for text, indent in lines]}


def test_parse_and_write_round_trip(parsons, make_files):
    toml = (
        'type = "parsons"\ntype_version = 1\ntitle = "Total"\nprompt = "Écrivez `total(values)`."\n'
        f'solution = """\n{SOLUTION}"""\ndistractors = ["return value", "result = 1"]\n'
    )
    files = make_files(toml)
    config = parsons.parse(files)
    assert files.problems == [] and config == CONFIG
    keys, extra = parsons.write(config)
    assert keys == CONFIG and extra == {}
    assert parsons.validate(config) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"solution": "x = 1\n"}, "at least two"),
        ({"solution": "if x:\n  y = 1\n"}, "multiples of 4"),
        ({"solution": "def f(:\n    pass\n"}, "not valid Python"),
        ({"distractors": ["result = 0"]}, "also a line of the solution"),
        ({"distractors": ["  "]}, "must not be empty"),
        ({"max_attempts": -1}, "max_attempts"),
    ],
)
def test_validation_reports_meaning_problems(parsons, change, message):
    problems = parsons.validate({**CONFIG, **change})
    assert any(message in p.message for p in problems), problems


def test_the_public_view_gives_away_neither_order_nor_indentation_nor_distractors(parsons):
    public = parsons.public_view(CONFIG)
    assert set(public) == {"prompt", "blocks", "max_attempts", "max_level"}
    texts = [b["text"] for b in public["blocks"]]
    assert sorted(texts) == sorted([t for t, _ in RIGHT] + CONFIG["distractors"])
    assert texts != [t for t, _ in RIGHT] + CONFIG["distractors"]  # not in the reference's order
    assert all(set(b) == {"key", "text"} and b["text"] == b["text"].strip() for b in public["blocks"])
    assert all(re.fullmatch("[0-9a-f]{10}", b["key"]) for b in public["blocks"])
    assert [b["key"] for b in blocks({**CONFIG, "distractors": []})] == [
        b["key"] for b in public["blocks"] if b["text"] not in CONFIG["distractors"]
    ]  # a key depends on the text only: it tells nothing about distractors
    dumped = json.dumps(public)
    assert SOLUTION not in dumped and 'indent": 1' not in dumped
    assert parsons.public_view(CONFIG) == public  # stable between visits


def test_the_right_program_passes(parsons):
    result = parsons.grade(CONFIG, program(RIGHT))
    assert (result.score, result.passed) == (1.0, True)
    assert result.feedback == [{"correct": True, "in_place": 5, "lines": 5, "given": 5}]


@pytest.mark.parametrize(
    ("lines", "score"),
    [
        ([*RIGHT[:4], ("return result", 2)], 0.8),  # wrong indentation of one line
        ([RIGHT[0], RIGHT[2], RIGHT[1], RIGHT[3], RIGHT[4]], 0.8),  # two lines swapped
        ([*RIGHT, ("return value", 1)], 5 / 6),  # a distractor used on top
        (RIGHT[:3], 0.6),  # unfinished
        ([], 0.0),
    ],
)
def test_partial_programs_score_their_longest_right_run(parsons, lines, score):
    result = parsons.grade(CONFIG, program(lines))
    assert not result.passed and result.score == pytest.approx(score)


def test_identical_lines_are_interchangeable(parsons):
    config = {**CONFIG, "solution": "print(1)\nprint(1)\nprint(2)\n", "distractors": []}
    ones = [b["key"] for b in blocks(config) if b["text"] == "print(1)"]
    two = next(b["key"] for b in blocks(config) if b["text"] == "print(2)")
    submission = {"lines": [{"key": k, "indent": 0} for k in (*reversed(ones), two)]}
    assert parsons.grade(config, submission).passed


@pytest.mark.parametrize(
    "submission",
    [
        None,
        {},
        {"lines": "def total"},
        {"lines": [{"key": "nope", "indent": 0}]},
        {"lines": [{"key": "x"}]},
        {"lines": [["a", 0]]},
        {"lines": [{"key": None, "indent": True}]},
        {"lines": [{"indent": -1}] * 500},
    ],
)
def test_malformed_submissions_grade_as_wrong_and_never_raise(parsons, submission):
    result = parsons.grade(CONFIG, submission)
    assert (result.score, result.passed) == (0.0, False)


def test_a_submission_that_names_a_valid_key_once_wrongly_counts_nothing(parsons):
    bad = program(RIGHT)
    bad["lines"].append({"key": "forged", "indent": 0})
    assert parsons.grade(CONFIG, bad).score == 0.0


def test_the_form_is_read_in_the_chosen_order_with_indentation(parsons):
    form = MultiDict()
    for position, (text, indent) in enumerate(RIGHT, 1):
        form[f"pos-{key(text)}"] = str(position)
        form[f"indent-{key(text)}"] = str(indent)
    form[f"pos-{key('return value')}"] = ""  # not used
    form[f"indent-{key('result = 1')}"] = "abc"
    assert parsons.submission_from_form(CONFIG, form) == program(RIGHT)
    odd = MultiDict({f"pos-{key('result = 0')}": "2", f"indent-{key('result = 0')}": "99", "pos-forged": "1"})
    assert parsons.submission_from_form(CONFIG, odd) == {"lines": [{"key": key("result = 0"), "indent": 6}]}
