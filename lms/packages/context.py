"""State shared while one package is loaded: where it is, the registry, problems so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lms.exercises.problems import Problem
from lms.exercises.registry import ExerciseTypeRegistry
from lms.exercises.toml_source import TomlDoc, load_toml
from lms.markdown import ASSET_PREFIX, asset_references


@dataclass
class LoadContext:
    """One package being loaded: every step appends its problems here."""

    #: the package folder
    root: Path
    registry: ExerciseTypeRegistry
    problems: list[Problem] = field(default_factory=list)
    #: TOML files read so far, by path relative to the package folder
    docs: dict[str, TomlDoc] = field(default_factory=dict)

    def rel(self, inside: str) -> str:
        """Return a path inside the package as problems show it (relative to the courses dir)."""
        return f"{self.root.name}/{inside}" if inside else self.root.name

    def report(self, inside: str, message: str, line: int | None = None) -> None:
        """Record a problem in a file of the package."""
        self.problems.append(Problem(self.rel(inside), line, message))

    def toml(self, inside: str) -> TomlDoc | None:
        """Read a TOML file of the package, reporting it when missing or invalid."""
        doc, found = load_toml(self.root / inside, self.rel(inside))
        self.problems.extend(found)
        if doc is not None:
            self.docs[inside] = doc
        return doc

    def check_assets(self, text: str, inside: str, with_lines: bool = True) -> None:
        """Report every ``assets/...`` link of a Markdown text that names no file."""
        for path, line in asset_references(text):
            target = self.root / path
            if ".." in path.split("/") or not target.is_file() or path == ASSET_PREFIX:
                self.report(inside, f"asset '{path}' does not exist", line if with_lines else None)
