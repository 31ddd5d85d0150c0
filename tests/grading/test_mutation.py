"""Mutation testing through the real sandbox: survivors are found and shown, equivalents are
accepted only with a reason, verdicts are cached, and a mutant that never ends is isolated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import current_app

from lms.grading.mutation import MutationCache, describe_survivor, mutate_exercise

MENTION = """\
def mention(moyenne):
    if moyenne >= 10:
        return "admis"
    return "ajourné"
"""


def config(solution: str, *tests: tuple[str, str], limits: dict | None = None, **extra) -> dict:
    return {
        "prompt": "",
        "starter": "",
        "solution": solution,
        "wrong": {},
        "data": {},
        "packages": [],
        "limits": limits or {"cpu_seconds": 1, "wall_seconds": 10},
        "tests": [
            {"name": f"test {i}", "call": call, "expected": expected, "hidden": i > 0}
            for i, (call, expected) in enumerate(tests)
        ],
        **extra,
    }


def run(app, cfg, slot, cache=None):
    return mutate_exercise("exercice", cfg, current_app.config["SANDBOX_PYTHON"], [slot], cache)


def test_weak_tests_let_mutants_survive_and_each_survivor_is_shown(app, slot):
    weak = config(MENTION, ("mention(15)", "'admis'"), ("mention(3)", "'ajourné'"))
    report = run(app, weak, slot)
    assert report.generated >= 5 and report.killed + len(report.survivors) == report.generated
    boundary = [r for r in report.survivors if r.mutant.description.endswith(">= → >")]
    assert boundary, [r.mutant.description for r in report.survivors]
    shown = describe_survivor(boundary[0], MENTION)
    assert "-    if moyenne >= 10:" in shown and "+    if moyenne > 10:" in shown
    assert not report.ok and "surviving" in report.summary()


def test_tests_at_the_boundary_kill_every_mutant(app, slot):
    strong = config(
        MENTION,
        ("mention(15)", "'admis'"),
        ("mention(10)", "'admis'"),
        ("mention(9.5)", "'ajourné'"),
        ("mention(11)", "'admis'"),
    )
    report = run(app, strong, slot)
    assert report.ok, [(r.mutant.description, r.by) for r in report.survivors]
    assert report.killed == report.generated > 0


def test_an_equivalent_mutant_needs_a_declaration_that_stays_current(app, slot):
    source = "def double(n):\n    total = 0\n    total = n * 2\n    return total\n"
    cfg = config(source, ("double(4)", "8"), ("double(0)", "0"), ("double(3)", "6"))
    survivors = run(app, cfg, slot).survivors
    assert [r.mutant.description for r in survivors] == ["line 2: statement removed: total = 0"] or survivors
    ids = [r.mutant.id for r in survivors]
    declared = config(
        source,
        ("double(4)", "8"),
        ("double(0)", "0"),
        ("double(3)", "6"),
        equivalent_mutants=[{"id": i, "reason": "total is set again before it is read"} for i in ids]
        + [{"id": "0000000000", "reason": "stale"}],
    )
    report = run(app, declared, slot)
    assert not report.survivors and len(report.equivalent) == len(ids)
    assert report.problems == [
        "exercice: mutant 0000000000 is declared equivalent but is no longer generated"
    ]


def test_verdicts_are_cached_by_content(app, slot, tmp_path):
    cache = MutationCache(tmp_path)
    cfg = config(
        MENTION, ("mention(15)", "'admis'"), ("mention(10)", "'admis'"), ("mention(9.5)", "'ajourné'")
    )
    first = run(app, cfg, slot, cache)
    again = run(app, cfg, slot, cache)
    assert first.runs > 0 and first.cached == 0
    assert again.runs == 0 and again.cached == again.generated == first.generated
    assert [r.killed for r in again.results] == [r.killed for r in first.results]
    cfg["tests"][1]["expected"] = "'admis' "[:-1]  # same content: still cached
    assert run(app, cfg, slot, cache).runs == 0
    cfg["tests"].pop()  # other tests: every verdict is computed again
    assert run(app, cfg, slot, cache).cached == 0


def test_a_mutant_that_never_ends_is_killed_without_losing_the_others(app, slot):
    source = "def compte(n):\n    i = 0\n    while i < n:\n        i += 1\n    return i\n"
    cfg = config(source, ("compte(5)", "5"), ("compte(0)", "0"), ("compte(1)", "1"))
    report = run(app, cfg, slot)
    looping = [r for r in report.results if r.mutant.description.endswith("+ → -")]
    assert looping and looping[0].killed and looping[0].by.startswith("run ")
    judged = [r for r in report.results if r.killed and not r.by.startswith("run ")]
    assert judged  # the other mutants of the batches it stopped were judged by their tests


def test_courses_validate_reports_survivors_with_their_diff(app, runner, slot, tmp_path):
    demo = Path(__file__).resolve().parents[1] / "fixtures/packages/demo-minimal"
    package = tmp_path / "packages" / demo.name
    shutil.copytree(demo, package)
    exercise = package / "units/premiers-pas/somme"
    (exercise / "solution.py").write_text(
        "def somme(a, b):\n    if a > b:\n        return a + b\n    return b + a\n"
    )
    result = runner.invoke(
        args=["courses", "validate", "--dir", str(tmp_path / "packages"), "--slots", str(slot)]
    )
    assert result.exit_code == 1, result.output
    assert "demo-minimal/somme: " in result.output and "mutants" in result.output
    assert "surviving mutant" in result.output and "+    if a >= b:" in result.output
    result = runner.invoke(
        args=[
            "courses",
            "validate",
            "--dir",
            str(tmp_path / "packages"),
            "--no-mutation",
            "--slots",
            str(slot),
        ]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["count", "generator"])
def test_bad_random_declarations_are_reported(kind):
    from lms.exercises.python import PythonExercise

    random = {
        "generator": "generator.py",
        "seed": 1,
        "count": 20,
        "source": "def cases(rng, count):\n    return []\n",
    }
    if kind == "count":
        random["count"] = 0
    else:
        random["generator"] = "solution.py"
    cfg = config(MENTION, ("mention(15)", "'admis'"), ("mention(3)", "'ajourné'"), random=random)
    messages = [p.message for p in PythonExercise().validate(cfg)]
    assert any(kind in m for m in messages), messages
