"""What a grading run is given and what it gives back.

Only the inputs of a test case ever enter the sandbox; expected values stay with the caller,
who compares them with the values reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Run statuses. Only "ok" carries case outcomes; every other status means no case counts.
STATUSES = ("ok", "timeout", "memory", "output_limit", "crashed", "protocol_error")


@dataclass(frozen=True)
class CaseSpec:
    """The sandbox-visible part of one test: never its expected value."""

    setup: str | None = None  #: statements run first, in the test's fresh namespace
    stdin: str | None = None  #: text read by ``input()`` (empty when None)
    call: str | None = None  #: expression evaluated after the learner's code; its value is reported


@dataclass
class CaseOutcome:
    """What one test case actually produced, decoded from the sandbox's report."""

    value: object | None  #: value of ``call`` (plain Python data, or an ``OpaqueValue``)
    has_value: bool  #: False when there is no call or it raised: ``value`` None then means nothing
    stdout: str  #: standard output of the case, at most ``Limits.output_kb``
    error: str | None  #: ``"TypeName: message"`` of what went wrong, None when nothing did
    #: the line of the learner's own code (main.py) where ``error`` was raised, when known
    line: int | None = None
    #: what the case wrote to ``sys.stderr``, capped like stdout (shown by "Run", never compared)
    stderr: str = ""


@dataclass
class RunOutcome:
    """The result of one sandboxed run of a learner's code against a list of cases."""

    status: str  #: one of STATUSES
    cases: list[CaseOutcome] = field(default_factory=list)  #: one per case when "ok", else empty
    duration_ms: int = 0  #: wall time of the whole run
    stderr: str = ""  #: capped tail of the sandbox's own diagnostics, for administrators only

    @property
    def ok(self) -> bool:
        """True when the run completed and every case reported exactly once."""
        return self.status == "ok"
