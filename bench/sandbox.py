"""Grading sandbox cost (issues 5 and 17): per-run overhead, gradings per second, and submissions per
second through the grading worker processes (GRADING_QUEUE=process).

    python -m bench sandbox [--runs 20] [--gradings 12] [--submissions 24] [--slots 0,1]

The overhead is the median wall time of a one-case run through bubblewrap minus the median of plain
``python -c 'print(1)'`` with the same interpreter, measured in the same run. Throughput grades the
reference solution of a simple exercise and of a scikit-learn exercise, each worker on its own slot.
The queue figure submits attempts to a fresh instance, lets the app's supervised worker processes (one
per slot) grade them, and prints submissions/s next to the same submissions run by plain Python (one
``python`` process each, no sandbox, no database) in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
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


def overhead(runs: int) -> tuple[float, float, float]:
    """Median ms of a sandboxed one-case run (with its cgroup, and without) and of plain python."""
    from dataclasses import replace

    from lms.sandbox import CaseSpec, SandboxConfig, run_cases

    python = str(ROOT / ".venv-sandbox/bin/python")
    config = SandboxConfig(python=python, slot=0)
    uncapped = replace(config, cgroup="off")
    plain, boxed, bare = [], [], []
    for _ in range(runs):  # interleaved, so that the machine's other load hits all three alike
        started = time.perf_counter()
        subprocess.run([python, "-c", "print(1)"], check=True, capture_output=True)
        plain.append((time.perf_counter() - started) * 1000)
        for box, times in ((config, boxed), (uncapped, bare)):
            started = time.perf_counter()
            outcome = run_cases(box, "x = 1", [CaseSpec(call="x")])
            times.append((time.perf_counter() - started) * 1000)
            assert outcome.status == "ok", outcome
    return statistics.median(boxed), statistics.median(bare), statistics.median(plain)


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


def queue_throughput(submissions: int, slots: list[int]) -> tuple[float, float]:
    """(submissions/s graded by the supervised worker processes, submissions/s of plain Python)."""
    course, slug = SIMPLE
    exercise_type, config, solution = _exercise(course, slug)
    request = exercise_type.sandbox_request(config, solution)
    program = (
        request.code + "\n" + "\n".join(f"print(repr({c['call']}))" for c in request.cases if c.get("call"))
    )
    python = str(ROOT / ".venv-sandbox/bin/python")
    started = time.perf_counter()
    for _ in range(submissions):
        subprocess.run([python, "-c", program], check=True, capture_output=True)
    plain = submissions / (time.perf_counter() - started)

    with tempfile.TemporaryDirectory(prefix="maharat-bench-grading-") as folder:
        os.environ["MAHARAT_INSTANCE"] = folder
        os.environ.pop("DATABASE_URL", None)
        from flask_migrate import upgrade
        from sqlalchemy import func, select

        from lms import create_app
        from lms.courses.models import Course, Item
        from lms.courses.sync import sync_package
        from lms.extensions import db
        from lms.grading.supervisor import Supervisor
        from lms.learning import operations
        from lms.learning.models import Attempt, AttemptStatus
        from lms.packages.loader import load_package
        from lms.users.models import Role, User

        app = create_app({"GRADING_QUEUE": "external", "GRADING_SLOTS": slots})
        with app.app_context():
            upgrade(revision="heads")
            package, problems = load_package(ROOT / "courses" / course, app.extensions["exercise_types"])
            assert not problems, problems
            sync_package(package)
            user = User(email="bench@bench.ma", display_name="Bench", role=Role.STUDENT, language="fr")
            user.set_password("bench-password-123")
            db.session.add(user)
            db.session.commit()
            course_row = db.session.scalar(select(Course).where(Course.slug == package.slug))
            operations.enrol(user, course_row)
            item = db.session.scalar(select(Item).where(Item.course_id == course_row.id, Item.slug == slug))
            registry = app.extensions["exercise_types"]

            def submit(count: int) -> None:
                for _ in range(count):
                    operations.submit_exercise(user, item, solution, registry, "fr")
                db.session.commit()

            def wait_until_graded() -> None:
                while True:
                    db.session.commit()  # a fresh snapshot of what the workers recorded
                    counts = dict(
                        db.session.execute(
                            select(Attempt.status, func.count(Attempt.id)).group_by(Attempt.status)
                        ).all()
                    )
                    assert not counts.get(AttemptStatus.ERROR), "an attempt could not be graded: see the log"
                    if set(counts) == {AttemptStatus.GRADED}:
                        return
                    time.sleep(0.02)

            supervisor = Supervisor(app)
            thread = threading.Thread(target=supervisor.run, daemon=True)
            thread.start()
            try:
                submit(len(slots))  # warm-up: the workers have started and graded once
                wait_until_graded()
                started = time.perf_counter()
                submit(submissions)
                wait_until_graded()
                elapsed = time.perf_counter() - started
            finally:
                supervisor.stop()
                thread.join(10)
            passed = db.session.scalar(select(func.count(Attempt.id)).where(Attempt.passed.is_(True)))
            assert passed == submissions + len(slots), f"only {passed} reference submissions passed"
    return submissions / elapsed, plain


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sandbox")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--gradings", type=int, default=12)
    parser.add_argument("--submissions", type=int, default=24)
    parser.add_argument("--slots", default="0,1", help="sandbox slots for the worker processes")
    args = parser.parse_args(argv)
    print(f"\n{'graded by':<48}{'slots':>6}{'submissions/s':>15}")
    slot_list = [int(s) for s in args.slots.split(",")]
    for slots in (slot_list[:1], slot_list):
        rate, plain = queue_throughput(args.submissions, slots)
        print(f"{'worker processes (GRADING_QUEUE=process)':<48}{len(slots):>6}{rate:>15.2f}")
    print(f"{'plain Python, one process each (baseline)':<48}{1:>6}{plain:>15.2f}")
    from lms.sandbox.check import run_caps
    from lms.sandbox.config import SandboxConfig

    boxed, bare, plain = overhead(args.runs)
    print(
        f"\nSandbox overhead (median of {args.runs}): sandboxed one-case run {boxed:.1f} ms, "
        f"plain python {plain:.1f} ms, overhead {boxed - plain:.1f} ms (target < 25 ms); "
        f"the same run without its cgroup {bare:.1f} ms "
        f"[{run_caps(SandboxConfig(python=str(ROOT / '.venv-sandbox/bin/python')))}]"
    )
    print(f"\n{'exercise':<40}{'workers':>8}{'gradings/s':>12}")
    for course, slug in (SIMPLE, SKLEARN):
        for workers in (1, 2):
            rate = throughput(course, slug, args.gradings, workers)
            print(f"{course + '/' + slug:<40}{workers:>8}{rate:>12.2f}")


if __name__ == "__main__":
    main()
