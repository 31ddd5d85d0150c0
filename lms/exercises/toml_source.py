"""TOML files read with the line of every key, so problems point at the line to fix.

``tomllib`` gives values but not positions; a light scan of the text maps each table and
key to its line. The scan only has to be good enough to point an author at the right place:
anything it cannot place falls back to the nearest enclosing table.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms.exercises.problems import Problem

Key = tuple[str | int, ...]

_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER = re.compile(rf"^\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\[\s*({_DOTTED})\s*\]")
_KEY_VALUE = re.compile(rf"^({_DOTTED})\s*=(.*)$")
_SPLIT = re.compile(rf"\s*({_KEY_PART})\s*\.?")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _segments(dotted: str) -> list[str]:
    """Split ``a."b.c".d`` into its key names."""
    parts = []
    for raw in _SPLIT.findall(dotted):
        if raw[:1] in "\"'":
            raw = raw[1:-1]
        parts.append(raw)
    return parts


def _opens_multiline(value: str) -> str | None:
    """Return the delimiter of a multi-line string left open on this line, if any."""
    for delim in ('"""', "'''"):
        if value.count(delim) % 2 == 1:
            return delim
    return None


def index_lines(text: str) -> dict[Key, int]:
    """Map every table header and key of a TOML text to its 1-based line."""
    lines: dict[Key, int] = {}
    array_index: dict[Key, int] = {}
    current: Key = ()
    open_string: str | None = None

    def resolve(names: list[str]) -> Key:
        path: Key = ()
        for name in names:
            path += (name,)
            if path in array_index:
                path += (array_index[path],)
        return path

    for number, raw in enumerate(text.splitlines(), start=1):
        if open_string:
            if open_string in raw:
                open_string = None
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _ARRAY_HEADER.match(line):
            names = _segments(match.group(1))
            array = (*resolve(names[:-1]), names[-1])
            array_index[array] = array_index.get(array, -1) + 1
            lines.setdefault(array, number)
            current = (*array, array_index[array])
            lines[current] = number
        elif match := _TABLE_HEADER.match(line):
            current = resolve(_segments(match.group(1)))
            lines.setdefault(current, number)
        elif match := _KEY_VALUE.match(line):
            path = current
            for name in _segments(match.group(1)):
                path += (name,)
                lines.setdefault(path, number)
            open_string = _opens_multiline(match.group(2))
    return lines


@dataclass
class TomlDoc:
    """A parsed TOML file: its data, and where each key sits in the text."""

    #: the file's path relative to the courses directory, used in problems
    rel: str
    #: the parsed content
    data: dict[str, Any]
    #: the raw text, kept to locate keys
    text: str = ""
    #: for merged translations: array entries of ``data`` -> their place in ``text`` (see
    #: ``apply_overlay``); entries missing from it are not in the text at all
    key_map: dict[Key, Key] | None = None
    _lines: dict[Key, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.text and not self._lines:
            self._lines = index_lines(self.text)

    def _in_text(self, key: Key) -> Key:
        """Translate a key of ``data`` into the key of the same place in ``text``."""
        if self.key_map is None:
            return key
        result: Key = ()
        for depth, part in enumerate(key, start=1):
            if isinstance(part, int):
                mapped = self.key_map.get(key[:depth])
                if mapped is None:
                    return result  # this entry is not in the text: point at its array
                result = mapped
            else:
                result = (*result, part)
        return result

    def line(self, *key: str | int) -> int | None:
        """Return the line of ``key``, or of its nearest enclosing table when unknown."""
        path = self._in_text(tuple(key))
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None

    def problem(self, message: str, *key: str | int) -> Problem:
        """Build a problem located at ``key`` in this file."""
        return Problem(self.rel, self.line(*key), message, tuple(key))


def parse_toml(text: str, rel: str) -> tuple[TomlDoc | None, list[Problem]]:
    """Parse TOML text, turning a syntax error into a problem with its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if match := _TOML_POSITION.search(message):
            line = int(match.group(1))
            message = f"{message[: match.start()]} (column {match.group(2)})"
        return None, [Problem(rel, line, f"invalid TOML: {message}")]
    return TomlDoc(rel, data, text), []


def load_toml(path: Path, rel: str) -> tuple[TomlDoc | None, list[Problem]]:
    """Read and parse a TOML file; a missing or undecodable file is a problem, not an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(rel, None, "file not found")]
    except UnicodeDecodeError:
        return None, [Problem(rel, None, "not valid UTF-8 text")]
    return parse_toml(text, rel)
