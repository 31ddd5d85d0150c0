"""Limits and configuration of the grading sandbox."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run here; the reason is written for an administrator.

    Raised instead of ever running learner code without the sandbox: no sandbox, no grading.
    """


@dataclass(frozen=True)
class Limits:
    """Resources one grading run may use.

    ``cpu_seconds``, ``memory_mb``, ``max_file_mb`` and ``output_kb`` apply to each test case
    (each runs in its own process); ``wall_seconds`` bounds the whole run, start-up included.
    """

    cpu_seconds: float = 2  #: CPU time of one test case (RLIMIT_CPU, rounded up to a second)
    memory_mb: int = 256  #: heap and private memory of one process (RLIMIT_DATA); see docs/sandbox.md
    wall_seconds: float = 5  #: elapsed time of the whole run, enforced by the caller's process
    max_processes: int = 16  #: processes and threads the learner's program may have at once
    max_file_mb: int = 8  #: largest file the program may write (RLIMIT_FSIZE)
    max_open_files: int = 64  #: open file descriptors (RLIMIT_NOFILE)
    output_kb: int = 64  #: standard output of one test case; beyond it the run is "output_limit"

    def validate(self) -> None:
        """Refuse limits that make no sense, so a typo in a course package fails loudly."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"Limits.{f.name} must be a number, not {value!r}")
            if not math.isfinite(value) or value <= 0:
                raise ValueError(f"Limits.{f.name} must be positive, not {value!r}")

    def clamped_to(self, maximum: Limits) -> Limits:
        """Return these limits with each value capped by ``maximum``."""
        self.validate()
        return Limits(**{f.name: min(getattr(self, f.name), getattr(maximum, f.name)) for f in fields(self)})


#: The platform's ceiling: an exercise may ask for less, never for more.
DEFAULT_MAX_LIMITS = Limits(
    cpu_seconds=10,
    memory_mb=1024,
    wall_seconds=30,
    max_processes=32,
    max_file_mb=32,
    max_open_files=256,
    output_kb=256,
)


@dataclass(frozen=True)
class SandboxConfig:
    """Where the grading interpreter lives and which slot user runs it."""

    python: str  #: interpreter of the grading virtualenv (made by tools/setup-sandbox.sh)
    slot: int = 0  #: runs as user ``maharat-sbx<slot>`` when the caller is root; one run per slot at a time
    work_tmpfs_mb: int = 64  #: size of the writable working directory (a tmpfs)
    max_limits: Limits = DEFAULT_MAX_LIMITS  #: per-exercise limits are clamped to these
    #: Memory a whole run may use beyond ``memory_mb`` and its two tmpfs: the interpreter, the harness
    #: and the libraries it preloads (scikit-learn: ~120 MB). Enforced by the run's cgroup.
    run_overhead_mb: int = 256
    #: "auto": cap each run with a cgroup where the machine allows it, else run degraded (logged);
    #: "require": refuse to run without one; "off": rlimits only (docs/sandbox.md, layer 7).
    cgroup: str = "auto"
