"""Mutation testing of Python exercises: do the tests reject plausible wrong answers?

Every mutant of the reference solution (lms/exercises/python_mutants.py) runs in the real
sandbox against the exercise's tests, graded by the exercise's own comparison rules. A mutant
that passes every test survives: the tests have a hole a learner's wrong answer could pass
through, and ``courses validate`` fails unless the exercise declares the mutant equivalent,
with a reason, in ``[[equivalent_mutants]]``.

Fast enough for CI: many mutants share one sandbox run (each case runs a mutant as its
``setup``, so one run carries mutants × tests cases), runs spread over the sandbox slots in
parallel, and verdicts are cached by content hash, so an unchanged exercise costs nothing.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import queue
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms.exercises.python_grading import all_tests, check_case
from lms.exercises.python_mutants import Mutant, generate_mutants, names_used
from lms.exercises.python_rules import Rules
from lms.sandbox import CaseSpec, Limits, RunOutcome, SandboxConfig, run_cases

#: raise when the way mutants are run or judged changes: cached verdicts are then ignored
VERSION = 2
#: a batch aims at about this much sandbox time, well inside the platform's wall-clock ceiling
BATCH_TARGET_MS = 8000
#: the wall clock of every mutation run (the platform's ceiling): CPU limits stop endless loops
BATCH_WALL_SECONDS = 30
#: and never holds more cases than this
MAX_BATCH_CASES = 400
#: a failed batch of at most this many mutants is run again one mutant per run, a larger one by halves
SPLIT_ALONE = 8
_LIMIT_KEYS = ("cpu_seconds", "memory_mb", "wall_seconds")


@dataclass(frozen=True)
class MutantResult:
    """The verdict on one mutant."""

    mutant: Mutant
    killed: bool
    by: str  #: the first test that failed, or why the run failed; "" for a survivor
    equivalent: str | None = None  #: the exercise's reason, when it declares the survivor equivalent


@dataclass
class MutationReport:
    """Mutation testing of one exercise."""

    item: str
    results: list[MutantResult] = field(default_factory=list)
    seconds: float = 0.0
    cached: int = 0  #: verdicts taken from the cache
    runs: int = 0  #: sandbox runs made
    problems: list[str] = field(default_factory=list)  #: stale declarations, a reference that fails here

    @property
    def generated(self) -> int:
        return len(self.results)

    @property
    def killed(self) -> int:
        return sum(r.killed for r in self.results)

    @property
    def survivors(self) -> list[MutantResult]:
        """Surviving mutants not declared equivalent: each one fails validation."""
        return [r for r in self.results if not r.killed and r.equivalent is None]

    @property
    def equivalent(self) -> list[MutantResult]:
        return [r for r in self.results if not r.killed and r.equivalent is not None]

    @property
    def ok(self) -> bool:
        return not self.survivors and not self.problems

    def summary(self) -> str:
        """One line for the report: generated, killed, survivors, time."""
        return (
            f"{self.item}: {self.generated} mutants, {self.killed} killed, {len(self.survivors)} surviving, "
            f"{len(self.equivalent)} equivalent ({self.seconds:.1f} s, {self.runs} sandbox runs, "
            f"{self.cached} cached)"
        )


class MutationCache:
    """Verdicts by content hash, one JSON file per exercise version, in a folder."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def load(self, key: str) -> dict[str, Any]:
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, key: str, verdicts: dict[str, Any]) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(verdicts, file, sort_keys=True)
        os.replace(name, self.folder / f"{key}.json")  # atomic: parallel validations never read half a file

    def mutants(self, config: dict[str, Any]) -> list[Mutant]:
        """The solution's mutants, generated once per solution and tests (generating takes seconds)."""
        used = names_used(*(t.get(k) for t in all_tests(config) for k in ("call", "setup")))
        compared = outputs_compared(config)
        generator = (Path(__file__).resolve().parent.parent / "exercises/python_mutants.py").read_bytes()
        inputs = json.dumps(
            [config["solution"], compared, sorted(used), hashlib.sha256(generator).hexdigest()]
        )
        key = "mutants-" + hashlib.sha256(inputs.encode()).hexdigest()[:24]
        stored = self.load(key).get("mutants")
        if isinstance(stored, list):
            try:
                return [Mutant(**entry) for entry in stored]
            except TypeError:
                pass
        mutants = generate_mutants(config["solution"], outputs_compared=compared, used=used)
        self.save(key, {"mutants": [m.__dict__ for m in mutants]})
        return mutants


