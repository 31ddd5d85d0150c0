"""Comparison rules of a Python exercise's tests, and the mismatch a learner is told about.

Every test compares under explicit rules (``[compare]`` in exercise.toml for the whole
exercise, the same keys on a test to override them): numeric tolerance, whether an int may
stand for a float, whether a ``Counter`` may stand for a dict, whether a list, a tuple and a
NumPy array are interchangeable, whether order matters. When a value differs, the learner
is told how ("expected a list, got a NumPy array"; "expected a float, got an int") rather
than only that it differs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from lms.exercises.python_compare import DEFAULT_TOLERANCE

#: ``int_float`` values: "value" compares numbers by value (2 == 2.0); "ints" also accepts an
#: int where a float is expected, but not a float where an int is; "strict" wants the same type
INT_FLOAT = ("value", "ints", "strict")
#: ``sequences`` values: "same" (a list, a tuple and a NumPy array differ) or "any"
SEQUENCES = ("same", "any")
#: the keys of a ``[compare]`` table (and of a test, to override it)
RULE_KEYS = ("tolerance", "int_float", "exact_type", "sequences", "ordered")


@dataclass(frozen=True)
class Rules:
    """How one test compares a learner's value with the expected one."""

    tolerance: float = DEFAULT_TOLERANCE  #: absolute, for floats (also inside containers)
    int_float: str = "value"  #: one of INT_FLOAT
    exact_type: bool = False  #: True: a Counter is not a dict, a namedtuple is not a tuple
    sequences: str = "same"  #: one of SEQUENCES
    ordered: bool = True  #: False: lists and tuples are compared whatever their order

    @classmethod
    def of(cls, config: dict[str, Any], test: dict[str, Any]) -> Rules:
        """The rules of ``test``: its own keys, else the exercise's ``compare``, else defaults."""
        base = config.get("compare") or {}
        values = {}
        for key in RULE_KEYS:
            value = test.get(key)
            if value is None:
                value = base.get(key)
            if value is not None:
                values[key] = float(value) if key == "tolerance" else value
        return cls(**values)


