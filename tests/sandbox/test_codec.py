"""The tagged value encoding: exact types both ways, nothing evaluated, nothing guessed."""

from __future__ import annotations

import json
import math
from collections import OrderedDict, namedtuple

import pytest

from lms.sandbox import OpaqueValue, TypedValue, decode_value
from lms.sandbox.codec import DecodeError
from lms.sandbox.harness import _Refused, encode_value


def round_trip(value):
    return decode_value(json.loads(encode_value(value, 1 << 20)))


def identical(a, b) -> bool:
    """Equal with the same types all the way down (so 1 is not 1.0 and -0.0 is not 0.0)."""
    if type(a) is not type(b):
        return False
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is dict:
        return sorted(map(repr, a)) == sorted(map(repr, b)) and all(identical(a[k], b[k]) for k in a)
    if type(a) in (set, frozenset):
        return sorted(map(repr, a)) == sorted(map(repr, b))
    if type(a) is float:
        return repr(a) == repr(b)
    return a == b


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -17,
        2**200,
        -(2**70),
        0.1,
        -0.0,
        1e300,
        5e-324,
        math.inf,
        -math.inf,
        1 + 2j,
        "",
        'Bonjour ; مرحبا \u00e9\n\t"\\',
        "\ud800 lone surrogate",
        b"\x00\xff bytes",
        [],
        [1, [2, [3]]],
        (1, "a", None),
        (),
        {"a": 1},
        {1: "int key", (1, 2): "tuple key", None: 0, 2.5: "float key", False: "bool key"},
        {1, 2, 3},
        set(),
        frozenset({"a", (1, 2)}),
        {"nested": [{"deep": ({1}, frozenset())}]},
    ],
)
def test_plain_values_round_trip_with_their_types(value):
    assert identical(round_trip(value), value)


def test_nan_round_trips():
    assert math.isnan(round_trip(math.nan))


def test_int_float_and_bool_stay_apart():
    assert [type(v) for v in round_trip([1, 1.0, True])] == [int, float, bool]
    assert list(round_trip({1: "a", 2.0: "b"})) == [1, 2.0]


def test_subclasses_and_other_types_become_opaque():
    class Weird(int):
        def __eq__(self, other):
            return True

    Point = namedtuple("Point", "x y")
    for value, type_name in [
        (Weird(5), "test_subclasses_and_other_types_become_opaque.<locals>.Weird"),
        (Point(1, 2), "Point"),
        (OrderedDict(a=1), "OrderedDict"),
        (bytearray(b"x"), "bytearray"),
        (object(), "object"),
        (len, "builtin_function_or_method"),
    ]:
        decoded = round_trip(value)
        assert isinstance(decoded, OpaqueValue)
        assert decoded.type_name == type_name
        assert decoded != value and decoded != decoded.text
        assert decoded != 5


def test_subclasses_of_plain_types_carry_the_plain_value_they_hold():
    from collections import Counter, defaultdict

    class Weird(int):
        def __eq__(self, other):
            return True

        def __int__(self):
            return 99

    Point = namedtuple("Point", "x y")
    counts = defaultdict(int, a=2)
    for value, type_name, plain in [
        (Weird(5), "test_subclasses_of_plain_types_carry_the_plain_value_they_hold.<locals>.Weird", 5),
        (Point(1, 2), "Point", (1, 2)),
        (OrderedDict(a=1), "OrderedDict", {"a": 1}),
        (Counter("aab"), "Counter", {"a": 2, "b": 1}),
        (counts, "defaultdict", {"a": 2}),
    ]:
        decoded = round_trip(value)
        assert isinstance(decoded, TypedValue) and decoded.type_name == type_name
        assert identical(decoded.plain, plain)
        assert decoded != plain  # equal to nothing: only the grader's rules may unwrap it


def test_opaque_values_equal_nothing_even_themselves_by_content():
    a, b = OpaqueValue("X", "1"), OpaqueValue("X", "1")
    assert a != b and a == a
    assert len({a, b}) == 2


