"""Mutation testing cost (issue 17): time per exercise in the sandbox, next to plain Python.

    python -m bench mutation [--slots 0,1] [--only SLUG ...]

For each shipped Python exercise (or those named), generates the mutants of its reference solution
and runs them against its tests as ``courses validate`` does (batched sandbox runs over the slots,
no cache), then runs exactly the same programs and tests with the same interpreter as plain Python,
outside any sandbox, in one process (each test in a fresh namespace, a timer stopping endless
loops). Only the shipped reference solutions' mutants run unsandboxed here: this is a benchmark,
never a grading path.
"""

from __future__ import annotations

import argparse
import base64
import json
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv-sandbox/bin/python")

#: runs each program's tests in a fresh namespace; a test that runs longer than its CPU limit is stopped
_DRIVER = r"""
import contextlib, io, json, os, signal, sys
job = json.load(sys.stdin)
os.chdir(job["dir"])
def stop(*_):
    raise TimeoutError
signal.signal(signal.SIGALRM, stop)
for source in job["programs"]:
    for test in job["tests"]:
        namespace = {"__name__": "__main__"}
        out = io.StringIO()
        signal.setitimer(signal.ITIMER_REAL, job["seconds"])
        try:
            with contextlib.redirect_stdout(out), contextlib.suppress(BaseException):
                sys.stdin = io.StringIO(test.get("stdin") or "")
                if test.get("setup"):
                    exec(test["setup"], namespace)
                exec(compile(source, "main.py", "exec"), namespace)
                if test.get("call"):
                    eval(test["call"], namespace)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
"""


def _exercises(only: set[str]):
    from lms.exercises.registry import builtin_registry
    from lms.packages.loader import discover, load_package

    registry = builtin_registry()
    for path in discover(ROOT / "courses"):
        package, problems = load_package(path, registry)
        assert not problems, problems
        for _, item in package.items():
            if item.type_name == "python" and (not only or item.slug in only):
                yield path.name, item


def plain_python(config: dict, sources: list[str]) -> float:
    """Seconds to run every program against every test with plain Python, no sandbox."""
    from lms.grading.mutation import all_tests

    with tempfile.TemporaryDirectory() as work:
        for name, content in config["data"].items():
            target = Path(work) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(content))
        job = {
            "dir": work,
            "programs": sources,
            "tests": all_tests(config),
            "seconds": float(config["limits"].get("cpu_seconds", 2)),
        }
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "-c", _DRIVER], input=json.dumps(job), text=True, check=True, capture_output=True
        )
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    from lms import create_app
    from lms.grading.mutation import mutate_exercise
    from lms.grading.random_cases import draw_random_tests

    parser = argparse.ArgumentParser(prog="python -m bench mutation")
    parser.add_argument("--slots", default="0,1", help="sandbox slots used in parallel")
    parser.add_argument("--only", nargs="*", default=[], help="exercise slugs (default: every shipped one)")
    args = parser.parse_args(argv)
    slots = [int(s) for s in args.slots.split(",") if s.strip()]
    app = create_app()
    print(
        f"\nMutation testing, no cache, {len(slots)} sandbox slot(s), next to plain Python (same programs and tests)"
    )
    print(f"{'exercise':<58}{'mutants':>8}{'runs':>6}{'sandbox s':>11}{'plain s':>9}{'ratio':>7}")
    total_box = total_plain = 0.0
    with app.app_context():
        for course, item in _exercises(set(args.only)):
            config = dict(item.config)
            if config.get("random"):
                config["random_tests"] = draw_random_tests(config, PYTHON, slots[0])
            report = mutate_exercise(item.slug, config, PYTHON, slots)
            plain = plain_python(config, [r.mutant.source for r in report.results])
            total_box += report.seconds
            total_plain += plain
            name = f"{course}/{item.slug}"
            print(
                f"{name:<58}{report.generated:>8}{report.runs:>6}{report.seconds:>11.2f}{plain:>9.2f}"
                f"{report.seconds / plain if plain else 0:>7.1f}"
            )
    print(
        f"{'total':<72}{total_box:>11.2f}{total_plain:>9.2f}{total_box / total_plain if total_plain else 0:>7.1f}"
    )


if __name__ == "__main__":
    main()
