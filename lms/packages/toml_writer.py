"""Writing TOML: the small subset course packages use, in a stable layout.

The standard library reads TOML but does not write it; the export needs only strings, numbers,
booleans, arrays of scalars, tables and arrays of tables, so a short writer beats a dependency.
Output is deterministic (keys in the order given), which makes an export of an export identical.
"""

from __future__ import annotations

import math
import re
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\f": "\\f", "\r": "\\r"}


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else _string(name)


def _escape(text: str, keep_newlines: bool) -> str:
    out = []
    for char in text:
        if char == "\n":
            out.append("\n" if keep_newlines else "\\n")
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _string(text: str) -> str:
    if "\n" in text:
        # a newline right after the opening delimiter is trimmed by readers, so the text starts after it
        return '"""\n' + _escape(text, keep_newlines=True) + '"""'
    return '"' + _escape(text, keep_newlines=False) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a TOML value")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _write_table(table: dict[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    for name, value in table.items():
        if value is None or isinstance(value, dict) or _is_table_array(value):
            continue
        lines.append(f"{_key(name)} = {_value(value)}")
    for name, value in table.items():
        if isinstance(value, dict):
            header = ".".join(_key(p) for p in (*path, name))
            lines.extend(["", f"[{header}]"])
            _write_table(value, (*path, name), lines)
        elif _is_table_array(value):
            header = ".".join(_key(p) for p in (*path, name))
            for entry in value:
                lines.extend(["", f"[[{header}]]"])
                _write_table(entry, (*path, name), lines)


def dumps(data: dict[str, Any]) -> str:
    """Return ``data`` as TOML text; ``None`` values are left out."""
    lines: list[str] = []
    _write_table(data, (), lines)
    while lines and lines[0] == "":
        lines.pop(0)
    return "\n".join(lines) + "\n"
