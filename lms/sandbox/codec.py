"""Decode the type-tagged values the harness reports, without ever evaluating them.

The encoding keeps apart what JSON would merge (int/float/bool, list/tuple, str/bytes, NaN,
non-string dict keys) so the caller can compare strictly by type. The encoder is in
``harness.py`` because it runs inside the sandbox, where this package is not mounted.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

#: Deepest nesting accepted; the harness refuses deeper values before they get here.
MAX_DEPTH = 100
#: Most items of one set or dict that may share a hash. Honest data almost never has two (ints,
#: floats and tuples hash predictably, so a program can make thousands collide, and building a set
#: of them costs quadratic time: 20-30 s for one 1 MiB report).
MAX_EQUAL_HASHES = 8

_INT = re.compile(r"-?[0-9a-f]+")
_FLOAT = re.compile(r"-?(?:inf|nan|[0-9]+(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?)")


class DecodeError(ValueError):
    """A reported value does not follow the encoding: the run's report cannot be trusted."""


@dataclass(frozen=True, eq=False)
class OpaqueValue:
    """A value of a type the encoding does not carry (a NumPy scalar, a class instance...).

    It equals nothing but itself, so it can never match an expected literal, whatever its
    ``__eq__`` did inside the sandbox. ``type_name`` and ``text`` serve feedback only.
    """

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


@dataclass(frozen=True, eq=False)
class TypedValue(OpaqueValue):
    """A value of a subclass of a plain type (``Counter``, a namedtuple) or a NumPy value,
    with the plain value it holds.

    Still equal to nothing: the grader's comparison rules decide whether ``plain`` may stand
    for an expected value (a Counter for a dict, a NumPy float for a float).
    """

    plain: object = None

    def __repr__(self) -> str:
        return self.text


def decode_value(tagged: object) -> object:
    """Turn one tagged value into the Python value it stands for.

    Raises DecodeError on anything malformed rather than guessing.
    """
    return _decode(tagged, 0)


def _decode(node: object, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise DecodeError("value nested too deeply")
    if type(node) is not dict or type(node.get("t")) is not str:
        raise DecodeError(f"not a tagged value: {node!r:.80}")
    tag = node["t"]
    if tag == "none":
        _keys(node, {"t"})
        return None
    if tag == "repr":
        _keys(node, {"t", "type", "v"})
        return OpaqueValue(_str(node["type"]), _str(node["v"]))
    if tag == "typed":
        _keys(node, {"t", "type", "v", "plain"})
        return TypedValue(_str(node["type"]), _str(node["v"]), _decode(node["plain"], depth + 1))
    _keys(node, {"t", "v"})
    v = node["v"]
    if tag == "bool":
        if type(v) is not bool:
            raise DecodeError("bad bool")
        return v
    if tag == "int":
        if type(v) is not str or not _INT.fullmatch(v):
            raise DecodeError("bad int")
        return int(v, 16)
    if tag == "float":
        return _float(v)
    if tag == "complex":
        if type(v) is not list or len(v) != 2:
            raise DecodeError("bad complex")
        return complex(_float(v[0]), _float(v[1]))
    if tag == "str":
        return _str(v)
    if tag == "bytes":
        try:
            return base64.b64decode(_str(v), validate=True)
        except binascii.Error as e:
            raise DecodeError("bad bytes") from e
    if tag in ("list", "tuple", "set", "frozenset"):
        if type(v) is not list:
            raise DecodeError(f"bad {tag}")
        items = [_decode(item, depth + 1) for item in v]
        if tag == "list":
            return items
        if tag == "tuple":
            return tuple(items)
        return _hashable(set if tag == "set" else frozenset, items)
    if tag == "dict":
        if type(v) is not list:
            raise DecodeError("bad dict")
        pairs = []
        for pair in v:
            if type(pair) is not list or len(pair) != 2:
                raise DecodeError("bad dict item")
            pairs.append((_decode(pair[0], depth + 1), _decode(pair[1], depth + 1)))
        _spread([key for key, _ in pairs])
        result = dict(pairs)
        if len(result) != len(v):
            raise DecodeError("duplicate dict key")
        return result
    raise DecodeError(f"unknown tag {tag!r:.40}")


def _keys(node: dict, expected: set[str]) -> None:
    if set(node) != expected:
        raise DecodeError(f"unexpected keys {sorted(node)!r:.80}")


def _str(v: object) -> str:
    if type(v) is not str:
        raise DecodeError("expected a string")
    return v


def _float(v: object) -> float:
    if type(v) is not str or not _FLOAT.fullmatch(v):
        raise DecodeError("bad float")
    return float(v)


def _hashable(kind: type, items: list) -> object:
    _spread(items)
    return kind(items)


def _spread(keys: list) -> None:
    """Refuse keys crafted to share a hash, before any set or dict is built from them.

    Counting costs one hash per key; the counting dict's own keys are distinct hash values, which
    CPython's probing spreads (it mixes in every bit of the hash), so the whole check is linear.
    """
    counts: dict[int, int] = {}
    for key in keys:
        try:
            h = hash(key)
        except TypeError as e:
            raise DecodeError("unhashable set item or dict key") from e
        seen = counts.get(h, 0) + 1
        if seen > MAX_EQUAL_HASHES:
            raise DecodeError("set or dict items crafted to share one hash")
        counts[h] = seen
