"""Fixtures for the sandbox tests: a working sandbox, or a loud failure saying why not.

Tests that need bubblewrap fail (never skip) when the sandbox is unavailable, so a broken
grading machine cannot pass CI quietly. Only ``MAHARAT_SANDBOX_TESTS=skip`` skips them, for
machines that cannot have it. ``MAHARAT_SANDBOX_PYTHON`` names another grading interpreter.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lms.sandbox import CaseSpec, Limits, RunOutcome, SandboxConfig, check_sandbox, run_cases

REPO = Path(__file__).resolve().parents[2]
GRADING_PYTHON = os.environ.get("MAHARAT_SANDBOX_PYTHON", str(REPO / ".venv-sandbox" / "bin" / "python"))


@pytest.fixture(scope="session")
def sandbox() -> SandboxConfig:
    """A config whose sandbox was just proven to work through the real path."""
    if os.environ.get("MAHARAT_SANDBOX_TESTS") == "skip":
        pytest.skip("MAHARAT_SANDBOX_TESTS=skip: sandbox tests disabled on this machine")
    config = SandboxConfig(python=GRADING_PYTHON)
    ok, reason = check_sandbox(config)
    if not ok:
        pytest.fail(f"the grading sandbox is unavailable: {reason}", pytrace=False)
    return config


@pytest.fixture
def run(sandbox: SandboxConfig) -> Callable[..., RunOutcome]:
    """Run code against calls (strings) or CaseSpecs; one case ``result()`` by default."""

    def run(code: str, *cases: str | CaseSpec, **kwargs) -> RunOutcome:
        specs = [c if isinstance(c, CaseSpec) else CaseSpec(call=c) for c in cases or ("result()",)]
        return run_cases(sandbox, code, specs, **kwargs)

    return run


def only_value(outcome: RunOutcome) -> object:
    """The single case's value, asserting the run went through and the call gave one."""
    assert outcome.status == "ok", (outcome.status, outcome.stderr)
    (case,) = outcome.cases
    assert case.error is None and case.has_value, case
    return case.value


#: Tight limits for attack tests, so a contained attack ends quickly.
TIGHT = Limits(cpu_seconds=1, wall_seconds=3)
