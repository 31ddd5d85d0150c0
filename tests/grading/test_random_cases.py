"""Random cases: drawn by the exercise's generator and answered by its reference solution, both in
the sandbox; cached by content; graded as one hidden test under the exercise's comparison rules."""

from __future__ import annotations

import pytest
from flask import current_app

from lms.exercises.python import PythonExercise
from lms.grading.random_cases import RandomCasesError, draw_random_tests
from lms.grading.sandboxing import run_request

GENERATOR = """\
def cases(rng, count):
    return [{"call": f"moyenne({[rng.randrange(0, 21) for _ in range(rng.randrange(3, 5))]!r})"} for _ in range(count)]
"""
SOLUTION = "def moyenne(notes):\n    return round(sum(notes) / len(notes), 2)\n"


def config(generator: str = GENERATOR, solution: str = SOLUTION) -> dict:
    return {
        "prompt": "",
        "starter": "",
        "solution": solution,
        "wrong": {},
        "data": {},
        "packages": [],
        "limits": {},
        "tests": [
            {"name": "une note", "call": "moyenne([12])", "expected": "12.0", "hidden": False},
            {"name": "deux notes", "call": "moyenne([10, 13])", "expected": "11.5", "hidden": True},
        ],
        "random": {"generator": "generator.py", "seed": 7, "count": 12, "source": generator},
    }


def test_cases_are_drawn_and_answered_in_the_sandbox_and_cached(app, slot, tmp_path, monkeypatch):
    cfg = config()
    python = current_app.config["SANDBOX_PYTHON"]
    tests = draw_random_tests(cfg, python, slot, tmp_path)
    assert len(tests) == 12 and all(t["hidden"] and t["call"].startswith("moyenne(") for t in tests)
    assert tests == draw_random_tests(cfg, python, slot, None)  # the seed makes the draw reproducible
    monkeypatch.setattr("lms.grading.random_cases.run_cases", lambda *a, **k: pytest.fail("not cached"))
    assert draw_random_tests(cfg, python, slot, tmp_path) == tests  # the cache answers, no sandbox run
    cfg["random"]["seed"] = 8
    with pytest.raises(pytest.fail.Exception):
        draw_random_tests(cfg, python, slot, tmp_path)  # another seed: drawn again


def test_a_learner_is_graded_on_the_random_cases_as_one_hidden_test(app, slot):
    cfg = config()
    cfg["random_tests"] = draw_random_tests(cfg, current_app.config["SANDBOX_PYTHON"], slot)
    exercise = PythonExercise()

    def grade(code: str):
        submission = {"code": code}
        return exercise.grade(cfg, submission, run_request(exercise.sandbox_request(cfg, submission), slot))

    right = grade("import statistics\ndef moyenne(notes):\n    return round(statistics.mean(notes), 2)\n")
    assert right.passed and right.score == 1.0
    assert right.feedback[-1]["hidden"] and len(right.feedback) == 3  # two tests, then the random cases
    truncating = grade(
        "def moyenne(notes):\n    return round(sum(notes) / len(notes), 1)\n"
    )  # right on the fixed tests
    assert truncating.feedback[1]["passed"] and not truncating.feedback[-1]["passed"]
    assert truncating.score == pytest.approx(2 / 3)
    assert truncating.details["tests"][-1]["random_failed"]  # staff see which cases failed


@pytest.mark.parametrize(
    ("generator", "message"),
    [
        ("def cases(rng, count):\n    return [1] * count\n", "must be a dict of strings"),
        ("def cases(rng, count):\n    return []\n", "must return a list of 12 dicts"),
        (
            "def cases(rng, count):\n    return [{'call': 'moyenne([])'}] * count\n",
            "reference solution fails",
        ),
        ("import os\ndef cases(rng, count):\n    return [{'call': 'os.getpid()'}] * count\n", "fails"),
    ],
)
def test_a_broken_generator_or_reference_is_reported(app, slot, generator, message):
    with pytest.raises(RandomCasesError, match=message):
        draw_random_tests(config(generator), current_app.config["SANDBOX_PYTHON"], slot)