def rule_problems(table: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with the rule keys of a ``[compare]`` table or a test, as (message, key)."""
    found = []
    if table.get("int_float") is not None and table["int_float"] not in INT_FLOAT:
        found.append((f"'int_float' must be one of {', '.join(INT_FLOAT)}", "int_float"))
    if table.get("sequences") is not None and table["sequences"] not in SEQUENCES:
        found.append((f"'sequences' must be one of {', '.join(SEQUENCES)}", "sequences"))
    if table.get("tolerance") is not None and table["tolerance"] < 0:
        found.append(("'tolerance' must not be negative", "tolerance"))
    return found


@dataclass(frozen=True)
class Mismatch:
    """Why a value differs: a translatable message with its arguments, and where."""

    kind: str  #: "type", "length", "key", "value"
    expected: str = ""
    actual: str = ""
    where: str = ""  #: path inside the value, e.g. "[2]['a']"; "" for the value itself

    def as_message(self) -> dict[str, Any]:
        """The same sentence as a key and arguments, to be worded when shown (lms.exercises.python_feedback)."""
        from lms.exercises.python_feedback import message

        if self.kind == "type":
            if self.actual == "NoneType" and not self.where:
                return message("returned_none")
            text = message("mismatch_type", expected=self.expected, actual=self.actual)
        elif self.kind == "length":
            text = message("mismatch_length", expected=int(self.expected), actual=self.actual)
        elif self.kind == "key":
            text = message("key_missing", key=self.expected)
        elif self.kind == "extra":
            text = message("key_extra", key=self.actual)
        else:
            text = message("value_differs")
        return message("at", where=self.where, text=text) if self.where else text

    def message(self) -> str:
        """The sentence shown to the learner, in the current language."""
        if self.kind == "type":
            text = gettext(
                "Expected %(expected)s, got %(actual)s.",
                expected=_describe_name(self.expected),
                actual=_describe_name(self.actual),
            )
        elif self.kind == "length":
            text = gettext(
                "Expected %(expected)s items, got %(actual)s.", expected=self.expected, actual=self.actual
            )
        elif self.kind == "key":
            text = gettext("The key %(key)s is missing.", key=self.expected)
        elif self.kind == "extra":
            text = gettext("The key %(key)s was not expected.", key=self.actual)
        else:
            text = gettext("The value is not the one expected.")
        return gettext("At %(where)s: %(message)s", where=self.where, message=text) if self.where else text


_TYPE_NAMES = {
    "int": _l("an integer (int)"),
    "float": _l("a decimal number (float)"),
    "bool": _l("a boolean (bool)"),
    "str": _l("a string (str)"),
    "bytes": _l("bytes"),
    "complex": _l("a complex number"),
    "list": _l("a list"),
    "tuple": _l("a tuple"),
    "dict": _l("a dictionary (dict)"),
    "set": _l("a set"),
    "frozenset": _l("a frozenset"),
    "NoneType": _l("None"),
    "ndarray": _l("a NumPy array"),
    "Counter": _l("a Counter"),
    "defaultdict": _l("a defaultdict"),
    "OrderedDict": _l("an OrderedDict"),
}


def _describe_name(name: str) -> str:
    known = _TYPE_NAMES.get(name)
    return str(known) if known is not None else gettext("a value of type %(type)s", type=name)


def _type_name(value: Any) -> str:
    type_name = getattr(value, "type_name", None)  # OpaqueValue, TypedValue: the type inside the sandbox
    return type_name if isinstance(type_name, str) and hasattr(value, "text") else type(value).__name__


def compare(actual: Any, expected: Any, rules: Rules, where: str = "") -> Mismatch | None:
    """None when ``actual`` meets ``expected`` under ``rules``; otherwise the first difference."""
    actual = _unwrap(actual, expected, rules)
    if _is_number(expected) and _is_number(actual):
        return _compare_numbers(actual, expected, rules, where)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        if type(actual) is not type(expected) and rules.sequences != "any":
            return Mismatch("type", type(expected).__name__, type(actual).__name__, where)
        if len(actual) != len(expected):
            return Mismatch("length", str(len(expected)), str(len(actual)), where)
        if not rules.ordered:
            return _compare_unordered(list(actual), list(expected), rules, where)
        for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
            if found := compare(a, e, rules, f"{where}[{index}]"):
                return found
        return None
    if type(actual) is not type(expected):
        return Mismatch("type", type(expected).__name__, _type_name(actual), where)
    if isinstance(expected, dict):
        return _compare_dicts(actual, expected, rules, where)
    if isinstance(expected, (set, frozenset)):
        if len(actual) != len(expected):
            return Mismatch("length", str(len(expected)), str(len(actual)), where)
        return _compare_unordered(list(actual), list(expected), rules, where)
    try:
        return None if bool(actual == expected) else Mismatch("value", where=where)
    except Exception:  # an exotic value's __eq__ must not break grading
        return Mismatch("value", where=where)


def _unwrap(actual: Any, expected: Any, rules: Rules) -> Any:
    """A sandbox TypedValue stands for its plain value when the rules allow it."""
    if not hasattr(actual, "plain") or not hasattr(actual, "type_name"):
        return actual
    plain = actual.plain
    if actual.type_name == "ndarray":
        return plain if rules.sequences == "any" and isinstance(expected, (list, tuple)) else actual
    return actual if rules.exact_type else plain


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _compare_numbers(actual: Any, expected: Any, rules: Rules, where: str) -> Mismatch | None:
    if type(actual) is not type(expected):
        strict = rules.int_float == "strict" or (rules.int_float == "ints" and type(expected) is int)
        if strict:
            return Mismatch("type", type(expected).__name__, type(actual).__name__, where)
    if isinstance(expected, float) or isinstance(actual, float):
        if math.isnan(actual) or math.isnan(expected):
            return Mismatch("value", where=where)
        if actual == expected or abs(actual - expected) <= rules.tolerance:
            return None
        return Mismatch("value", where=where)
    return None if actual == expected else Mismatch("value", where=where)


def _compare_dicts(actual: dict, expected: dict, rules: Rules, where: str) -> Mismatch | None:
    actual_keys = {key: key for key in actual}
    for key, value in expected.items():
        if key not in actual_keys or type(actual_keys[key]) is not type(key):
            return Mismatch("key", expected=repr(key)[:80], where=where)
        if found := compare(actual[actual_keys[key]], value, rules, f"{where}[{key!r:.40}]"):
            return found
    for key in actual:
        if key not in expected:
            return Mismatch("extra", actual=repr(key)[:80], where=where)
    return None


def _compare_unordered(actual: list, expected: list, rules: Rules, where: str) -> Mismatch | None:
    remaining = list(actual)
    for item in expected:
        match = next((i for i, a in enumerate(remaining) if compare(a, item, rules) is None), None)
        if match is None:
            return Mismatch("value", where=where)
        remaining.pop(match)
    return None