def test_hostile_objects_cannot_break_the_encoder():
    class Hostile:
        def __repr__(self):
            raise KeyboardInterrupt

        def __eq__(self, other):
            raise SystemExit

        def __hash__(self):
            return 1

        def __len__(self):
            raise MemoryError

    class LongRepr:
        def __repr__(self):
            return "x" * 10_000

    decoded = round_trip([Hostile(), {Hostile()}, LongRepr()])
    assert decoded[0].text == "<repr failed>"
    assert len(decoded[2].text) == 200


def test_too_large_or_too_deep_results_are_refused():
    with pytest.raises(_Refused):
        encode_value(list(range(100_000)), 1 << 16)
    with pytest.raises(_Refused):
        encode_value("x" * 100_000, 1 << 16)
    with pytest.raises(_Refused):
        encode_value(2 ** (1 << 20), 1 << 16)
    loop: list = []
    loop.append(loop)
    with pytest.raises(_Refused):
        encode_value(loop, 1 << 20)


@pytest.mark.parametrize(
    "tagged",
    [
        {"t": "int", "v": 5},
        {"t": "int", "v": "5 "},
        {"t": "int", "v": "__import__('os')"},
        {"t": "float", "v": "1e5; import os"},
        {"t": "float", "v": 1.5},
        {"t": "bool", "v": 1},
        {"t": "str", "v": None},
        {"t": "str", "v": "x", "extra": 1},
        {"t": "bytes", "v": "not base64!"},
        {"t": "list", "v": "abc"},
        {"t": "set", "v": [{"t": "list", "v": []}]},
        {"t": "dict", "v": [[{"t": "list", "v": []}, {"t": "none"}]]},
        {
            "t": "dict",
            "v": [[{"t": "int", "v": "1"}, {"t": "none"}], [{"t": "int", "v": "1"}, {"t": "none"}]],
        },
        {"t": "dict", "v": [[{"t": "int", "v": "1"}]]},
        {"t": "eval", "v": "1+1"},
        {"t": "repr", "v": "x"},
        {"v": "x"},
        "5",
        5,
        None,
        [],
    ],
)
def test_malformed_values_are_refused(tagged):
    with pytest.raises(DecodeError):
        decode_value(tagged)


def test_excessive_nesting_is_refused():
    node = {"t": "none"}
    for _ in range(200):
        node = {"t": "list", "v": [node]}
    with pytest.raises(DecodeError):
        decode_value(node)


# --- hash flooding: decoding stays linear -------------------------------------------------------

#: Every multiple of 2**61 - 1 hashes to 0: a set of 30 000 of them costs ~10 s to build.
_P = 2**61 - 1


def _ints(values) -> list[dict]:
    return [{"t": "int", "v": format(v, "x")} for v in values]


@pytest.mark.parametrize(
    "tagged",
    [
        {"t": "set", "v": _ints(k * _P for k in range(30000))},
        {"t": "frozenset", "v": _ints(k * _P for k in range(30000))},
        {"t": "dict", "v": [[key, {"t": "none"}] for key in _ints(k * _P for k in range(30000))]},
        {"t": "set", "v": [{"t": "tuple", "v": [item]} for item in _ints(k * _P for k in range(30000))]},
    ],
    ids=["set", "frozenset", "dict-keys", "tuple-keys"],
)
def test_items_crafted_to_share_a_hash_are_refused(tagged):
    with pytest.raises(DecodeError, match="share one hash"):
        decode_value(tagged)


def test_large_honest_sets_and_dicts_still_decode():
    assert decode_value({"t": "set", "v": _ints(range(30000))}) == set(range(30000))
    pairs = [[k, k] for k in _ints(range(0, 30000 * 7, 7))]
    assert len(decode_value({"t": "dict", "v": pairs})) == 30000
    assert decode_value({"t": "set", "v": _ints([_P, 2 * _P, 1, 2])}) == {_P, 2 * _P, 1, 2}
