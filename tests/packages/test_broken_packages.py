"""Each broken fixture package reports exactly its defect, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.packages import load_package

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packages"

EXPECTED = {
    "broken-missing-unit": [
        "broken-missing-unit/course.toml:12: unit 'absente' is listed but units/absente/ does not exist",
    ],
    "broken-slug-mismatch": [
        "broken-slug-mismatch/course.toml:2: "
        "slug 'pas-le-bon-nom' does not match the folder name 'broken-slug-mismatch'",
    ],
    "broken-unknown-type": [
        "broken-unknown-type/units/intro/cartes/exercise.toml:1: "
        "unknown exercise type 'flashcards' (available: parsons, predict-output, python, quiz, reflection, webpage)",
        "broken-unknown-type/course.toml:15: [requires] names unknown exercise type 'flashcards'",
    ],
    "broken-lower-version": [
        "broken-lower-version/course.toml:3: version 2 is lower than installed 3",
    ],
    "broken-answer-key": [
        "broken-answer-key/units/intro/quiz-intro/exercise.toml:6: "
        "question 'q1': a single-choice question needs exactly one correct choice, found 2",
    ],
    "broken-toml-syntax": [
        "broken-toml-syntax/units/intro/unit.toml:5: invalid TOML: Illegal character '\\n' (column 19)",
    ],
    "broken-unknown-key": [
        "broken-unknown-key/units/intro/unit.toml:6: unknown key 'wieght'",
    ],
    "broken-overlay-key": [
        "broken-overlay-key/locales/ar/units/intro/quiz-intro/exercise.toml:6: "
        "'answer' cannot be translated (a translation may set: accepted, choices, distractors, explanation, gaps, items, pairs, text)",
    ],
}


def test_every_broken_fixture_is_covered():
    assert sorted(p.name for p in FIXTURES.glob("broken-*")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_package_reports_its_problem(registry, name):
    installed = 3 if name == "broken-lower-version" else None
    package, problems = load_package(FIXTURES / name, registry, installed_version=installed)
    assert [str(p) for p in problems] == EXPECTED[name]
    assert package is not None  # course.toml was readable: callers can still show what they can


def test_the_lower_version_package_is_fine_when_nothing_newer_is_installed(registry):
    assert load_package(FIXTURES / "broken-lower-version", registry, installed_version=2)[1] == []
    assert load_package(FIXTURES / "broken-lower-version", registry)[1] == []


def test_an_exercise_of_an_unknown_type_is_kept_raw(registry):
    package, _ = load_package(FIXTURES / "broken-unknown-type", registry)
    item = package.item("cartes")
    assert (item.kind, item.type_name, item.config) == ("exercise", "flashcards", None)
    assert item.raw == {"type": "flashcards", "type_version": 1, "title": "Cartes mémoire"}
    assert item.title == "Cartes mémoire"
