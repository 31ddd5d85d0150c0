"""Estimated times come from the content: the rates are documented, and shipped manifests agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lms.packages import load_package
from lms.packages.estimate import estimate_course, reading_minutes, within_tolerance, write_estimates

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (REPO / "courses").iterdir() if (p / "course.toml").is_file())
DEMO = REPO / "tests" / "fixtures" / "packages" / "demo-minimal"


def test_prose_is_read_by_words_and_code_by_lines():
    assert reading_minutes(" ".join(["mot"] * 130)) == pytest.approx(1.0)
    assert reading_minutes("```python\na = 1\n\nb = 2\nc = 3\nprint(a)\n```\n") == pytest.approx(1.0)


def test_a_longer_reflection_or_more_questions_take_longer(registry):
    quiz = registry.get("quiz")
    reflection = registry.get("reflection")
    assert quiz.estimated_minutes({"questions": [{}] * 8}) == 2 * quiz.estimated_minutes(
        {"questions": [{}] * 4}
    )
    assert reflection.estimated_minutes({"min_words": 160}) > reflection.estimated_minutes({"min_words": 40})


def test_writing_touches_only_the_figures(registry, tmp_path):
    root = tmp_path / "demo-minimal"
    shutil.copytree(DEMO, root)
    before = (root / "units" / "premiers-pas" / "unit.toml").read_text(encoding="utf-8")
    package, problems = load_package(root, registry)
    assert problems == []
    units, hours = estimate_course(package, registry)
    write_estimates(root, units, hours)
    after = (root / "units" / "premiers-pas" / "unit.toml").read_text(encoding="utf-8")
    assert after.replace(f"\nminutes = {units[0].minutes}", "", 1) == before
    package, problems = load_package(root, registry)
    assert problems == [] and package.units[0].minutes == units[0].minutes and package.hours == hours
    write_estimates(root, units, hours)  # a second run changes nothing
    assert (root / "units" / "premiers-pas" / "unit.toml").read_text(encoding="utf-8") == after


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_shipped_estimates_are_within_a_quarter_of_the_computation(registry, folder):
    package, problems = load_package(folder, registry)
    assert problems == []
    units, hours = estimate_course(package, registry)
    assert within_tolerance(package.hours, hours), (
        f"{folder.name}: hours = {package.hours:g}, computed {hours:g} (flask courses estimate --write)"
    )
    for unit in units:
        assert unit.declared is not None and within_tolerance(unit.declared, unit.minutes), (
            f"{folder.name}/{unit.slug}: minutes = {unit.declared}, computed {unit.minutes}"
        )
