"""Every shipped code exercise, graded in the real sandbox: the solution passes, the starter and every
wrong answer fail. One test per exercise so that the runs spread over the xdist workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.exercises.registry import builtin_registry
from lms.grading import references, sandboxing
from lms.grading.references import check_item
from lms.packages.loader import discover, load_package

COURSES = Path(__file__).resolve().parents[2] / "courses"
REGISTRY = builtin_registry()
#: The wall clock of a run here: elapsed time on a loaded two-core machine says nothing about the code.
LOADED_WALL_SECONDS = 240


@pytest.fixture
def cpu_bound_only(monkeypatch):
    """Keep each package's CPU, memory and output limits; lift only the wall clock (load, not code).

    Under a CPU hog, importing scikit-learn alone can outlast an 8 s wall limit while using a fraction of
    its CPU budget; the CPU limit (RLIMIT_CPU, per case) still stops a reference that loops.
    """
    from dataclasses import replace

    run = references.run_request
    config = sandboxing.sandbox_config

    def generous_request(request, slot=0):
        return run(replace(request, limits={**request.limits, "wall_seconds": LOADED_WALL_SECONDS}), slot)

    def generous_config(slot=0):
        made = config(slot)
        return replace(made, max_limits=replace(made.max_limits, wall_seconds=LOADED_WALL_SECONDS))

    monkeypatch.setattr(references, "run_request", generous_request)
    monkeypatch.setattr(sandboxing, "sandbox_config", generous_config)


def _exercises():
    for path in discover(COURSES):
        package, _ = load_package(path, REGISTRY)
        for _, item in package.items():
            if item.type_name == "python":
                yield pytest.param(item, id=f"{path.name}/{item.slug}")


@pytest.mark.parametrize("item", list(_exercises()))
def test_reference_code_is_graded_as_intended(app, slot, item, cpu_bound_only):
    outcomes = check_item(item, REGISTRY, slot)
    assert any(o.must_pass for o in outcomes), "no reference solution"
    assert any(not o.must_pass for o in outcomes), "no starter or wrong answer"
    wrong = [
        f"{o.label}: {'must pass' if o.must_pass else 'must fail'} ({o.detail})" for o in outcomes if not o.ok
    ]
    assert not wrong, wrong