def _code_version() -> str:
    """Hash of the code that runs and judges mutants: a change to it makes cached verdicts stale."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(str(VERSION).encode())
    for name in _JUDGING_CODE:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:16]


_JUDGING_CODE = (
    "sandbox/harness.py",
    "sandbox/codec.py",
    "exercises/python_grading.py",
    "exercises/python_rules.py",
    "exercises/python_compare.py",
    "grading/mutation.py",
)


def exercise_key(config: dict[str, Any]) -> str:
    """Hash of everything a verdict depends on besides the mutant's code."""
    relevant = {
        "code": _code_version(),
        "tests": all_tests(config),
        "compare": config.get("compare") or {},
        "data": config["data"],
        "limits": config["limits"],
        "packages": config["packages"],
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:24]


def outputs_compared(config: dict[str, Any]) -> bool:
    return any(t.get("stdout") is not None for t in all_tests(config))


def _import_header(solution: str) -> str:
    """The solution's imports, never executed, so the harness preloads NumPy or scikit-learn once per run."""
    lines = []
    for node in ast.walk(ast.parse(solution)):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0):
            lines.append("    " + ast.unparse(node))
    return "if False:\n" + "\n".join(lines) + "\n" if lines else ""


def _mutant_setup(test_setup: str | None, source: str) -> str:
    """A case's setup that runs the test's own setup, then the mutant as the learner's program."""
    run = (
        "try:\n"
        f"    exec(compile({source!r}, 'main.py', 'exec'), globals())\n"
        "except SystemExit as __maharat_exit:\n"
        "    if type(__maharat_exit) is not SystemExit or __maharat_exit.code not in (None, 0):\n"
        "        raise\n"
    )
    return f"{test_setup}\n{run}" if test_setup else run


class _Runner:
    def __init__(self, python: str, config: dict[str, Any], slots: list[int]) -> None:
        self.python = python
        self.config = config
        self.tests = all_tests(config)
        self.header = _import_header(config["solution"])
        self.files = {name: _b64(content) for name, content in config["data"].items()}
        self.limits = {k: config["limits"][k] for k in _LIMIT_KEYS if k in config["limits"]}
        self.slots: queue.Queue[int] = queue.Queue()
        for slot in slots:
            self.slots.put(slot)
        self.runs = 0

    def _run(self, code: str, cases: list[CaseSpec], limits: Limits) -> RunOutcome:
        slot = self.slots.get()
        try:
            return run_cases(SandboxConfig(python=self.python, slot=slot), code, cases, self.files, limits)
        finally:
            self.slots.put(slot)
            self.runs += 1

    def batch(self, sources: list[str]) -> RunOutcome:
        """All tests of several programs in one run."""
        cases = [
            CaseSpec(
                setup=_mutant_setup(t.get("setup"), source), stdin=t.get("stdin") or "", call=t.get("call")
            )
            for source in sources
            for t in self.tests
        ]
        limits = Limits(**{**self.limits, "wall_seconds": BATCH_WALL_SECONDS})
        return self._run(self.header, cases, limits)

    def alone(self, source: str) -> RunOutcome:
        """One program run as a learner's submission is graded, with the exercise's CPU and memory
        limits (an endless loop ends on its CPU limit) but the platform's wall clock, so that a
        loaded machine does not make a slow start look like a wrong program."""
        cases = [
            CaseSpec(setup=t.get("setup"), stdin=t.get("stdin") or "", call=t.get("call")) for t in self.tests
        ]
        return self._run(source, cases, Limits(**{**self.limits, "wall_seconds": BATCH_WALL_SECONDS}))

    def verdict(self, cases: list[Any]) -> tuple[bool, str]:
        """(killed, by) from one program's cases."""
        for test, case in zip(self.tests, cases, strict=True):
            try:
                passed, _ = check_case(test, case, Rules.of(self.config, test))
            except Exception:  # a malformed result fails the test, as in grading
                passed = False
            if not passed:
                return True, test["name"]
        return False, ""


def _b64(content: str) -> bytes:
    import base64

    return base64.b64decode(content)


