"""A problem found in a course package, located by file and line so an author can fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package, printed as ``path:line: message``.

    Validation reports every problem at once rather than stopping at the first, so an
    author fixes a package in one pass.
    """

    #: the file, relative to the courses directory (e.g. ``demo/units/u1/unit.toml``)
    path: str
    #: 1-based line in that file, or None when the parser cannot tell
    line: int | None
    #: what is wrong, in words an author understands
    message: str
    #: where in a TOML file the problem is (e.g. ``("questions", 0, "answer")``); an exercise
    #: type's ``validate()`` cannot know lines, so the loader resolves this key to one
    key: tuple[str | int, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"
