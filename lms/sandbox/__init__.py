"""Grading sandbox: runs learners' Python in bubblewrap and reports what it computed.

No Flask here. The caller gives code and the sandbox-visible part of each test (setup, stdin,
call); it gets back, per case, the value, standard output and error the code really produced,
and compares them with the expected values itself: those never enter the sandbox. See
docs/sandbox.md for the threat model and the layers.
"""

from .cases import CaseOutcome, CaseSpec, RunOutcome
from .check import check_sandbox
from .codec import OpaqueValue, TypedValue, decode_value
from .config import Limits, SandboxConfig, SandboxUnavailable
from .runner import run_cases

__all__ = [
    "CaseOutcome",
    "CaseSpec",
    "Limits",
    "OpaqueValue",
    "RunOutcome",
    "SandboxConfig",
    "SandboxUnavailable",
    "TypedValue",
    "check_sandbox",
    "decode_value",
    "run_cases",
]
