"""What a learner is told about a Python run or test, stored as keys and arguments, worded at display.

Grading happens in a worker, in no particular language; the learner reads the result later, in the
language of the page they are on. So grading stores ``{"key": ..., "args": {...}}`` (arguments may be
messages themselves) and :func:`render` words it in the current language. Rows stored before this
(plain strings, in the language of the grading time) are shown as they are: a tolerant reader, no
data migration.

Hidden tests say how they failed (crashed, with a built-in exception's type; a wrong value; a wrong
output), never what they gave, expected or printed.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

from flask_babel import gettext, ngettext

Message = dict[str, Any]


def message(key: str, **args: Any) -> Message:
    """A message to word at display time."""
    return {"key": key, "args": args} if args else {"key": key}


def _type_name(name: str = "", **_: Any) -> str:
    names = {
        "int": gettext("an integer (int)"),
        "float": gettext("a decimal number (float)"),
        "bool": gettext("a boolean (bool)"),
        "str": gettext("a string (str)"),
        "bytes": gettext("bytes"),
        "complex": gettext("a complex number"),
        "list": gettext("a list"),
        "tuple": gettext("a tuple"),
        "dict": gettext("a dictionary (dict)"),
        "set": gettext("a set"),
        "frozenset": gettext("a frozenset"),
        "NoneType": gettext("None"),
        "ndarray": gettext("a NumPy array"),
        "Counter": gettext("a Counter"),
        "defaultdict": gettext("a defaultdict"),
        "OrderedDict": gettext("an OrderedDict"),
    }
    known = names.get(name)
    return known if known is not None else gettext("a value of type %(type)s", type=name)


_MESSAGES: dict[str, Callable[..., str]] = {
    # a run or a grading run that did not finish normally
    "run_timeout": lambda **a: gettext(
        "Your program took too long and was stopped. Is there a loop that never ends?"
    ),
    "run_memory": lambda **a: gettext("Your program used too much memory and was stopped."),
    "run_output_limit": lambda **a: gettext("Your program printed too much and was stopped."),
    "run_crashed": lambda **a: gettext("Your program stopped unexpectedly."),
    "run_not_run": lambda **a: gettext("Your program could not be run. Please try again later."),
    "run_still_running": lambda **a: gettext("Your program is still running…"),
    # one test
    "no_result": lambda **a: gettext("No result was produced for this test."),
    "no_value": lambda **a: gettext("The expression gave no value."),
    "output_differs": lambda **a: gettext("The output is not the one expected."),
    "mismatch_type": lambda expected="", actual="", **a: gettext(
        "Expected %(expected)s, got %(actual)s.", expected=_type_name(expected), actual=_type_name(actual)
    ),
    "mismatch_length": lambda expected=0, actual=0, **a: ngettext(
        "Expected %(num)d item, got %(actual)s.",
        "Expected %(num)d items, got %(actual)s.",
        int(expected),
        actual=actual,
    ),
    "key_missing": lambda key="", **a: gettext("The key %(key)s is missing.", key=key),
    "key_extra": lambda key="", **a: gettext("The key %(key)s was not expected.", key=key),
    "value_differs": lambda **a: gettext("The value is not the one expected."),
    "at": lambda where="", text=None, **a: gettext(
        "At %(where)s: %(message)s", where=where, message=render(text)
    ),
    "returned_none": lambda **a: gettext("Your function returned None: is a return statement missing?"),
    # hidden tests: how they failed, never with what
    "hidden_passed": lambda **a: gettext("Hidden test passed."),
    "hidden_crashed": lambda error="", **a: gettext("Hidden test crashed (%(error)s).", error=error),
    "hidden_crashed_own": lambda **a: gettext("Hidden test crashed."),
    "hidden_wrong_value": lambda **a: gettext("Hidden test failed: your code returned a wrong value."),
    "hidden_wrong_output": lambda **a: gettext("Hidden test failed: your code printed something else."),
    "hidden_no_value": lambda **a: gettext("Hidden test failed: the call gave no value."),
    "hidden_failed": lambda **a: gettext("Hidden test failed."),
    "random_cases": lambda **a: gettext("Cases drawn at random"),
    # errors explained
    "syntax_error": lambda **a: gettext(
        "Your code has a syntax error, so no test could run. Fix it, then test again."
    ),
    "hint_input_test": lambda **a: gettext(
        "Your program called input(), but this test gives it nothing to read. "
        "Take the values from the function's parameters instead of input()."
    ),
    "hint_input_run": lambda **a: gettext(
        "Your program called input(), but the Input box is empty. "
        "Type there what it should read, one line for each input()."
    ),
    "hint_input_more": lambda **a: gettext(
        "Your program called input() more times than there are lines to read."
    ),
}


def render(value: Any) -> str:
    """Word a stored message in the current language; a plain string (an older row) as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("key"), str):
        wording = _MESSAGES.get(value["key"])
        args = value.get("args") if isinstance(value.get("args"), dict) else {}
        if wording is not None:
            try:
                return wording(**{str(k): v for k, v in args.items()})
            except (TypeError, ValueError, KeyError):
                pass
    return gettext("The test failed.")


