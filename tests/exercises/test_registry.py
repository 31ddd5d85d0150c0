"""The exercise-type registry: explicit registration, clear errors, unavailable types, entry points."""

from __future__ import annotations

import importlib.metadata
import sys
import types

import pytest

from lms.exercises import (
    DuplicateExerciseType,
    ExerciseType,
    ExerciseTypeError,
    ExerciseTypeRegistry,
    GradeResult,
    builtin_registry,
)
from lms.exercises import registry as registry_module


class Flashcards(ExerciseType):
    name = "flashcards"
    version = 1
    label = "Flashcards"
    template = "exercises/flashcards.html"

    def public_view(self, config):
        return {}

    def grade(self, config, submission, run=None):
        return GradeResult(1.0, True)


class OtherQuiz(ExerciseType):
    name = "quiz"
    version = 1


def test_builtin_registry_has_the_built_in_types():
    registry = builtin_registry()
    assert registry.names() == ["parsons", "predict-output", "python", "quiz", "reflection", "webpage"]
    assert registry.get("python").needs_sandbox
    assert not registry.get("quiz").needs_sandbox
    assert str(registry.get("quiz").label) == "Quiz"


def test_each_registry_is_independent():
    first, second = builtin_registry(), builtin_registry()
    first.register(Flashcards)
    assert "flashcards" in first and "flashcards" not in second


def test_a_duplicate_name_names_both_classes():
    registry = builtin_registry()
    with pytest.raises(DuplicateExerciseType) as error:
        registry.register(OtherQuiz)
    message = str(error.value)
    assert "'quiz' is defined twice" in message
    assert "lms.exercises.quiz.QuizExercise" in message
    assert "OtherQuiz" in message


def test_a_missing_type_is_unavailable_not_an_error():
    registry = builtin_registry()
    assert registry.get("flashcards") is None
    assert not registry.is_available("flashcards")
    assert registry.is_available("quiz")


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"name": "Bad Name", "version": 1}, "no valid 'name'"),
        ({"name": "ok", "version": 0}, "no valid 'version'"),
    ],
)
def test_invalid_types_are_refused(attributes, message):
    cls = type("Broken", (ExerciseType,), attributes)
    with pytest.raises(ExerciseTypeError, match=message):
        ExerciseTypeRegistry().register(cls)
    with pytest.raises(ExerciseTypeError, match="not a subclass"):
        ExerciseTypeRegistry().register(dict)


def test_a_temporary_type_is_gone_after_the_block():
    registry = builtin_registry()
    with registry.temporary(Flashcards) as flashcards:
        assert registry.get("flashcards") is flashcards
        assert flashcards.grade({}, {}).passed
    assert registry.get("flashcards") is None


def test_a_temporary_type_is_removed_even_when_the_block_fails():
    registry = builtin_registry()
    with pytest.raises(RuntimeError), registry.temporary(Flashcards):
        raise RuntimeError("boom")
    assert not registry.is_available("flashcards")


@pytest.fixture
def entry_points(monkeypatch):
    """Replace the installed entry points with a fake plugin module and chosen entries."""
    plugin = types.ModuleType("fake_lms_plugin")
    plugin.Flashcards = Flashcards
    plugin.NotAType = object
    monkeypatch.setitem(sys.modules, "fake_lms_plugin", plugin)
    installed: list[importlib.metadata.EntryPoint] = []

    def fake_entry_points(*, group):
        return [ep for ep in installed if ep.group == group]

    monkeypatch.setattr(registry_module.importlib.metadata, "entry_points", fake_entry_points)

    def add(name: str, value: str, group: str = registry_module.ENTRY_POINT_GROUP) -> None:
        installed.append(importlib.metadata.EntryPoint(name, value, group))

    return add


def test_entry_points_add_types(entry_points):
    entry_points("flashcards", "fake_lms_plugin:Flashcards")
    entry_points("ignored", "fake_lms_plugin:Flashcards", group="another.group")
    registry = builtin_registry()
    assert registry.load_entry_points() == ["flashcards"]
    assert registry.is_available("flashcards")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("flashcards", "missing_module_xyz:Flashcards", "could not be loaded: ModuleNotFoundError"),
        ("flashcards", "fake_lms_plugin:Absent", "could not be loaded: AttributeError"),
        ("flashcards", "fake_lms_plugin:NotAType", "is not an ExerciseType subclass"),
        ("cards", "fake_lms_plugin:Flashcards", "gives a type named 'flashcards'; the names must match"),
    ],
)
def test_a_broken_entry_point_names_itself(entry_points, name, value, message):
    entry_points(name, value)
    with pytest.raises(ExerciseTypeError) as error:
        builtin_registry().load_entry_points()
    assert f"entry point '{name}' ({value})" in str(error.value)
    assert message in str(error.value)


def test_an_entry_point_cannot_replace_a_builtin(entry_points, monkeypatch):
    monkeypatch.setattr(Flashcards, "name", "quiz")
    entry_points("quiz", "fake_lms_plugin:Flashcards")
    with pytest.raises(DuplicateExerciseType):
        builtin_registry().load_entry_points()
