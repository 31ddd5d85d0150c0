"""Helpers for exercise-type tests: an exercise folder written on the fly, parsed like the loader does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lms.exercises import ExerciseFiles, ExerciseType, builtin_registry
from lms.exercises.toml_source import parse_toml

MakeFiles = Callable[..., ExerciseFiles]


@pytest.fixture
def registry():
    return builtin_registry()


@pytest.fixture
def make_files(tmp_path: Path) -> MakeFiles:
    """Write exercise.toml and other files (``__`` for ``/``) into a new folder, ready for ``parse()``."""

    def make(toml: str, **files: str) -> ExerciseFiles:
        folder = tmp_path / f"exercise-{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        (folder / "exercise.toml").write_text(toml, encoding="utf-8")
        for name, text in files.items():
            path = folder / name.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        doc, problems = parse_toml(toml, "course/units/u/exercise/exercise.toml")
        assert doc is not None, problems
        return ExerciseFiles(folder, "course/units/u/exercise", doc)

    return make


def _parse_checked(exercise_type: ExerciseType, files: ExerciseFiles) -> tuple[dict, list[str]]:
    config = exercise_type.parse(files)
    if files.problems:
        return config, [p.message for p in files.problems]
    return config, [p.message for p in exercise_type.validate(config)]


@pytest.fixture
def parse_checked() -> Callable[[ExerciseType, ExerciseFiles], tuple[dict, list[str]]]:
    """Parse, then validate when the shape is right (as the loader does); return config and messages."""
    return _parse_checked
