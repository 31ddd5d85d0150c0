"""Templates and static files that exercise types ship in their own folders.

A type's learner page, editor and part editor are Jinja templates under its ``templates/`` folder,
named ``type:<name>/<file>`` in the app (the CTFd and Indico shape): built-in and third-party types
use the same path, and nothing is copied into the app's templates. Static files are served from the
type's ``static/`` folder by one route, only for regular files inside it (no ``..``, no symbolic link).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound

from lms.exercises.base import ExerciseType
from lms.exercises.registry import ExerciseTypeRegistry

#: prefix of a type's templates in the app's template names
PREFIX = "type:"


def template_name(exercise_type: ExerciseType, template: str) -> str:
    """Return the app-wide name of one of a type's templates."""
    return f"{PREFIX}{exercise_type.name}/{template}"


class TypeTemplateLoader(BaseLoader):
    """Load ``type:<name>/<file>`` from the folder of the type the registry knows by that name."""

    def __init__(self, registry: ExerciseTypeRegistry) -> None:
        self.registry = registry

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if not template.startswith(PREFIX) or "/" not in template:
            raise TemplateNotFound(template)
        name, _, rest = template[len(PREFIX) :].partition("/")
        exercise_type = self.registry.get(name)
        if exercise_type is None or not rest:
            raise TemplateNotFound(template)
        # FileSystemLoader refuses "..", and the type's folder is its own: no other type's files
        return FileSystemLoader(str(exercise_type.template_folder())).get_source(environment, rest)

    def list_templates(self) -> list[str]:
        names = []
        for name in self.registry.names():
            exercise_type = self.registry.get(name)
            folder = exercise_type.template_folder() if exercise_type else None
            if folder and folder.is_dir():
                loader = FileSystemLoader(str(folder))
                names += [f"{PREFIX}{name}/{t}" for t in loader.list_templates()]
        return sorted(names)


def has_template(environment: Environment, exercise_type: ExerciseType, template: str | None) -> bool:
    """Tell whether the type ships ``template`` (a missing one makes the exercise "unavailable")."""
    if not template:
        return False
    try:
        environment.get_template(template_name(exercise_type, template))
    except TemplateNotFound:
        return False
    return True


def static_file(exercise_type: ExerciseType, filename: str) -> Path | None:
    """Return the type's static file, or None unless it is a regular file inside its ``static/`` folder.

    Every component is checked with ``lstat``: a symbolic link anywhere on the way is refused, so a
    link in a plugin's folder cannot expose the server's files.
    """
    parts = filename.split("/")
    if not filename or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    if any("\\" in part or "\0" in part for part in parts):
        return None
    path = exercise_type.static_folder()
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return None
        for part in parts:
            path = path / part
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                return None
    except OSError:
        return None
    return path if stat.S_ISREG(mode) else None


def learner_template(environment: Environment, exercise_type: ExerciseType | None) -> str | None:
    """Return the app-wide name of the type's learner template, or None: the exercise is "unavailable"."""
    if exercise_type is None or not has_template(environment, exercise_type, exercise_type.template):
        return None
    return template_name(exercise_type, exercise_type.template)


def editor_template(environment: Environment, exercise_type: ExerciseType | None) -> str | None:
    """Return the app-wide name of the type's editor template, or None: it cannot be edited here."""
    if exercise_type is None or not has_template(environment, exercise_type, exercise_type.editor_template):
        return None
    return template_name(exercise_type, exercise_type.editor_template or "")


def type_label(registry: ExerciseTypeRegistry, name: str | None) -> str | None:
    """Return the type's human name (translated), or None for a lesson or an unavailable type."""
    exercise_type = registry.get(name or "") if name else None
    return str(exercise_type.label) if exercise_type is not None else None


def init_templating(app: Flask, registry: ExerciseTypeRegistry) -> None:
    """Let templates name a type's files (``type:<name>/…``) and its human name (``exercise_label``)."""
    app.jinja_loader = ChoiceLoader([app.jinja_loader, TypeTemplateLoader(registry)])  # type: ignore[assignment,list-item]
    app.add_template_global(lambda name: type_label(registry, name), "exercise_label")
    # A type's own catalogues are merged after the app's (Moodle's per-component language files): an
    # installed type brings its translations (for a string in both, the type's wording is used).
    babel = app.extensions["babel"]
    for name in registry.names():
        folder = registry.get(name).translations_folder()  # type: ignore[union-attr]
        if folder.is_dir() and str(folder) not in babel.translation_directories:
            babel.translation_directories.append(str(folder))
