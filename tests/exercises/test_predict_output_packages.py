"""Predict the output in a course package: `courses validate` and `courses sync` compute the output in the
sandbox (for the original and every translation), and a translation may not change the program."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from lms.courses.models import Item
from lms.exercises import builtin_registry
from lms.grading.computed import ComputedCache, prepare_package
from lms.packages.loader import load_package

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "demo-minimal"
EXERCISE = '''type = "predict-output"
type_version = 1
title = "Prédire"
prompt = "Qu'affiche ce programme ?"
code = """
mots = ["un", "deux"]
for mot in mots:
    print(mot.upper())
"""
explanation = "`upper()` met en majuscules."
'''
ARABIC = 'title = "توقّع"\nprompt = "ماذا يطبع هذا البرنامج؟"\n'


def _package(tmp_path: Path, overlay: str = ARABIC) -> Path:
    root = tmp_path / "courses"
    course = root / "demo-minimal"
    shutil.copytree(FIXTURE, course)
    (course / "units/premiers-pas/predire").mkdir()
    (course / "units/premiers-pas/predire/exercise.toml").write_text(EXERCISE, encoding="utf-8")
    (course / "locales/ar/units/premiers-pas/predire").mkdir(parents=True)
    (course / "locales/ar/units/premiers-pas/predire/exercise.toml").write_text(overlay, encoding="utf-8")
    unit = course / "units/premiers-pas/unit.toml"
    unit.write_text(
        unit.read_text(encoding="utf-8") + '\n[[items]]\nexercise = "predire"\n', encoding="utf-8"
    )
    toml = course / "course.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '"predict-output" = 1\n', encoding="utf-8")
    return root


def test_the_output_is_computed_for_the_original_and_its_translation(tmp_path):
    registry = builtin_registry()
    package, problems = load_package(_package(tmp_path) / "demo-minimal", registry)
    assert problems == []
    item = next(item for _, item in package.items() if item.slug == "predire")
    assert (
        item.config["output"] is None
        and item.translations["ar"]["config"]["prompt"] == "ماذا يطبع هذا البرنامج؟"
    )
    runs = []

    def runner(request):
        from types import SimpleNamespace

        runs.append(request)
        return SimpleNamespace(status="ok", cases=[SimpleNamespace(stdout="UN\nDEUX\n", error=None)] * 2)

    assert prepare_package(package, registry, runner, ComputedCache(tmp_path / "cache")) == []
    assert item.config["output"] == "UN\nDEUX\n" == item.translations["ar"]["config"]["output"]
    assert len(runs) == 1  # the translation's program is the same: taken from the cache


def test_a_translation_cannot_change_the_program(tmp_path):
    overlay = ARABIC + 'code = "print(1)"\n'
    _package_root = _package(tmp_path, overlay)
    _, problems = load_package(_package_root / "demo-minimal", builtin_registry())
    assert any("'code' cannot be translated" in str(p) for p in problems), problems


@pytest.mark.usefixtures("db")
def test_courses_validate_and_sync_run_the_program_in_the_sandbox(app, runner, tmp_path, monkeypatch):
    root = _package(tmp_path)
    monkeypatch.setenv("MAHARAT_MUTATION_CACHE", str(tmp_path / "cache"))
    validated = runner.invoke(
        args=["courses", "validate", "demo-minimal", "--dir", str(root), "--no-mutation"]
    )
    assert validated.exit_code == 0, validated.output
    synced = runner.invoke(args=["courses", "sync", "demo-minimal", "--dir", str(root)])
    assert synced.exit_code == 0, synced.output
    from lms.extensions import db

    item = db.session.scalar(select(Item).where(Item.slug == "predire"))
    assert item.config["output"] == "UN\nDEUX\n"
    assert item.translations["ar"]["config"]["output"] == "UN\nDEUX\n"
    # a program that fails is refused by validation, with its error
    broken = root / "demo-minimal/units/premiers-pas/predire/exercise.toml"
    broken.write_text(EXERCISE.replace("mot.upper()", "mot.upper() / 2"), encoding="utf-8")
    refused = runner.invoke(args=["courses", "validate", "demo-minimal", "--dir", str(root), "--no-mutation"])
    assert refused.exit_code == 1 and "predire: the program fails in the sandbox: TypeError" in refused.output
