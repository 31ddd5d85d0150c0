"""Strict comparison of a learner's values and output with a test's expectations."""

from __future__ import annotations

import math

import pytest

from lms.exercises.python_compare import normalise_stdout, same_value


@pytest.mark.parametrize(
    ("actual", "expected", "equal"),
    [
        (5, 5, True),
        (5.0, 5, False),
        (True, 1, False),
        (1, True, False),
        ("5", 5, False),
        (False, 0, False),
        (None, None, True),
        (None, 0, False),
        ("abc", "abc", True),
        ("abc ", "abc", False),
        ((1, 2), [1, 2], False),
        ([1, 2], [1, 2], True),
        ([1, 2], [2, 1], False),
        (((1, [2.0000000001]),), ((1, [2.0]),), True),
        (((1, [2.001]),), ((1, [2.0]),), False),
        (((1, [2]),), ((1, [2.0]),), False),
        (0.1 + 0.2, 0.3, True),
        (0.30001, 0.3, False),
        (math.nan, math.nan, False),
        (math.inf, math.inf, True),
        (-math.inf, math.inf, False),
        ({"a": 1.0000000001}, {"a": 1.0}, True),
        ({"a": 1}, {"a": 1.0}, False),
        ({1: "x"}, {True: "x"}, False),
        ({1: "x"}, {1: "x", 2: "y"}, False),
        ({"a": [1, (2, 3)]}, {"a": [1, (2, 3)]}, True),
        ({1.0, 2.0}, {2.0, 1.0000000001}, True),
        ({1, 2}, {1, 2.0}, False),
        (frozenset({1}), {1}, False),
        ({1, 2}, {1, 2, 3}, False),
        ([1, [2, [3, [4]]]], [1, [2, [3, [4]]]], True),
        ([], (), False),
    ],
)
def test_values_compare_by_type_and_value(actual, expected, equal):
    assert same_value(actual, expected) is equal


def test_float_tolerance_can_be_widened_and_applies_inside_containers():
    assert same_value([1.04, {"x": (2.96,)}], [1.0, {"x": (3.0,)}], tolerance=0.05)
    assert not same_value([1.06], [1.0], tolerance=0.05)


def test_a_value_whose_equality_raises_is_simply_different():
    class Weird:
        def __eq__(self, other):
            raise RuntimeError("no")

        __hash__ = object.__hash__

    weird = Weird()
    assert same_value(weird, weird) is False


@pytest.mark.parametrize(
    ("printed", "expected", "equal"),
    [
        ("5\n", "5\n", True),
        ("5", "5\n", True),
        ("5   \n\n\n", "5\n", True),
        ("a  \nb\t\n", "a\nb\n", True),
        ("a\r\nb\r\n", "a\nb\n", True),
        (" 5\n", "5\n", False),
        ("a\n\nb\n", "a\nb\n", False),
        ("A\n", "a\n", False),
        ("", "\n\n", True),
    ],
)
def test_stdout_ignores_only_trailing_spaces_and_blank_lines(printed, expected, equal):
    assert (normalise_stdout(printed) == normalise_stdout(expected)) is equal