def mutate_exercise(
    item: str,
    config: dict[str, Any],
    python: str,
    slots: list[int],
    cache: MutationCache | None = None,
) -> MutationReport:
    """Generate the solution's mutants, run the ones not in the cache, and report (raises SandboxUnavailable)."""
    started = time.monotonic()
    cache = cache or MutationCache(None)
    report = MutationReport(item)
    mutants = cache.mutants(config)
    key = exercise_key(config)
    known = cache.load(key)
    verdicts: dict[str, tuple[bool, str]] = {}
    for mutant in mutants:
        entry = known.get(_source_key(mutant.source))
        if isinstance(entry, list) and len(entry) == 2:
            verdicts[mutant.id] = (bool(entry[0]), str(entry[1]))
            report.cached += 1
    pending = [m for m in mutants if m.id not in verdicts]
    runner = _Runner(python, config, slots or [0])
    if pending:
        control = runner.alone(config["solution"])  # also measures what one program's tests cost
        killed, by = runner.verdict(control.cases) if control.ok else (True, f"run {control.status}")
        if killed:
            report.problems.append(
                f"{item}: the reference solution fails when run for mutation testing ({by})"
            )
            report.seconds = time.monotonic() - started
            report.runs = runner.runs
            return report
        # a batch pays the interpreter's start and the preloaded imports once: count them once
        startup = 1500 if "sklearn" in config["packages"] else 300 if config["packages"] else 60
        per_program = max(control.duration_ms - startup, 20)
        size = max(1, min(BATCH_TARGET_MS // per_program, MAX_BATCH_CASES // max(len(runner.tests), 1)))
        verdicts.update(_run_all(runner, pending, size, len(slots or [0])))
        for mutant in pending:
            known[_source_key(mutant.source)] = list(verdicts[mutant.id])
        cache.save(key, known)
    declared = {entry["id"]: entry["reason"] for entry in config.get("equivalent_mutants", [])}
    for mutant in mutants:
        killed, by = verdicts[mutant.id]
        report.results.append(MutantResult(mutant, killed, by, None if killed else declared.get(mutant.id)))
    generated = {m.id for m in mutants}
    for mutant_id in declared:
        if mutant_id not in generated:
            report.problems.append(
                f"{item}: mutant {mutant_id} is declared equivalent but is no longer generated"
            )
        elif verdicts[mutant_id][0]:
            report.problems.append(f"{item}: mutant {mutant_id} is declared equivalent but the tests kill it")
    report.seconds = time.monotonic() - started
    report.runs = runner.runs
    return report


def _source_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def _run_all(runner: _Runner, mutants: list[Mutant], size: int, workers: int) -> dict[str, tuple[bool, str]]:
    """Run the mutants in batches over the slots; split a batch whose run failed as a whole."""
    verdicts: dict[str, tuple[bool, str]] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        running: dict[Future[RunOutcome], list[Mutant]] = {}

        def submit(group: list[Mutant]) -> None:
            if len(group) == 1:
                running[pool.submit(runner.alone, group[0].source)] = group
            else:
                running[pool.submit(runner.batch, [m.source for m in group])] = group

        for start in range(0, len(mutants), size):
            submit(mutants[start : start + size])
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                group = running.pop(future)
                outcome = future.result()
                if len(group) == 1 and not outcome.ok:
                    # graded as a learner's run: timeout, memory, crash... all score 0
                    verdicts[group[0].id] = (True, f"run {outcome.status}")
                elif not outcome.ok and len(group) <= SPLIT_ALONE:
                    for mutant in group:  # one of them stopped the whole run: run each alone
                        submit([mutant])
                elif not outcome.ok:
                    # one mutant stopped the whole run (an endless loop, say): find it by halves
                    half = len(group) // 2
                    submit(group[:half])
                    submit(group[half:])
                else:
                    count = len(runner.tests)
                    for index, mutant in enumerate(group):
                        verdicts[mutant.id] = runner.verdict(
                            outcome.cases[index * count : (index + 1) * count]
                        )
    return verdicts


def mutate_package(
    package: Any, python: str, slots: list[int], cache: MutationCache | None = None
) -> list[MutationReport]:
    """Mutation-test every Python exercise of a loaded package (raises SandboxUnavailable)."""
    reports = []
    for _, item in package.items():
        if item.kind == "exercise" and item.type_name == "python" and item.config is not None:
            reports.append(mutate_exercise(item.slug, item.config, python, slots, cache))
    return reports


def describe_survivor(result: MutantResult, solution: str) -> str:
    """A survivor as validation reports it: its id, what changed, and the diff."""
    diff = "\n".join("    " + line for line in result.mutant.diff(solution).splitlines())
    return (
        f"surviving mutant {result.mutant.id} ({result.mutant.operator}, {result.mutant.description}): "
        f"no test fails; strengthen the tests or declare it in [[equivalent_mutants]] with a reason\n{diff}"
    )
