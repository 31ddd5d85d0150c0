"""What an exercise type sees of its folder while parsing: files, exercise.toml, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms.core import confined
from lms.exercises.problems import Problem
from lms.exercises.tables import Spec, read_table
from lms.exercises.toml_source import TomlDoc

#: keys every exercise.toml has, read by the package loader rather than by the type
COMMON_KEYS = frozenset({"type", "type_version", "title"})


@dataclass
class ExerciseFiles:
    """One exercise folder, read-only, as seen in one language.

    Types never open paths themselves: going through this object keeps them pure, lets
    a translation replace Markdown files, and collects problems with file and line.
    """

    #: the exercise folder on disk
    folder: Path
    #: the same folder relative to the courses directory, for problems
    rel: str
    #: exercise.toml, with a translation's keys already overlaid when reading a translation
    toml: TomlDoc
    #: ``locales/<lang>/...`` folder whose Markdown files replace the originals, if any
    overlay: Path | None = None
    #: problems reported while parsing
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        """The exercise.toml content."""
        return self.toml.data

    def _path(self, name: str) -> Path | None:
        # No link is followed: the folder is inside a package, where links are refused (confined.py).
        if self.overlay is not None and name.endswith(".md") and confined.is_file(self.overlay, name):
            return self.overlay / name
        return self.folder / name if confined.is_file(self.folder, name) else None

    def _read(self, name: str) -> bytes | None:
        path = self._path(name)
        if path is None:
            return None
        try:
            return confined.read_bytes(path.parent, path.name)
        except confined.Refused:
            return None

    def exists(self, name: str) -> bool:
        """Tell whether the folder holds the file ``name`` (a path relative to the folder)."""
        return self._path(name) is not None

    def read_text(self, name: str) -> str | None:
        """Return a UTF-8 file's text (a translation's for Markdown), or None when absent."""
        data = self._read(name)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.report(f"{name} is not valid UTF-8 text", file=name)
            return None

    def read_bytes(self, name: str) -> bytes | None:
        """Return a file's bytes, or None when absent."""
        return self._read(name)

    def list_files(self, subfolder: str = "") -> list[str]:
        """Return the names of the files (not folders) in a subfolder, sorted; hidden files skipped."""
        folder = self.folder / subfolder if subfolder else self.folder
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))

    def entries(self) -> list[str]:
        """Return the names of every file and folder directly in the exercise folder."""
        ignored = {"__pycache__"}
        return sorted(
            p.name for p in self.folder.iterdir() if not p.name.startswith(".") and p.name not in ignored
        )

    def report(self, message: str, *key: str | int, file: str = "exercise.toml") -> None:
        """Record a problem in ``file`` of this folder, at ``key`` when it is exercise.toml."""
        if file == "exercise.toml":
            self.problems.append(self.toml.problem(message, *key))
        else:
            self.problems.append(Problem(f"{self.rel}/{file}", None, message))

    def read(self, table: dict[str, Any], spec: Spec, *key: str | int) -> dict[str, Any]:
        """Check a table of exercise.toml against ``spec`` (see ``read_table``).

        At the top level, the keys common to every exercise are accepted silently.
        """
        ignore = COMMON_KEYS if not key else ()
        return read_table(table, spec, self.toml, tuple(key), self.problems, ignore)
