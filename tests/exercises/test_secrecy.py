"""Secrecy: no learner-facing view of any exercise, in any shipped course, gives an answer away.

Runs over whatever packages exist under courses/ (and the demo fixture) when the tests run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lms.exercises import builtin_registry
from lms.packages import discover, load_package

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = builtin_registry()
#: keys that carry answers in some type's config and must never reach a public view
SECRET_KEYS = {
    "correct",
    "answer",
    "accepted",
    "tolerance",
    "explanation",
    "solution",
    "wrong",
    "data",
    "case_sensitive",
}


def _exercises() -> list[Any]:
    found = []
    for folder in [*discover(ROOT / "courses"), ROOT / "tests/fixtures/packages/demo-minimal"]:
        package, _ = load_package(folder, REGISTRY)
        if package is None:
            continue
        for _, item in package.items():
            configs = [("", item.config)] + [(lang, t.get("config")) for lang, t in item.translations.items()]
            for lang, config in configs:
                if item.kind == "exercise" and config is not None and REGISTRY.get(item.type_name):
                    label = f"{package.slug}/{item.slug}" + (f"[{lang}]" if lang else "")
                    found.append(pytest.param(item.type_name, config, id=label))
    return found


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


@pytest.mark.parametrize(("type_name", "config"), _exercises())
def test_public_view_reveals_no_answer(type_name, config):
    exercise_type = REGISTRY.get(type_name)
    config = json.loads(json.dumps(config))
    view = exercise_type.public_view(config)
    json.dumps(view)
    assert not SECRET_KEYS & set(_keys(view))
    shown = list(_strings(view))
    if type_name == "quiz":
        for question in config["questions"]:
            if question["explanation"]:
                assert question["explanation"] not in shown
    if type_name == "python":
        # data files are left out as such (the ``data`` key); a prompt may still show their content
        for secret in (s.strip() for s in [config["solution"], *config["wrong"].values()]):
            if secret and secret != config["starter"].strip():
                assert not any(secret in text for text in shown)
        hidden = [t for t in view["tests"] if t["hidden"]]
        assert all(set(t) == {"name", "hidden"} for t in hidden)
