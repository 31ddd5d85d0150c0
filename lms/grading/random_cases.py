"""Reference-checked random cases: hidden inputs drawn by the exercise's generator, expected
values computed by its reference solution, both in the sandbox.

A handful of hand-written tests can be learned by heart; a learner cannot hard-code twenty
inputs drawn at random. An exercise declares ``[random]`` (a generator file of its folder, a
seed, a count); ``draw_random_tests`` runs the generator in the sandbox — never in the web
process — then the reference solution on what it drew, and turns each case into a hidden
test whose expected value or output is the reference's. The result is cached by content hash
(the generator, seed, count, solution, data and limits), so a course version draws once;
``courses sync`` stores the drawn tests with the exercise and grading compares the learner's
results with them under the exercise's comparison rules.

The generator defines ``cases(rng, count)``: ``rng`` is a ``random.Random`` seeded with the
exercise's seed; it returns ``count`` dicts, each with a ``call`` (an expression, as in a
test) and/or a ``stdin``, and optionally a ``setup``.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from lms.sandbox import CaseSpec, Limits, SandboxConfig, run_cases

_LIMIT_KEYS = ("cpu_seconds", "memory_mb", "wall_seconds")
_CASE_KEYS = {"call", "stdin", "setup"}


class RandomCasesError(ValueError):
    """The generator or the reference solution did not give usable random cases."""


def random_key(config: dict[str, Any]) -> str:
    """Hash of everything the drawn cases depend on."""
    random = config["random"]
    relevant = {
        "generator": random.get("source", ""),
        "seed": random["seed"],
        "count": random["count"],
        "solution": config["solution"],
        "data": config["data"],
        "limits": config["limits"],
        "packages": config["packages"],
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:24]


def draw_random_tests(
    config: dict[str, Any], python: str, slot: int = 0, cache: Path | None = None
) -> list[dict[str, Any]]:
    """The exercise's random cases as hidden tests (raises RandomCasesError, SandboxUnavailable)."""
    if not config.get("random"):
        return []
    key = random_key(config)
    cached = _load(cache, key)
    if cached is not None:
        return cached
    sandbox = SandboxConfig(python=python, slot=slot)
    files = {name: base64.b64decode(content) for name, content in config["data"].items()}
    limits = Limits(**{k: config["limits"][k] for k in _LIMIT_KEYS if k in config["limits"]})
    random = config["random"]
    draw = f"cases(__import__('random').Random({int(random['seed'])}), {int(random['count'])})"
    # the platform's wall clock: CPU limits still stop an endless loop, a loaded machine does not fail the draw
    wide = Limits(**{**limits.__dict__, "wall_seconds": max(limits.wall_seconds, 30)})
    drawn = run_cases(sandbox, random["source"], [CaseSpec(call=draw)], files, wide)
    if not drawn.ok or drawn.cases[0].error:
        detail = drawn.cases[0].error if drawn.ok else drawn.status
        raise RandomCasesError(f"{random['generator']}: cases(rng, count) failed: {detail}")
    specs = _checked_specs(drawn.cases[0].value, int(random["count"]), random["generator"])
    cases = [CaseSpec(setup=s.get("setup"), stdin=s.get("stdin", ""), call=s.get("call")) for s in specs]
    reference = run_cases(sandbox, config["solution"], cases, files, wide)
    if not reference.ok:
        raise RandomCasesError(
            f"the reference solution did not finish on the random cases ({reference.status})"
        )
    tests = []
    for index, (spec, outcome) in enumerate(zip(specs, reference.cases, strict=True)):
        if outcome.error:
            raise RandomCasesError(
                f"the reference solution fails on random case {index + 1}: {outcome.error}"
            )
        test: dict[str, Any] = {"name": f"random {index + 1}", "hidden": True}
        for field in ("setup", "stdin"):
            if spec.get(field):
                test[field] = spec[field]
        if spec.get("call") is not None:
            test["call"] = spec["call"]
            test["expected"] = _literal(outcome.value, index)
        else:
            test["stdout"] = outcome.stdout
        tests.append(test)
    _save(cache, key, tests)
    return tests


def _checked_specs(value: object, count: int, generator: str) -> list[dict[str, str]]:
    if type(value) is not list or len(value) != count:
        raise RandomCasesError(f"{generator}: cases(rng, count) must return a list of {count} dicts")
    specs = []
    for index, spec in enumerate(value):
        if (
            type(spec) is not dict
            or not set(spec) <= _CASE_KEYS
            or not ({"call", "stdin"} & set(spec))
            or not all(type(v) is str for v in spec.values())
        ):
            raise RandomCasesError(
                f"{generator}: case {index + 1} must be a dict of strings with 'call' and/or 'stdin' (and 'setup')"
            )
        if "call" in spec:
            try:
                compile(spec["call"], "<random case>", "eval", dont_inherit=True)
            except SyntaxError as error:
                raise RandomCasesError(f"{generator}: case {index + 1}: invalid call: {error.msg}") from None
        specs.append(spec)
    return specs


def _literal(value: object, index: int) -> str:
    """The reference's value as a Python literal, checked to read back the same."""
    text = repr(value)
    try:
        same = ast.literal_eval(text) == value and type(ast.literal_eval(text)) is type(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        same = False
    if not same:
        raise RandomCasesError(
            f"random case {index + 1}: the reference's value {text[:80]} is not a plain literal; "
            "convert it in the call (e.g. .tolist(), float(...))"
        )
    return text


def _load(cache: Path | None, key: str) -> list[dict[str, Any]] | None:
    if cache is None:
        return None
    try:
        data = json.loads((cache / f"random-{key}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, list) else None


def _save(cache: Path | None, key: str, tests: list[dict[str, Any]]) -> None:
    if cache is None:
        return
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"random-{key}.json"
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(tests, ensure_ascii=False), "utf-8")
    partial.replace(target)


def prepare_package(package: Any, python: str, slot: int = 0, cache: Path | None = None) -> list[str]:
    """Draw the random cases of every exercise that declares them, into its config; return problems."""
    problems = []
    for _, item in package.items():
        config = item.config
        if item.kind != "exercise" or item.type_name != "python" or not config or not config.get("random"):
            continue
        try:
            config["random_tests"] = draw_random_tests(config, python, slot, cache)
        except RandomCasesError as error:
            problems.append(f"{item.slug}: {error}")
    return problems
