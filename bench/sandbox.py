"""Grading sandbox cost (issue 5): per-run overhead and gradings per second, 1 and 2 workers.

    python -m bench sandbox [--runs 20] [--gradings 12]

The overhead is the median wall time of a one-case run through bubblewrap minus the median of plain
``python -c 'print(1)'`` with the same interpreter, measured in the same run. Throughput grades the
reference solution of a simple exercise and of a scikit-learn exercise, each worker on its own slot.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = ("sic-python-fundamentals", "valeurs-prix-ttc")
SKLEARN = ("sic-ai-foundations", "sklearn-knn-iris")


def _exercise(course: str, slug: str):
    from lms.exercises.registry import builtin_registry
    from lms.packages.loader import load_package

    registry = builtin_registry()
    package, problems = load_package(ROOT / "courses" / course, registry)
    assert not problems, problems
    item = package.item(slug)
    exercise_type = registry.get(item.type_name)
    solution = next(
        s for label, s, must_pass in exercise_type.reference_submissions(item.config) if must_pass
    )
    return exercise_type, item.config, solution


def overhead(runs: int) -> tuple[float, float]:
    """Median ms of a sandboxed one-case run and of plain python, same interpreter."""
    from lms.sandbox import CaseSpec, SandboxConfig, run_cases

    python = str(ROOT / ".venv-sandbox/bin/python")
    config = SandboxConfig(python=python, slot=0)
    plain, boxed = [], []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([python, "-c", "print(1)"], check=True, capture_output=True)
        plain.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        outcome = run_cases(config, "x = 1", [CaseSpec(call="x")])
        boxed.append((time.perf_counter() - started) * 1000)
        assert outcome.status == "ok", outcome
    return statistics.median(boxed), statistics.median(plain)


def throughput(course: str, slug: str, gradings: int, workers: int) -> float:
    """Gradings per second of the exercise's reference solution with ``workers`` parallel slots."""
    from lms.sandbox import CaseSpec, Limits, SandboxConfig, run_cases

    exercise_type, config, solution = _exercise(course, slug)
    request = exercise_type.sandbox_request(config, solution)
    cases = [CaseSpec(setup=c.get("setup"), stdin=c.get("stdin"), call=c.get("call")) for c in request.cases]
    limits = Limits(
        **{k: v for k, v in request.limits.items() if k in ("cpu_seconds", "memory_mb", "wall_seconds")}
    )
    python = str(ROOT / ".venv-sandbox/bin/python")
    counter = iter(range(gradings))
    lock = threading.Lock()
    failures = []

    def work(slot: int) -> None:
        box = SandboxConfig(python=python, slot=slot)
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            run = run_cases(box, request.code, cases, files=dict(request.files), limits=limits)
            if not exercise_type.grade(config, solution, run).passed:
                failures.append(run.status)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    assert not failures, f"the reference solution failed: {failures}"
    return gradings / elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sandbox")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--gradings", type=int, default=12)
    args = parser.parse_args(argv)
    boxed, plain = overhead(args.runs)
    print(
        f"\nSandbox overhead (median of {args.runs}): sandboxed one-case run {boxed:.1f} ms, "
        f"plain python {plain:.1f} ms, overhead {boxed - plain:.1f} ms (target < 25 ms)"
    )
    print(f"\n{'exercise':<40}{'workers':>8}{'gradings/s':>12}")
    for course, slug in (SIMPLE, SKLEARN):
        for workers in (1, 2):
            rate = throughput(course, slug, args.gradings, workers)
            print(f"{course + '/' + slug:<40}{workers:>8}{rate:>12.2f}")


if __name__ == "__main__":
    main()
