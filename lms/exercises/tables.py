"""Checking the keys of a TOML table against a small declarative spec.

Packages and exercise types both need "these keys, of these kinds, with these defaults;
anything else is a typo": one helper reports all of it with lines, the same way everywhere.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from lms.exercises.problems import Problem
from lms.exercises.toml_source import Key, TomlDoc


@dataclass(frozen=True)
class Kind:
    """The kind of value a key holds, with the words used when it is wrong."""

    description: str
    check: Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


STRING = Kind("a string", lambda v: isinstance(v, str))
INTEGER = Kind("an integer", _is_int)
NUMBER = Kind("a number", lambda v: _is_int(v) or isinstance(v, float))
BOOLEAN = Kind("true or false", lambda v: isinstance(v, bool))
STRINGS = Kind("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))
TABLE = Kind("a table", lambda v: isinstance(v, dict))
TABLES = Kind("an array of tables", lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v))

#: marks a key without a default: leaving it out is a problem
REQUIRED: Any = object()

Spec = Mapping[str, tuple[Kind, Any]]


def describe(value: Any) -> str:
    """Name the kind of a TOML value for an error message."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime, date, time)):
        return "a date or time"
    return type(value).__name__


def read_table(
    table: Mapping[str, Any],
    spec: Spec,
    doc: TomlDoc,
    key: Key = (),
    problems: list[Problem] | None = None,
    ignore: Iterable[str] = (),
) -> dict[str, Any]:
    """Return the table's values checked against ``spec``, defaults filled in.

    Unknown keys, missing required keys and values of the wrong kind are appended to
    ``problems``; a wrong or missing value is left out of the result, so callers read it
    with ``.get()`` and carry on to find the next problem.
    """
    problems = problems if problems is not None else []
    ignored = set(ignore)
    values: dict[str, Any] = {}
    for name in table:
        if name not in spec and name not in ignored:
            problems.append(doc.problem(f"unknown key '{name}'", *key, name))
    for name, (kind, default) in spec.items():
        if name in table:
            value = table[name]
            if kind.check(value):
                values[name] = value
            else:
                problems.append(
                    doc.problem(f"'{name}' must be {kind.description}, not {describe(value)}", *key, name)
                )
        elif default is REQUIRED:
            problems.append(doc.problem(f"missing required key '{name}'", *key))
        else:
            values[name] = copy.deepcopy(default)
    return values
