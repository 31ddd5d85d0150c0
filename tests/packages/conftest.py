"""Fixtures for package tests: the fixture packages, and a writable copy of the demo package."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lms.exercises import builtin_registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packages"


@pytest.fixture
def registry():
    return builtin_registry()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of demo-minimal that a test may break."""
    return shutil.copytree(FIXTURES / "demo-minimal", tmp_path / "demo-minimal")


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace text once in a file, failing loudly when the text is not there."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return replace
