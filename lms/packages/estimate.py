"""Estimated time of units and courses, computed from their content so the catalogue never guesses.

A beginner's minutes for a unit = reading its lessons and its exercises' texts + the work each exercise
asks (its type says how much: ``ExerciseType.estimated_minutes``). The rates, and why, are in
docs/course-packages.md ("Estimated time"); ``flask courses estimate`` prints and writes the figures, and a
test keeps every shipped manifest within 25 % of them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from lms.exercises.registry import ExerciseTypeRegistry
from lms.packages.model import CoursePackage, UnitSpec

#: words of prose a beginner reads per minute in a technical lesson (silent reading of non-fiction is
#: about 240 words a minute for adults in their first language; learners who stop to think, often in a
#: second language, read about half as fast)
PROSE_WORDS_PER_MINUTE = 130
#: lines of code a beginner reads and tries out per minute (typing an example and running it)
CODE_LINES_PER_MINUTE = 4
#: how far a manifest's figure may stray from the computation before the shipped-course test fails
TOLERANCE = 0.25

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class UnitEstimate:
    slug: str
    #: reading the lessons and the exercises' statements
    reading: float
    #: the exercises' own work (answering, writing code)
    exercises: float
    #: what the manifest declares (``minutes`` in unit.toml), if anything
    declared: int | None

    @property
    def minutes(self) -> int:
        """The total, rounded up to 5 minutes (nobody plans a lesson to the minute)."""
        return max(5, 5 * math.ceil((self.reading + self.exercises) / 5))


def reading_minutes(markdown: str) -> float:
    """Minutes to read Markdown: prose by words, code blocks by lines."""
    code_lines = sum(
        len([line for line in block.splitlines() if line.strip()]) for block in _FENCE.findall(markdown)
    )
    prose = _FENCE.sub("", markdown)
    return len(_WORD.findall(prose)) / PROSE_WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE


def estimate_unit(unit: UnitSpec, registry: ExerciseTypeRegistry) -> UnitEstimate:
    reading = 0.0
    work = 0.0
    for item in unit.items:
        if item.kind == "lesson":
            reading += reading_minutes(item.body or "")
            continue
        exercise_type = registry.get(item.type_name or "")
        if exercise_type is None or item.config is None:
            continue
        reading += sum(reading_minutes(text) for text in exercise_type.markdown_texts(item.config))
        work += exercise_type.estimated_minutes(item.config)
    return UnitEstimate(unit.slug, reading, work, unit.minutes)


def estimate_course(
    package: CoursePackage, registry: ExerciseTypeRegistry
) -> tuple[list[UnitEstimate], float]:
    """Return each unit's estimate and the course's hours (the units' sum, to the half hour)."""
    units = [estimate_unit(unit, registry) for unit in package.units]
    hours = max(0.5, round(sum(u.minutes for u in units) / 30) / 2)
    return units, hours


def within_tolerance(declared: float, computed: float) -> bool:
    return abs(declared - computed) <= TOLERANCE * computed


def write_estimates(root: Path, units: list[UnitEstimate], hours: float) -> list[Path]:
    """Write ``minutes`` into each unit.toml and ``hours`` into course.toml; return the files changed.

    Only those lines are touched, so comments and layout stay as the author wrote them.
    """
    changed = []
    for unit in units:
        changed += _set_line(
            root / "units" / unit.slug / "unit.toml", "minutes", str(unit.minutes), after="summary"
        )
    shown = f"{hours:g}"
    changed += _set_line(root / "course.toml", "hours", shown, after="level")
    return changed


def _set_line(path: Path, key: str, value: str, *, after: str) -> list[Path]:
    text = path.read_text(encoding="utf-8")
    line = re.compile(rf"^{key}\s*=.*$", re.M)
    if line.search(text):
        new = line.sub(lambda m: f"{key} = {value}" + _comment(m.group(0)), text, count=1)
    else:
        anchor = re.search(rf"^{after}\s*=.*$", text, re.M) or re.search(r"^title\s*=.*$", text, re.M)
        position = anchor.end() if anchor else 0
        new = text[:position] + f"\n{key} = {value}" + text[position:]
    if new == text:
        return []
    path.write_text(new, encoding="utf-8")
    return [path]


def _comment(line: str) -> str:
    """Keep a trailing comment of a replaced line."""
    match = re.search(r"\s+#.*$", line)
    return match.group(0) if match and '"' not in match.group(0) else ""
