"""Feedback that teaches beginners: what a learner is told about each test, and what is never told.

Messages are stored as keys and arguments and worded when shown, in the viewer's language; rows
stored before that (plain strings) still show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask_babel import force_locale

from lms.exercises.base import GradeResult
from lms.exercises.python_feedback import display_entries, hidden_crash, message, render, run_error_view
from lms.exercises.python_rules import Rules, compare
from lms.sandbox import TypedValue
from tests.exercises.test_python_type import FILES, PYTHON, TOML


@dataclass
class Case:
    value: Any = None
    has_value: bool = False
    stdout: str = ""
    error: str | None = None
    line: int | None = None
    stderr: str = ""


@dataclass
class Run:
    status: str = "ok"
    cases: list[Case] = field(default_factory=list)


def ok(value: Any, stdout: str = "") -> Case:
    return Case(value, True, stdout)


@pytest.fixture
def config(make_files, parse_checked):
    config, problems = parse_checked(PYTHON, make_files(TOML, **FILES))
    assert problems == []
    return json.loads(json.dumps(config))


def shown(config, run) -> list[dict]:
    result = PYTHON.grade(config, {}, run)
    return PYTHON.feedback_view(
        config, GradeResult(result.score, result.passed, json.loads(json.dumps(result.feedback)))
    )


def test_what_a_public_tests_function_printed_is_shown(config):
    entries = shown(config, Run(cases=[ok(6, stdout="calcul en cours\n"), ok(42), Case(stdout="5\n")]))
    assert entries[0]["stdout"] == "calcul en cours\n"
    assert entries[0]["reason_text"] == "The value is not the one expected."


@pytest.mark.parametrize(
    ("actual", "expected", "rules", "words"),
    [
        (2, 2.5, Rules(int_float="strict"), "Expected a decimal number (float), got an integer (int)."),
        (2.0, 2, Rules(int_float="ints"), "Expected an integer (int), got a decimal number (float)."),
        (
            TypedValue("Counter", "Counter({'a': 1})", {"a": 1}),
            {"a": 1},
            Rules(exact_type=True),
            "Expected a dictionary (dict), got a Counter.",
        ),
        (None, [1], Rules(), "Your function returned None: is a return statement missing?"),
        ([1, 2], [1, 2, 3], Rules(), "Expected 3 items, got 2."),
        ([1, "2"], [1, 2], Rules(), "At [1]: Expected an integer (int), got a string (str)."),
    ],
)
def test_a_type_mismatch_is_named(actual, expected, rules, words):
    assert render(compare(actual, expected, rules).as_message()) == words


def test_messages_are_worded_in_the_viewers_language_at_display(app):
    stored = json.loads(json.dumps(message("mismatch_type", expected="float", actual="int")))
    with force_locale("fr"):
        french = render(stored)
    with force_locale("ar"):
        arabic = render(stored)
    with force_locale("en"):
        english = render(stored)
    assert english == "Expected a decimal number (float), got an integer (int)."
    assert french != english and "float" in french
    assert arabic != french and "float" in arabic


def test_rows_stored_as_plain_strings_still_show():
    old = [
        {"kind": "test", "name": "t", "hidden": True, "passed": False, "message": "Test caché échoué."},
        {"kind": "test", "name": "u", "hidden": False, "passed": False, "error": "La valeur diffère."},
        {"kind": "run", "status": "timeout", "passed": False, "message": "Trop long."},
    ]
    entries = display_entries(old)
    assert [e["message_text"] for e in entries] == ["Test caché échoué.", "", "Trop long."]
    assert entries[1]["error_text"] == "La valeur diffère."
    assert render({"key": "no-such-key"}) == "The test failed."


def test_a_traceback_points_at_the_learners_line(config):
    run = Run(cases=[Case(error="ZeroDivisionError: division by zero", line=3), ok(42), Case(stdout="5\n")])
    (public, *_) = shown(config, run)
    assert public["error_text"] == "ZeroDivisionError: division by zero" and public["error_line"] == 3


def test_input_without_stdin_is_explained(config):
    run = Run(cases=[Case(error="EOFError: EOF when reading a line", line=1), ok(42), Case(stdout="5\n")])
    (public, *_) = shown(config, run)
    assert "this test gives it nothing to read" in public["error_hint"]
    assert "the Input box is empty" in render(
        run_error_view("EOFError: EOF when reading a line", 1, False)["hint"]
    )
    assert "more times" in render(run_error_view("EOFError: EOF when reading a line", 1, True)["hint"])


def test_a_syntax_error_is_reported_once_with_its_line(config):
    error = "SyntaxError: '(' was never closed (main.py, line 4)"
    run = Run(cases=[Case(error=error, line=4) for _ in range(3)])
    entries = shown(config, run)
    assert entries[0]["kind"] == "syntax" and entries[0]["error_line"] == 4
    assert json.dumps(PYTHON.grade(config, {}, run).feedback).count("never closed") == 1
    assert [e["passed"] for e in entries] == [False, False, False, False]


def test_hidden_tests_say_how_they_failed_and_never_with_what(config):
    run = Run(cases=[ok(5), Case(error="KeyError: 'somme(40, 2) secret'"), ok(None, stdout="6\n")])
    _, crashed, printed = shown(config, run)
    assert crashed["message_text"] == "Hidden test crashed (KeyError)."
    assert printed["message_text"] == "Hidden test failed: your code printed something else."
    text = json.dumps(PYTHON.grade(config, {}, run).feedback)
    for secret in ("somme(40, 2)", "42", "secret'", "6\\n", "2\\n3", "import math"):
        assert secret not in text
    wrong = shown(config, Run(cases=[ok(5), ok(41), Case(stdout="5\n")]))[1]
    assert wrong["message_text"] == "Hidden test failed: your code returned a wrong value."


def test_a_hidden_test_never_names_an_exception_class_of_the_learners_own():
    # a class named after the hidden input would carry it out through its name
    assert render(hidden_crash("Leak_40_2: boom")) == "Hidden test crashed."
    assert render(hidden_crash("ValueError: 40, 2")) == "Hidden test crashed (ValueError)."


def test_hidden_entries_carry_no_line_output_or_error_text(config):
    run = Run(cases=[ok(5), Case(error="ValueError: x", line=7, stdout="leak 40\n"), Case(stdout="9\n")])
    feedback = PYTHON.grade(config, {}, run).feedback
    for entry in feedback[1:]:
        assert set(entry) == {"kind", "name", "hidden", "passed", "message"}
