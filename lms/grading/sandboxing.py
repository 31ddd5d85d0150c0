"""The bridge between an exercise type's :class:`SandboxRequest` and :mod:`lms.sandbox`."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from lms.exercises.base import SandboxRequest
from lms.sandbox import (
    CaseSpec,
    Limits,
    RunOutcome,
    SandboxConfig,
    SandboxUnavailable,
    check_sandbox,
    run_cases,
)

_LIMIT_KEYS = ("cpu_seconds", "memory_mb", "wall_seconds")


def sandbox_config(slot: int = 0) -> SandboxConfig:
    """The sandbox as configured for this app; ``slot`` picks the unprivileged user of this run."""
    return SandboxConfig(
        python=current_app.config["SANDBOX_PYTHON"], slot=slot, cgroup=current_app.config["SANDBOX_CGROUP"]
    )


def run_request(request: SandboxRequest, slot: int = 0) -> RunOutcome:
    """Run a type's request in the sandbox (raises SandboxUnavailable: never runs unsandboxed)."""
    python = Path(current_app.config["SANDBOX_PYTHON"])
    if not python.exists():
        raise SandboxUnavailable(
            f"the grading interpreter {python} does not exist: run tools/setup-sandbox.sh (make run does)"
        )
    limits = Limits(**{k: request.limits[k] for k in _LIMIT_KEYS if k in request.limits})
    cases = [CaseSpec(setup=c.get("setup"), stdin=c.get("stdin"), call=c.get("call")) for c in request.cases]
    return run_cases(sandbox_config(slot), request.code, cases, files=dict(request.files), limits=limits)


def sandbox_status() -> tuple[bool, str]:
    """Whether grading can run here, with the reason for an administrator when it cannot."""
    python = Path(current_app.config["SANDBOX_PYTHON"])
    if not python.exists():
        return False, f"the grading interpreter {python} does not exist: run tools/setup-sandbox.sh"
    return check_sandbox(sandbox_config())
