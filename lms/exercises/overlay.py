"""Translation overlays: which TOML keys a translation may set, and merging them in.

Answers, tests and code never differ between languages, so an overlay may only touch the
keys a spec names; everything else in an overlay is a problem, reported with its line.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lms.exercises.problems import Problem
from lms.exercises.tables import describe
from lms.exercises.toml_source import Key, TomlDoc


@dataclass(frozen=True)
class Translatable:
    """The keys of a TOML table that a translation may set."""

    #: plain keys whose value a translation replaces (e.g. ``title``)
    keys: frozenset[str] = frozenset()
    #: arrays of tables: name -> (keys that identify an entry, e.g. ``("id",)``; what may be
    #: translated inside each entry). An overlay entry giving one of those keys is matched
    #: by it, any other entry by its position.
    arrays: Mapping[str, tuple[tuple[str, ...], Translatable]] = field(default_factory=dict)

    def allowed(self) -> list[str]:
        """Name every key a translation may set here, for messages."""
        return sorted(self.keys | set(self.arrays))


def _same_kind(original: Any, translated: Any) -> bool:
    if isinstance(original, list):
        return isinstance(translated, list) and all(isinstance(x, str) for x in translated)
    return type(original) is type(translated)


def _find(entries: list[Any], match: tuple[str, ...], entry: dict[str, Any]) -> int | None:
    for name in match:
        if name in entry:
            for index, candidate in enumerate(entries):
                if isinstance(candidate, dict) and candidate.get(name) == entry[name]:
                    return index
    return None


def apply_overlay(
    original: Mapping[str, Any],
    overlay: Mapping[str, Any],
    spec: Translatable,
    doc: TomlDoc,
    key: Key = (),
    matched_by: tuple[str, ...] = (),
    key_map: dict[Key, Key] | None = None,
    merged_key: Key = (),
) -> tuple[dict[str, Any], list[Problem]]:
    """Return ``original`` with the overlay's translatable keys replaced, and the problems.

    ``key_map``, when given, receives where each matched array entry of the result sits
    in the overlay (e.g. ``("questions", 2)`` -> ``("questions", 0)``), so problems found
    later in the merged data can be located in the overlay file.
    ``doc`` is the overlay file (for lines); ``matched_by`` names the keys that identify
    this entry in its array, which an overlay repeats without translating them.
    """
    merged = copy.deepcopy(dict(original))
    problems: list[Problem] = []
    for name, value in overlay.items():
        where = (*key, name)
        if name in matched_by:
            continue
        if name in spec.keys:
            if name not in original:
                problems.append(
                    doc.problem(f"'{name}' is translated but the original has no '{name}'", *where)
                )
            elif not _same_kind(original[name], value):
                wanted = describe(original[name])
                problems.append(
                    doc.problem(f"'{name}' must be {wanted} like the original, not {describe(value)}", *where)
                )
            else:
                merged[name] = value
        elif name in spec.arrays:
            match, inner = spec.arrays[name]
            entries = original.get(name)
            if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
                problems.append(doc.problem(f"'{name}' must be an array of tables", *where))
                continue
            if not isinstance(entries, list):
                problems.append(
                    doc.problem(f"'{name}' is translated but the original has no '{name}'", *where)
                )
                continue
            for position, entry in enumerate(value):
                keys = [m for m in match if m in entry]
                if keys:
                    index = _find(entries, match, entry)
                    if index is None:
                        shown = f"{keys[0]} '{entry[keys[0]]}'"
                        message = f"'{name}': the original has no entry with {shown}"
                        problems.append(doc.problem(message, *where, position, keys[0]))
                        continue
                elif position < len(entries):
                    index = position
                else:
                    count = len(entries)
                    message = f"'{name}': entry {position + 1} has no counterpart (the original has {count})"
                    problems.append(doc.problem(message, *where, position))
                    continue
                inner_merged = (*merged_key, name, index)
                if key_map is not None:
                    key_map[inner_merged] = (*where, position)
                result, found = apply_overlay(
                    entries[index], entry, inner, doc, (*where, position), match, key_map, inner_merged
                )
                merged[name][index] = result
                problems.extend(found)
        else:
            allowed = ", ".join(spec.allowed()) or "nothing"
            problems.append(
                doc.problem(f"'{name}' cannot be translated (a translation may set: {allowed})", *where)
            )
    return merged, problems
