"""Grading a Python exercise from the sandbox's per-case results.

The sandbox only runs code and reports raw values; deciding right or wrong happens here,
outside it, so a learner's code can never influence its own verdict.
"""

from __future__ import annotations

import ast
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from lms.exercises.base import GradeResult
from lms.exercises.python_compare import normalise_stdout, shown
from lms.exercises.python_rules import Rules, compare

#: learner messages for a run that did not finish normally, by sandbox status
_RUN_MESSAGES = {
    "timeout": _l("Your program took too long and was stopped. Is there a loop that never ends?"),
    "memory": _l("Your program used too much memory and was stopped."),
    "output": _l("Your program printed too much and was stopped."),
    "crashed": _l("Your program stopped unexpectedly."),
}
_STATUS_ALIASES = {
    "time": "timeout",
    "time_limit": "timeout",
    "oom": "memory",
    "memory_limit": "memory",
    "output_limit": "output",
    "output_too_large": "output",
    "crash": "crashed",
}
_NOT_RUN = _l("Your program could not be run. Please try again later.")


def _message(status: str | None) -> str:
    if status is None:
        return str(_NOT_RUN)
    status = _STATUS_ALIASES.get(status, status)
    return str(_RUN_MESSAGES.get(status, _NOT_RUN))


def all_tests(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The exercise's tests, then its random cases (hidden; drawn and checked against the
    reference solution when the course was synced: lms/grading/random_cases.py)."""
    return [*config["tests"], *config.get("random_tests", [])]


def check_case(test: dict[str, Any], case: Any, rules: Rules | None = None) -> tuple[bool, str | None]:
    """Return whether one case meets its test under its comparison rules, and the reason when it does not."""
    if case is None:
        return False, gettext("No result was produced for this test.")
    error = getattr(case, "error", None)
    if error:
        return False, str(error)
    if test.get("call") is not None:
        if not getattr(case, "has_value", False):
            return False, gettext("The expression gave no value.")
        expected = ast.literal_eval(test["expected"])
        mismatch = compare(getattr(case, "value", None), expected, rules or Rules.of({}, test))
        if mismatch is not None:
            return False, mismatch.message()
    if test.get("stdout") is not None:
        printed = getattr(case, "stdout", "") or ""
        if not isinstance(printed, str) or normalise_stdout(printed) != normalise_stdout(test["stdout"]):
            return False, gettext("The output is not the one expected.")
    return True, None


def _public_entry(test: dict[str, Any], case: Any, passed: bool, reason: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": "test", "name": test["name"], "hidden": False, "passed": passed}
    entry.update(
        {"call": test.get("call"), "expected": test.get("expected"), "stdin": test.get("stdin") or ""}
    )
    entry["expected_stdout"] = test.get("stdout")
    has_value = case is not None and getattr(case, "has_value", False)
    entry["got"] = shown(getattr(case, "value", None)) if has_value else None
    printed = getattr(case, "stdout", None) if case is not None else None
    entry["stdout"] = printed[:2000] if isinstance(printed, str) else None
    entry["error"] = None if passed else reason
    return entry


def _hidden_entry(test: dict[str, Any], passed: bool) -> dict[str, Any]:
    message = gettext("Hidden test passed.") if passed else gettext("Hidden test failed.")
    return {"kind": "test", "name": test["name"], "hidden": True, "passed": passed, "message": message}


def grade_run(config: dict[str, Any], run: Any) -> GradeResult:
    """Grade from a run: the fraction of tests passed; passed when all of them pass.

    The random cases count together as one hidden test, passed when every one of them is.
    """
    tests = config["tests"]
    random_tests = config.get("random_tests", [])
    status = getattr(run, "status", None) if run is not None else None
    if status != "ok":
        entry = {"kind": "run", "status": status or "not_run", "passed": False, "message": _message(status)}
        return GradeResult(0.0, False, [entry], {"status": status or "not_run"})
    cases = list(getattr(run, "cases", None) or [])
    feedback = []
    reasons = []
    passed_count = 0
    for index, test in enumerate(tests):
        case = cases[index] if index < len(cases) else None
        passed, reason = _checked(config, test, case)
        passed_count += passed
        reasons.append({"name": test["name"], "passed": passed, "reason": reason})
        feedback.append(
            _hidden_entry(test, passed) if test.get("hidden") else _public_entry(test, case, passed, reason)
        )
    counted = len(tests)
    if random_tests:
        failed = []
        for offset, test in enumerate(random_tests):
            index = len(tests) + offset
            passed, reason = _checked(config, test, cases[index] if index < len(cases) else None)
            if not passed:
                failed.append({"call": test.get("call"), "stdin": test.get("stdin"), "reason": reason})
        group = {"name": gettext("Cases drawn at random"), "hidden": True}
        counted += 1
        passed_count += not failed
        reasons.append(
            {"name": group["name"], "passed": not failed, "reason": None, "random_failed": failed[:5]}
        )
        feedback.append(_hidden_entry(group, not failed))
    score = passed_count / counted if counted else 0.0
    return GradeResult(
        score, bool(tests) and passed_count == counted, feedback, {"status": "ok", "tests": reasons}
    )


def _checked(config: dict[str, Any], test: dict[str, Any], case: Any) -> tuple[bool, str | None]:
    try:
        return check_case(test, case, Rules.of(config, test))
    except Exception as error:  # a malformed result must fail the test, not the grading
        return False, f"{type(error).__name__}: {error}"
