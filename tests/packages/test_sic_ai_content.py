"""Content rules of the AI course (courses/sic-ai-foundations) that validation does not know about.

Issue 22: no wine dataset in a course for public schools; the course's own data file is invented and
says so wherever it is used; every exercise declares the third-party modules its code imports, so the
grading venv's pins (tools/setup-sandbox.sh) cover them.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

COURSE = Path(__file__).resolve().parents[2] / "courses" / "sic-ai-foundations"
DATASET = COURSE / "assets" / "eleves.csv"
THIRD_PARTY = {"numpy": "numpy", "sklearn": "sklearn", "pandas": "pandas", "matplotlib": "matplotlib"}


def _text_files() -> list[Path]:
    return sorted(p for p in COURSE.rglob("*") if p.suffix in {".md", ".toml", ".py"})


def _python_exercises() -> list[Path]:
    return sorted(
        p.parent
        for p in COURSE.glob("units/*/*/exercise.toml")
        if tomllib.loads(p.read_text(encoding="utf-8"))["type"] == "python"
    )


def _without_kept_slug(text: str) -> str:
    """The tree exercise kept its slug (learners' history) when its data became the digits."""
    return text.replace("sklearn-arbre-vins", "")


def test_no_wine_dataset_is_used():
    hits = [
        str(path.relative_to(COURSE))
        for path in _text_files()
        if re.search(
            r"load_wine|\bvins?\b|alcool", _without_kept_slug(path.read_text(encoding="utf-8")), re.I
        )
    ]
    assert hits == []


def test_every_copy_of_the_pupils_file_is_the_shipped_asset():
    copies = sorted(COURSE.rglob("data/eleves.csv"))
    assert copies, "the exercises on tabular data read the course's eleves.csv"
    assert [c for c in copies if c.read_bytes() != DATASET.read_bytes()] == []


def test_the_pupils_file_is_said_to_be_invented_wherever_it_is_used():
    users = [
        p
        for p in COURSE.rglob("*.md")
        if "eleves.csv" in p.read_text(encoding="utf-8") and "locales" not in p.parts
    ]
    assert users
    assert [str(p.relative_to(COURSE)) for p in users if "inventé" not in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("folder", _python_exercises(), ids=lambda p: p.name)
def test_an_exercise_declares_every_third_party_module_its_code_imports(folder: Path):
    declared = set(tomllib.loads((folder / "exercise.toml").read_text(encoding="utf-8"))["packages"])
    sources = [folder / "solution.py", folder / "starter.py", *sorted((folder / "alternatives").glob("*.py"))]
    imported = set()
    for source in sources:
        if not source.exists():
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            imported |= {THIRD_PARTY[n.split(".")[0]] for n in names if n.split(".")[0] in THIRD_PARTY}
    assert imported <= declared, f"{folder.name} imports {sorted(imported - declared)} without declaring them"
