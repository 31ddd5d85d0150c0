"""Comparing what a learner's code produced with what a test expects, outside the sandbox.

Strict on purpose: a function asked to return the int 5 that returns ``5.0``, ``"5"`` or
``True`` has a real bug a learner should see. Only floats get a tolerance.
"""

from __future__ import annotations

import math
from typing import Any

#: default absolute tolerance for floats
DEFAULT_TOLERANCE = 1e-9


def same_value(actual: Any, expected: Any, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """Tell whether ``actual`` equals ``expected`` with the same types all the way down.

    ``type(a) is type(b)`` at every level: bool is not int, tuple is not list, a NumPy
    float is not a float. Floats are equal within ``tolerance``; NaN is never equal.
    """
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, float):
        if math.isnan(actual) or math.isnan(expected):
            return False
        return actual == expected or abs(actual - expected) <= tolerance
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(
            same_value(a, e, tolerance) for a, e in zip(actual, expected, strict=True)
        )
    if isinstance(expected, dict):
        if len(actual) != len(expected):
            return False
        actual_keys = {key: key for key in actual}
        for key, value in expected.items():
            if key not in actual_keys or type(actual_keys[key]) is not type(key):
                return False
            if not same_value(actual[actual_keys[key]], value, tolerance):
                return False
        return True
    if isinstance(expected, (set, frozenset)):
        if len(actual) != len(expected):
            return False
        remaining = list(actual)
        for item in expected:
            match = next((i for i, a in enumerate(remaining) if same_value(a, item, tolerance)), None)
            if match is None:
                return False
            remaining.pop(match)
        return True
    try:
        return bool(actual == expected)
    except Exception:  # an exotic value's __eq__ must not break grading
        return False


def normalise_stdout(text: str) -> str:
    """Drop trailing spaces on each line and trailing blank lines; keep everything else."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def shown(value: Any, limit: int = 500) -> str:
    """Return a value's repr, shortened for display."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
