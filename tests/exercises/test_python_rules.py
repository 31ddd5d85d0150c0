"""Comparison rules per test, and feedback that names the mismatch."""

from __future__ import annotations

import pytest

from lms.exercises.python_rules import Rules, compare, rule_problems
from lms.sandbox import OpaqueValue, TypedValue


def counter(plain):
    return TypedValue("Counter", f"Counter({plain!r})", plain)


def message(actual, expected, **rules):
    found = compare(actual, expected, Rules(**rules))
    return None if found is None else found.message()


@pytest.mark.parametrize(
    ("actual", "expected", "rules", "equal"),
    [
        (12, 12.0, {}, True),  # round(statistics.mean([12, 15, 9]), 2) gives the int 12
        (5.0, 5, {}, True),
        (5.0, 5, {"int_float": "ints"}, False),
        (12, 12.0, {"int_float": "ints"}, True),
        (12, 12.0, {"int_float": "strict"}, False),
        (True, 1, {}, False),  # a boolean is never a number here
        (0.1 + 0.2, 0.3, {}, True),
        (0.31, 0.3, {"tolerance": 0.05}, True),
        (counter({"a": 2}), {"a": 2}, {}, True),
        (counter({"a": 2}), {"a": 2}, {"exact_type": True}, False),
        (counter({"a": 2}), {"a": 3}, {}, False),
        (TypedValue("Point", "Point(x=1, y=2)", (1, 2)), (1, 2), {}, True),
        (TypedValue("float64", "np.float64(0.5)", 0.5), 0.5, {}, True),
        (TypedValue("ndarray", "array([1, 2])", [1, 2]), [1, 2], {}, False),
        (TypedValue("ndarray", "array([1, 2])", [1, 2]), [1, 2], {"sequences": "any"}, True),
        ((1, 2), [1, 2], {}, False),
        ((1, 2), [1, 2], {"sequences": "any"}, True),
        ([2, 1, 2], [1, 2, 2], {}, False),
        ([2, 1, 2], [1, 2, 2], {"ordered": False}, True),
        ([2, 1, 1], [1, 2, 2], {"ordered": False}, False),
        ({"a": [1, 2.0]}, {"a": [1, 2]}, {}, True),
        (OpaqueValue("Thing", "<Thing>"), 5, {}, False),
    ],
)
def test_values_compare_under_the_rules(actual, expected, rules, equal):
    assert (compare(actual, expected, Rules(**rules)) is None) is equal


def test_the_mismatch_is_named(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        ndarray = TypedValue("ndarray", "array([1, 2])", [1, 2])
        assert message(ndarray, [1, 2]) == "Expected a list, got a NumPy array."
        assert (
            message(5.0, 5, int_float="strict") == "Expected an integer (int), got a decimal number (float)."
        )
        assert message([1, 2], [1, 2, 3]) == "Expected 3 items, got 2."
        assert message({"a": 1}, {"b": 1}) == "The key 'b' is missing."
        assert message({"a": 1, "b": 2}, {"a": 1}) == "The key 'b' was not expected."
        assert (
            message([1, [2, "x"]], [1, [2, 3]]) == "At [1][1]: Expected an integer (int), got a string (str)."
        )
        assert message(4, 5) == "The value is not the one expected."


def test_feedback_is_translated(app):
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        from flask_babel import force_locale

        with force_locale("fr"):
            text = message(TypedValue("ndarray", "array([1])", [1]), [1])
        assert "NumPy" in text and "Expected" not in text


def test_a_test_overrides_the_exercise_rules():
    config = {"compare": {"int_float": "strict", "tolerance": 0.1}}
    assert Rules.of(config, {}) == Rules(tolerance=0.1, int_float="strict")
    assert Rules.of(config, {"int_float": "value"}) == Rules(tolerance=0.1, int_float="value")
    assert Rules.of({}, {}) == Rules()


def test_bad_rules_are_reported():
    assert [key for _, key in rule_problems({"int_float": "loose", "sequences": "all", "tolerance": -1})] == [
        "int_float",
        "sequences",
        "tolerance",
    ]
