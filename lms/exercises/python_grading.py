"""Grading a Python exercise from the sandbox's per-case results.

The sandbox only runs code and reports raw values; deciding right or wrong happens here,
outside it, so a learner's code can never influence its own verdict.
"""

from __future__ import annotations

import ast
from typing import Any

from lms.exercises.base import GradeResult
from lms.exercises.python_compare import normalise_stdout, shown
from lms.exercises.python_feedback import (
    Message,
    error_view_for_test,
    hidden_crash,
    is_syntax_error,
    message,
    render,
)
from lms.exercises.python_rules import Rules, compare

#: message keys for a run that did not finish normally, by sandbox status (lms.exercises.python_feedback)
_RUN_MESSAGES = {
    "timeout": "run_timeout",
    "memory": "run_memory",
    "output": "run_output_limit",
    "crashed": "run_crashed",
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


def _message(status: str | None) -> Message:
    if status is None:
        return message("run_not_run")
    status = _STATUS_ALIASES.get(status, status)
    return message(_RUN_MESSAGES.get(status, "run_not_run"))


def all_tests(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The exercise's tests, then its random cases (hidden; drawn and checked against the
    reference solution when the course was synced: lms/grading/random_cases.py)."""
    return [*config["tests"], *config.get("random_tests", [])]


def check_case(test: dict[str, Any], case: Any, rules: Rules | None = None) -> tuple[bool, str | None]:
    """Return whether one case meets its test under its comparison rules, and the reason when it does not."""
    passed, reason = check_case_message(test, case, rules)
    return passed, render(reason) if reason is not None else None


def check_case_message(
    test: dict[str, Any], case: Any, rules: Rules | None = None
) -> tuple[bool, Message | str | None]:
    """Like :func:`check_case`, the reason as a message to word later (the program's own error as text)."""
    if case is None:
        return False, message("no_result")
    error = getattr(case, "error", None)
    if error:
        return False, str(error)
    if test.get("call") is not None:
        if not getattr(case, "has_value", False):
            return False, message("no_value")
        expected = ast.literal_eval(test["expected"])
        mismatch = compare(getattr(case, "value", None), expected, rules or Rules.of({}, test))
        if mismatch is not None:
            return False, mismatch.as_message()
    if test.get("stdout") is not None:
        printed = getattr(case, "stdout", "") or ""
        if not isinstance(printed, str) or normalise_stdout(printed) != normalise_stdout(test["stdout"]):
            return False, message("output_differs")
    return True, None


def _public_entry(
    test: dict[str, Any], case: Any, passed: bool, reason: Message | str | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": "test", "name": test["name"], "hidden": False, "passed": passed}
    entry.update(
        {"call": test.get("call"), "expected": test.get("expected"), "stdin": test.get("stdin") or ""}
    )
    entry["expected_stdout"] = test.get("stdout")
    has_value = case is not None and getattr(case, "has_value", False)
    entry["got"] = shown(getattr(case, "value", None)) if has_value else None
    printed = getattr(case, "stdout", None) if case is not None else None
    entry["stdout"] = printed[:2000] if isinstance(printed, str) else None  # what the learner's code printed
    entry["error"] = None
    entry["reason"] = None
    if not passed:
        error = getattr(case, "error", None) if case is not None else None
        if error:  # the program's own exception, with the line of the learner's code
            entry["error"] = error_view_for_test(
                str(error), getattr(case, "line", None), test.get("stdin") or ""
            )
        else:
            entry["reason"] = reason
    return entry


def _hidden_entry(test: dict[str, Any], case: Any, passed: bool) -> dict[str, Any]:
    """Pass or fail and how (crashed with a built-in type, wrong value, wrong output): never what with."""
    if passed:
        hint = message("hidden_passed")
    elif case is None:
        hint = message("hidden_failed")
    elif getattr(case, "error", None):
        hint = hidden_crash(str(case.error))
    elif test.get("call") is not None and not getattr(case, "has_value", False):
        hint = message("hidden_no_value")
    elif test.get("call") is not None:
        hint = _wrong_value_or_output(test, case)
    else:
        hint = message("hidden_wrong_output")
    return {"kind": "test", "name": test["name"], "hidden": True, "passed": passed, "message": hint}


def _wrong_value_or_output(test: dict[str, Any], case: Any) -> Message:
    """A call test with a value failed: on the value, unless only its printed output differed."""
    if test.get("stdout") is not None:
        printed = getattr(case, "stdout", "") or ""
        if not isinstance(printed, str) or normalise_stdout(printed) != normalise_stdout(test["stdout"]):
            return message("hidden_wrong_output") if _value_ok(test, case) else message("hidden_wrong_value")
    return message("hidden_wrong_value")


def _value_ok(test: dict[str, Any], case: Any) -> bool:
    try:
        return compare(case.value, ast.literal_eval(test["expected"]), Rules.of({}, test)) is None
    except Exception:
        return False


def _syntax_entry(cases: list[Any]) -> dict[str, Any] | None:
    """One entry for a syntax error in the learner's code (every case fails on it): said once, with its line."""
    if not cases:
        return None
    first = cases[0]
    error, line = getattr(first, "error", None), getattr(first, "line", None)
    if not is_syntax_error(error, line) or any(getattr(c, "error", None) != error for c in cases):
        return None
    return {
        "kind": "syntax",
        "passed": False,
        "message": message("syntax_error"),
        "error": {"text": str(error), "line": line},
    }


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
    syntax = _syntax_entry(cases)
    feedback = [syntax] if syntax else []
    reasons = []
    passed_count = 0
    for index, test in enumerate(tests):
        case = cases[index] if index < len(cases) else None
        passed, reason = _checked(config, test, case)
        passed_count += passed
        reasons.append({"name": test["name"], "passed": passed, "reason": render(reason) or None})
        if syntax:  # said once above; each test only says it failed
            entry = {
                "kind": "test",
                "name": test["name"],
                "hidden": bool(test.get("hidden")),
                "passed": False,
            }
            feedback.append({**entry, "message": message("hidden_failed")} if test.get("hidden") else entry)
        elif test.get("hidden"):
            feedback.append(_hidden_entry(test, case, passed))
        else:
            feedback.append(_public_entry(test, case, passed, reason))
    counted = len(tests)
    if random_tests:
        failed = []
        first_failure = None
        for offset, test in enumerate(random_tests):
            index = len(tests) + offset
            case = cases[index] if index < len(cases) else None
            passed, reason = _checked(config, test, case)
            if not passed:
                first_failure = first_failure or (test, case)
                failed.append(
                    {"call": test.get("call"), "stdin": test.get("stdin"), "reason": render(reason)}
                )
        group = {"name": message("random_cases"), "hidden": True}
        counted += 1
        passed_count += not failed
        reasons.append(
            {"name": render(group["name"]), "passed": not failed, "reason": None, "random_failed": failed[:5]}
        )
        entry = _hidden_entry(first_failure[0], first_failure[1], False) if first_failure else None
        feedback.append(
            {**entry, "name": group["name"]} if entry else _hidden_entry({**group, "call": None}, None, True)
        )
    score = passed_count / counted if counted else 0.0
    return GradeResult(
        score, bool(tests) and passed_count == counted, feedback, {"status": "ok", "tests": reasons}
    )


def _checked(config: dict[str, Any], test: dict[str, Any], case: Any) -> tuple[bool, Message | str | None]:
    try:
        return check_case_message(test, case, Rules.of(config, test))
    except Exception as error:  # a malformed result must fail the test, not the grading
        return False, f"{type(error).__name__}: {error}"
