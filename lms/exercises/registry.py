"""The registry of exercise types: explicit, per instance, with clear errors.

An app owns one registry (built in ``create_app``); tests build their own, so no test ever
mutates a global. A name the registry does not know is "unavailable", not an error: an
exercise whose type was uninstalled still shows, greyed out.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Iterator
from contextlib import contextmanager

from lms.exercises.base import ExerciseType
from lms.exercises.parsons import ParsonsExercise
from lms.exercises.python import PythonExercise
from lms.exercises.quiz import QuizExercise
from lms.exercises.reflection import ReflectionExercise
from lms.exercises.types.predict import PredictOutputExercise
from lms.exercises.webpage import WebpageExercise

#: entry-point group through which installed distributions add exercise types
ENTRY_POINT_GROUP = "lms.exercise_types"

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class ExerciseTypeError(Exception):
    """An exercise type cannot be registered or loaded."""


class DuplicateExerciseType(ExerciseTypeError):
    """Two exercise types claim the same name."""


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


class ExerciseTypeRegistry:
    """The exercise types an app knows, by name."""

    def __init__(self) -> None:
        self._types: dict[str, ExerciseType] = {}

    def register(self, cls: type[ExerciseType]) -> type[ExerciseType]:
        """Add a type (usable as a class decorator); a name already taken is an error."""
        if not isinstance(cls, type) or not issubclass(cls, ExerciseType):
            raise ExerciseTypeError(f"{cls!r} is not a subclass of ExerciseType")
        name = getattr(cls, "name", None)
        if not isinstance(name, str) or not _NAME.match(name):
            raise ExerciseTypeError(
                f"{_qualname(cls)} has no valid 'name' (lowercase letters, digits, - or _)"
            )
        version = getattr(cls, "version", None)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ExerciseTypeError(f"{_qualname(cls)} has no valid 'version' (an integer >= 1)")
        if name in self._types:
            other = type(self._types[name])
            raise DuplicateExerciseType(
                f"exercise type {name!r} is defined twice: by {_qualname(other)} and by {_qualname(cls)}"
            )
        self._types[name] = cls()
        return cls

    def unregister(self, name: str) -> None:
        """Remove a type; unknown names are ignored."""
        self._types.pop(name, None)

    def get(self, name: str) -> ExerciseType | None:
        """Return the type called ``name``, or None when it is unavailable."""
        return self._types.get(name)

    def is_available(self, name: str) -> bool:
        """Tell whether exercises of type ``name`` can be shown and graded."""
        return name in self._types

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        return sorted(self._types)

    def __contains__(self, name: object) -> bool:
        return name in self._types

    def __len__(self) -> int:
        return len(self._types)

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> list[str]:
        """Register every type installed under the entry-point ``group``; return their names.

        Each entry point's name must be the type's ``name`` and its object a class; a
        plugin that fails to import is reported with its name, not swallowed.
        """
        loaded = []
        for entry_point in importlib.metadata.entry_points(group=group):
            where = f"entry point {entry_point.name!r} ({entry_point.value}) in group {group!r}"
            try:
                cls = entry_point.load()
            except Exception as error:  # a broken plugin must name itself, whatever it raised
                raise ExerciseTypeError(
                    f"{where} could not be loaded: {type(error).__name__}: {error}"
                ) from error
            if not isinstance(cls, type) or not issubclass(cls, ExerciseType):
                raise ExerciseTypeError(f"{where} is not an ExerciseType subclass: {cls!r}")
            if getattr(cls, "name", None) != entry_point.name:
                raise ExerciseTypeError(
                    f"{where} gives a type named {getattr(cls, 'name', None)!r}; the names must match"
                )
            self.register(cls)
            loaded.append(cls.name)
        return loaded

    @contextmanager
    def temporary(self, cls: type[ExerciseType]) -> Iterator[ExerciseType]:
        """Register ``cls`` for the duration of a ``with`` block (for tests)."""
        self.register(cls)
        try:
            yield self._types[cls.name]
        finally:
            self.unregister(cls.name)

    @contextmanager
    def without(self, name: str) -> Iterator[None]:
        """Make ``name`` unavailable for the duration of a ``with`` block (for tests: as if uninstalled)."""
        removed = self._types.pop(name, None)
        try:
            yield
        finally:
            if removed is not None:
                self._types[name] = removed


def builtin_registry() -> ExerciseTypeRegistry:
    """Return a new registry holding the built-in types."""
    registry = ExerciseTypeRegistry()
    for cls in (
        QuizExercise,
        PythonExercise,
        ReflectionExercise,
        ParsonsExercise,
        PredictOutputExercise,
        WebpageExercise,
    ):
        registry.register(cls)
    return registry
