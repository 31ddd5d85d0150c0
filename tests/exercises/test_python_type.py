"""The python type: parsing an exercise folder, the sandbox request, grading a run, secrecy."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from lms.exercises import PythonExercise, SandboxRequest
from lms.exercises.python_feedback import render

PYTHON = PythonExercise()

TOML = """
type = "python"
type_version = 1
title = "Somme"
packages = ["numpy"]

[limits]
cpu_seconds = 2
memory_mb = 128

[[tests]]
name = "deux entiers"
call = "somme(2, 3)"
expected = "5"

[[tests]]
name = "secret"
call = "somme(40, 2)"
expected = "42"
setup = "import math"
hidden = true

[[tests]]
name = "affiche"
stdin = "2\\n3\\n"
stdout = "5\\n"
hidden = true
"""
SOLUTION = (
    "def somme(a, b):\n    return a + b\n\n"
    "if __name__ == '__main__':\n    print(somme(int(input()), int(input())))\n"
)
FILES = {
    "prompt.md": "Écrivez `somme(a, b)`.",
    "starter.py": "def somme(a, b):\n    return 0\n",
    "solution.py": SOLUTION,
    "wrong__concat.py": "def somme(a, b):\n    return str(a) + str(b)\n",
    "data__valeurs.csv": "a,b\n1,2\n",
}


@dataclass
class Case:
    value: Any = None
    has_value: bool = False
    stdout: str = ""
    error: str | None = None


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


def test_parse_reads_every_file(config):
    assert config["prompt"] == "Écrivez `somme(a, b)`."
    assert config["solution"] == SOLUTION
    assert config["wrong"] == {"wrong/concat.py": FILES["wrong__concat.py"]}
    assert base64.b64decode(config["data"]["valeurs.csv"]) == b"a,b\n1,2\n"
    assert config["limits"] == {"cpu_seconds": 2, "memory_mb": 128}
    assert [t["name"] for t in config["tests"]] == ["deux entiers", "secret", "affiche"]


def test_sandbox_request_lists_one_case_per_test_in_order(config):
    request = PYTHON.sandbox_request(config, {"code": "x = 1"})
    assert isinstance(request, SandboxRequest)
    assert request.code == "x = 1"
    assert request.cases == [
        {"setup": None, "stdin": "", "call": "somme(2, 3)"},
        {"setup": "import math", "stdin": "", "call": "somme(40, 2)"},
        {"setup": None, "stdin": "2\n3\n", "call": None},
    ]
    assert request.files == {"valeurs.csv": b"a,b\n1,2\n"}
    assert request.limits == {"cpu_seconds": 2, "memory_mb": 128}
    assert request.packages == ["numpy"]


@pytest.mark.parametrize("submission", [{}, {"code": 3}, None])
def test_a_malformed_submission_runs_as_empty_code(config, submission):
    assert PYTHON.sandbox_request(config, submission).code == ""


def test_all_tests_passing_scores_one(config):
    result = PYTHON.grade(config, {"code": SOLUTION}, Run(cases=[ok(5), ok(42), Case(stdout="5  \n\n")]))
    assert (result.score, result.passed) == (1.0, True)
    assert [entry["passed"] for entry in result.feedback] == [True, True, True]


def test_public_tests_show_everything_hidden_tests_only_name_and_verdict(config):
    run = Run(cases=[ok(6), Case(error="NameError: name 'secret_value' is not defined"), Case(stdout="6\n")])
    result = PYTHON.grade(config, {"code": "..."}, run)
    assert result.score == 0.0 and not result.passed
    public, secret, printed = result.feedback
    assert public["call"] == "somme(2, 3)"
    assert public["expected"] == "5"
    assert public["got"] == "6"
    assert render(public["reason"]) == "The value is not the one expected."
    assert secret == {
        "kind": "test",
        "name": "secret",
        "hidden": True,
        "passed": False,
        "message": {"key": "hidden_crashed", "args": {"error": "NameError"}},
    }
    assert render(secret["message"]) == "Hidden test crashed (NameError)."
    assert set(printed) == {"kind", "name", "hidden", "passed", "message"}
    assert "secret_value" not in json.dumps(result.feedback)
    assert "secret_value" in json.dumps(result.details)  # staff may see why


def test_an_exception_in_a_public_test_is_its_feedback(config):
    run = Run(cases=[Case(error="ZeroDivisionError: division by zero"), ok(42), Case(stdout="5\n")])
    result = PYTHON.grade(config, {}, run)
    assert result.feedback[0]["error"]["text"] == "ZeroDivisionError: division by zero"
    assert result.score == pytest.approx(2 / 3)
    assert not result.passed


@pytest.mark.parametrize(
    ("value", "passed"), [(5, True), (5.0, True), (True, False), ("5", False), (None, False), ((5,), False)]
)
def test_values_are_compared_by_type_and_numbers_by_value(config, value, passed):
    result = PYTHON.grade(config, {}, Run(cases=[ok(value), ok(42), Case(stdout="5\n")]))
    assert result.feedback[0]["passed"] is passed


@pytest.mark.parametrize("where", ["exercise", "test"])
def test_an_exercise_may_ask_for_an_int_and_is_told_what_it_got(config, where):
    if where == "exercise":
        config["compare"] = {"int_float": "ints"}
    else:
        config["tests"][0]["int_float"] = "strict"
    result = PYTHON.grade(config, {}, Run(cases=[ok(5.0), ok(42), Case(stdout="5\n")]))
    assert result.feedback[0]["passed"] is False
    assert render(result.feedback[0]["reason"]) == "Expected an integer (int), got a decimal number (float)."


def test_a_call_without_a_value_fails(config):
    result = PYTHON.grade(config, {}, Run(cases=[Case(), ok(42), Case(stdout="5\n")]))
    assert render(result.feedback[0]["reason"]) == "The expression gave no value."


def test_a_missing_case_fails_its_test(config):
    result = PYTHON.grade(config, {}, Run(cases=[ok(5)]))
    assert [entry["passed"] for entry in result.feedback] == [True, False, False]
    assert result.details["tests"][1]["reason"] == "No result was produced for this test."


def test_an_extra_case_is_ignored(config):
    result = PYTHON.grade(config, {}, Run(cases=[ok(5), ok(42), Case(stdout="5\n"), ok(0)]))
    assert result.passed


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("timeout", "too long"),
        ("memory", "too much memory"),
        ("output", "printed too much"),
        ("crashed", "stopped unexpectedly"),
        ("sandbox-exploded", "could not be run"),
    ],
)
def test_a_run_that_did_not_finish_scores_zero_with_a_clear_message(config, status, words):
    result = PYTHON.grade(config, {}, Run(status=status, cases=[ok(5), ok(42), Case(stdout="5\n")]))
    assert (result.score, result.passed) == (0.0, False)
    (entry,) = result.feedback
    assert entry["kind"] == "run" and entry["status"] == status
    assert words in render(entry["message"])


def test_no_run_fails_closed(config):
    result = PYTHON.grade(config, {"code": SOLUTION})
    assert (result.score, result.passed) == (0.0, False)
    assert result.feedback[0]["status"] == "not_run"


def test_a_test_may_widen_the_float_tolerance(config):
    config["tests"][0].update(expected="0.5", tolerance=0.01)
    result = PYTHON.grade(config, {}, Run(cases=[ok(0.505), ok(42), Case(stdout="5\n")]))
    assert result.passed


def test_public_view_keeps_secrets_out(config):
    view = PYTHON.public_view(config)
    text = json.dumps(view)
    assert view["tests"][1:] == [{"name": "secret", "hidden": True}, {"name": "affiche", "hidden": True}]
    for secret in (
        "somme(40, 2)",
        "42",
        "import math",
        "return a + b",
        "str(a)",
        config["data"]["valeurs.csv"],
    ):
        assert secret not in text
    assert view["starter"] == FILES["starter.py"]
    assert view["data_files"] == ["valeurs.csv"]


def test_reference_submissions_are_solution_starter_and_wrong_answers(config):
    checks = PYTHON.reference_submissions(config)
    assert [(label, must_pass) for label, _, must_pass in checks] == [
        ("solution.py", True),
        ("starter.py", False),
        ("wrong/concat.py", False),
    ]
    assert checks[0][1] == {"code": SOLUTION}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'expected = "5"',
            'expected = "cinq"',
            "test 'deux entiers': 'expected' is not a Python literal: 'cinq'",
        ),
        (
            'expected = "5"',
            'expected = "[1, 2"',
            "test 'deux entiers': 'expected' is not a Python literal: '[1, 2'",
        ),
        (
            'call = "somme(2, 3)"',
            'call = "somme(2, "',
            "test 'deux entiers': 'call' is not a valid Python expression: ",
        ),
        (
            'call = "somme(2, 3)"',
            'call = "x = 1"',
            "test 'deux entiers': 'call' is not a valid Python expression: ",
        ),
        ('setup = "import math"', 'setup = "import"', "test 'secret': 'setup' is not valid Python: "),
        ('expected = "5"\n', "\n", "test 'deux entiers': 'call' and 'expected' go together"),
        ('name = "secret"', 'name = "deux entiers"', "duplicate test name 'deux entiers'"),
        ('stdout = "5\\n"', "", "test 'affiche' needs 'call' and 'expected', or 'stdout'"),
        ('hidden = true\n\n[[tests]]\nname = "affiche"', '\n[[tests]]\nname = "affiche"', None),
        (
            'packages = ["numpy"]',
            'packages = ["requests"]',
            "package 'requests' is not available (allowed: matplotlib, numpy, pandas, sklearn)",
        ),
        ("cpu_seconds = 2", "cpu_seconds = 0", "limit 'cpu_seconds' must be more than 0"),
        ("cpu_seconds = 2", "cpu_seconds = 2\ndisk_mb = 1", "unknown key 'disk_mb'"),
        ('name = "secret"', 'nom = "secret"', "unknown key 'nom'"),
    ],
)
def test_validation_of_tests_and_settings(make_files, parse_checked, old, new, message):
    assert old in TOML
    _, problems = parse_checked(PYTHON, make_files(TOML.replace(old, new, 1), **FILES))
    if message is None:
        assert problems == []
    else:
        assert problems[0].startswith(message), problems
        assert len(problems) == 1 or problems == [message, "missing required key 'name'"]


def test_public_and_hidden_tests_are_both_required(make_files, parse_checked):
    _, problems = parse_checked(PYTHON, make_files(TOML.replace("hidden = true", "hidden = false"), **FILES))
    assert problems == ["a python exercise needs at least one public and at least one hidden test"]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("solution.py", "missing file solution.py"),
        ("prompt.md", "missing file prompt.md"),
        ("wrong__concat.py", "at least one plausible wrong answer is needed in wrong/*.py"),
    ],
)
def test_required_files(make_files, parse_checked, missing, message):
    files = {name: text for name, text in FILES.items() if name != missing}
    _, problems = parse_checked(PYTHON, make_files(TOML, **files))
    assert problems == [message]


def test_unexpected_files_and_broken_solution_are_reported(make_files, parse_checked):
    _, problems = parse_checked(PYTHON, make_files(TOML, **{**FILES, "solutions.py": ""}))
    assert problems == ["unexpected file or folder 'solutions.py' in a python exercise"]
    _, problems = parse_checked(PYTHON, make_files(TOML, **{**FILES, "solution.py": "def f(:\n"}))
    assert len(problems) == 1 and problems[0].startswith("invalid Python: ")
