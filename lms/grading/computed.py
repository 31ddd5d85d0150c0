"""What exercises compute in the sandbox instead of being told: ``computed_runs`` / ``with_computed``.

A type may ask the core to run code when a package is validated, synced or published, and keep
the results in its config (the output a program prints, for a "predict the output" exercise), so
no answer key is ever typed by hand. The runs happen here, in the sandbox — never in the web
process's interpreter — and are cached by content hash (the request: code, cases, files, limits,
packages), so a course version runs each program once. The core names no type: it asks each item's
type for its runs, runs them, and gives them back.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from lms.exercises.base import ExerciseType, SandboxRequest
from lms.exercises.problems import Problem
from lms.exercises.registry import ExerciseTypeRegistry

#: runs a request in the sandbox (raises SandboxUnavailable): lms.grading.sandboxing.run_request
Runner = Callable[[SandboxRequest], Any]


def request_key(request: SandboxRequest) -> str:
    """Hash of everything a run's result depends on."""
    relevant = {
        "code": request.code,
        "cases": request.cases,
        "files": {name: base64.b64encode(data).decode() for name, data in sorted(request.files.items())},
        "limits": request.limits,
        "packages": sorted(request.packages),
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:32]


def _plain(run: Any) -> dict[str, Any]:
    """What a type may read of a run (status; per case stdout and error), as JSON for the cache."""
    return {
        "status": run.status,
        "cases": [{"stdout": case.stdout, "error": case.error} for case in run.cases],
    }


def _namespace(data: dict[str, Any]) -> SimpleNamespace:
    cases = [
        SimpleNamespace(stdout=c["stdout"], error=c["error"], value=None, has_value=False)
        for c in data["cases"]
    ]
    return SimpleNamespace(status=data["status"], cases=cases)


class ComputedCache:
    """Run results by request hash, in a folder (None: no cache, every run happens)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            data = json.loads((self.folder / f"computed-{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and "status" in data and "cases" in data else None

    def put(self, key: str, data: dict[str, Any]) -> None:
        if self.folder is None or data["status"] != "ok":
            return  # a run that did not finish may finish on a quieter machine: not cached
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"computed-{key}.json"
        partial = target.with_suffix(f".{key[:8]}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        partial.replace(target)


def complete_config(
    exercise_type: ExerciseType, config: dict[str, Any], run: Runner, cache: ComputedCache
) -> tuple[dict[str, Any], list[Problem]]:
    """Run what ``config`` asks for (or take it from the cache) and return the completed config."""
    requests = exercise_type.computed_runs(config)
    if not requests:
        return config, []
    runs = {}
    for name, request in requests.items():
        key = request_key(request)
        data = cache.get(key)
        if data is None:
            data = _plain(run(request))
            cache.put(key, data)
        runs[name] = _namespace(data)
    return exercise_type.with_computed(config, runs)


def prepare_package(
    package: Any, registry: ExerciseTypeRegistry, run: Runner, cache: ComputedCache
) -> list[str]:
    """Complete every exercise's config (and each translation's) in place; return problems as text.

    Raises SandboxUnavailable when a run is needed and the sandbox cannot run it.
    """
    problems = []
    for _, item in package.items():
        exercise_type = registry.get(item.type_name or "")
        if item.kind != "exercise" or exercise_type is None or item.config is None:
            continue
        if not exercise_type.computed_runs(item.config):
            continue
        item.config, found = complete_config(exercise_type, item.config, run, cache)
        problems += [f"{item.slug}: {problem.message}" for problem in found]
        for translation in item.translations.values():
            if isinstance(translation, dict) and translation.get("config") is not None:
                translation["config"], _ = complete_config(exercise_type, translation["config"], run, cache)
    return problems


def app_cache() -> ComputedCache:
    """The app's cache of computed runs: beside validation's mutant verdicts (MAHARAT_MUTATION_CACHE)."""
    import os

    from flask import current_app

    folder = os.environ.get("MAHARAT_MUTATION_CACHE") or Path(current_app.instance_path) / "mutation-cache"
    return ComputedCache(Path(folder))


def app_runner() -> Runner:
    """Run requests in the app's sandbox, on its first grading slot."""
    from flask import current_app

    from lms.grading.sandboxing import run_request

    slot = (current_app.config["GRADING_SLOTS"] or [0])[0]
    return lambda request: run_request(request, slot)


def prepare_for_app(package: Any, registry: ExerciseTypeRegistry) -> list[str]:
    """``prepare_package`` with the app's sandbox and cache (raises SandboxUnavailable)."""
    return prepare_package(package, registry, app_runner(), app_cache())
