"""Every package shipped under courses/ loads with no problem (the same check as `courses validate`).

The sandbox half of validation (solutions pass, starters and wrong answers fail) needs the
sandbox and is run by the CLI, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.exercises import builtin_registry
from lms.packages import discover, load_package

COURSES = Path(__file__).resolve().parents[2] / "courses"


@pytest.mark.parametrize("folder", discover(COURSES), ids=lambda path: path.name)
def test_shipped_package_has_no_problem(folder):
    package, problems = load_package(folder, builtin_registry())
    assert package is not None
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("folder", discover(COURSES), ids=lambda path: path.name)
def test_shipped_package_content_hash_is_stable(folder):
    first, _ = load_package(folder, builtin_registry())
    second, _ = load_package(folder, builtin_registry())
    assert first.content_hash == second.content_hash
