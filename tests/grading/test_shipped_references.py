"""Every shipped code exercise, graded in the real sandbox: the solution passes, the starter and every
wrong answer fail. One test per exercise so that the runs spread over the xdist workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.exercises.registry import builtin_registry
from lms.grading.references import check_item
from lms.packages.loader import discover, load_package

COURSES = Path(__file__).resolve().parents[2] / "courses"
REGISTRY = builtin_registry()


def _exercises():
    for path in discover(COURSES):
        package, _ = load_package(path, REGISTRY)
        for _, item in package.items():
            if item.type_name == "python":
                yield pytest.param(item, id=f"{path.name}/{item.slug}")


@pytest.mark.parametrize("item", list(_exercises()))
def test_reference_code_is_graded_as_intended(app, slot, item):
    outcomes = check_item(item, REGISTRY, slot)
    assert any(o.must_pass for o in outcomes), "no reference solution"
    assert any(not o.must_pass for o in outcomes), "no starter or wrong answer"
    wrong = [
        f"{o.label}: {'must pass' if o.must_pass else 'must fail'} ({o.detail})" for o in outcomes if not o.ok
    ]
    assert not wrong, wrong
