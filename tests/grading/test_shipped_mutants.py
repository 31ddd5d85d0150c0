"""Mutation testing of every shipped Python exercise (issue 17): no mutant of a reference solution
may pass all of its exercise's tests unless the exercise declares it equivalent, with a reason.

One test per exercise, so the runs spread over the xdist workers, each on its own sandbox slot.
Verdicts are cached by content hash (of the exercise, the mutant and the code that judges it) in
``MAHARAT_MUTATION_CACHE``, by default a folder of the system's temporary directory, so an
unchanged exercise costs nothing on the next run; a cold run of all of them takes a few minutes
on the 2-core development machine (see docs/course-packages.md).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from lms.config import base_dir
from lms.exercises.registry import builtin_registry
from lms.grading.mutation import MutationCache, describe_survivor, mutate_exercise
from lms.grading.random_cases import draw_random_tests
from lms.packages.loader import discover, load_package
from tests.grading.conftest import xdist_slot

COURSES = Path(__file__).resolve().parents[2] / "courses"
#: the grading interpreter, as the app configures it (no app is needed here: nothing touches the database)
PYTHON = os.environ.get("SANDBOX_PYTHON", str(base_dir() / ".venv-sandbox/bin/python"))
CACHE = Path(
    os.environ.get("MAHARAT_MUTATION_CACHE") or Path(tempfile.gettempdir()) / "maharat-mutation-cache"
)


def _exercises():
    registry = builtin_registry()
    for path in discover(COURSES):
        package, _ = load_package(path, registry)
        for _, item in package.items():
            if item.type_name == "python":
                yield pytest.param(item, id=f"{path.name}/{item.slug}")


@pytest.mark.parametrize("item", list(_exercises()))
def test_no_mutant_of_the_reference_solution_survives(item):
    python, slot = PYTHON, xdist_slot()
    config = dict(item.config)
    if config.get("random"):
        config["random_tests"] = draw_random_tests(config, python, slot, CACHE)
    report = mutate_exercise(item.slug, config, python, [slot], MutationCache(CACHE))
    print(report.summary())  # shown with -s or -rA: generated, killed, time
    assert report.generated > 0
    survivors = [describe_survivor(r, config["solution"]) for r in report.survivors]
    assert not survivors, "\n".join(survivors)
    assert not report.problems, report.problems
    for result in report.equivalent:
        assert result.equivalent.strip(), f"{result.mutant.id}: an equivalent mutant needs a reason"