#: exception types a hidden test may name: the built-in ones (a class of the learner's own could
#: carry a hidden input in its name)
_BUILTIN_ERRORS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
_SYNTAX = ("SyntaxError", "IndentationError", "TabError")


def error_type(error: str) -> str:
    """The type name of a ``"TypeName: message"`` error text."""
    return error.split(":", 1)[0].strip()


def is_syntax_error(error: str | None, line: int | None) -> bool:
    """An error from compiling the learner's own code (the harness names its line)."""
    return bool(error) and error_type(error) in _SYNTAX and line is not None


def hidden_crash(error: str) -> Message:
    """A hidden test that raised: its exception type if it is a built-in one, nothing more."""
    name = error_type(error)
    return message("hidden_crashed", error=name) if name in _BUILTIN_ERRORS else message("hidden_crashed_own")


def run_error_view(error: str, line: int | None, stdin_given: bool | None) -> dict[str, Any]:
    """A learner's error as shown: its text (the program's own), the line in their code, a hint.

    ``stdin_given``: True/False for a test or a run with/without input, None when unknown.
    """
    view: dict[str, Any] = {"text": error, "line": line if isinstance(line, int) else None}
    name = error_type(error)
    if name == "EOFError" and "EOF when reading a line" in error:
        if stdin_given is False:
            view["hint"] = message("hint_input_run")
        elif stdin_given is True:
            view["hint"] = message("hint_input_more")
    return view


def error_view_for_test(error: str, line: int | None, stdin: str) -> dict[str, Any]:
    """The error of a public test, with a hint worded for tests rather than for Run."""
    view = run_error_view(error, line, stdin_given=bool(stdin))
    if view.get("hint") == message("hint_input_run"):
        view["hint"] = message("hint_input_test")
    return view


def line_label(line: int | None) -> str:
    """ "Line 4" in the current language (the learner's own line numbering)."""
    return gettext("Line %(line)s", line=line) if line else ""


def display_entries(feedback: list[Any]) -> list[dict[str, Any]]:
    """Stored feedback entries with their messages worded now, for the learner's template."""
    shown = []
    for entry in feedback or []:
        if not isinstance(entry, dict):
            continue
        view = dict(entry)
        view["message_text"] = render(entry.get("message"))
        view["reason_text"] = render(entry.get("reason"))
        if isinstance(entry.get("name"), dict):
            view["name"] = render(entry["name"])
        error = entry.get("error")
        if isinstance(error, dict):
            view["error_text"] = str(error.get("text") or "")
            view["error_line"] = error.get("line") if isinstance(error.get("line"), int) else None
            view["error_hint"] = render(error.get("hint"))
        else:  # an older row: the reason or the error, as one string
            view["error_text"] = error if isinstance(error, str) else ""
            view["error_line"], view["error_hint"] = None, ""
        shown.append(view)
    return shown
