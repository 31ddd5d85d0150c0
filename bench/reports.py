"""Measure the class dashboard, the region report and a programme CSV export at national scale.

    .venv/bin/python -m bench.reports --learners 5000            # builds a dataset, then measures
    .venv/bin/python -m bench.reports --db /tmp/maharat-national.sqlite3 --requests 200

In-process with Flask's test client (no network, no server): each page is requested ``--requests``
times after a warm-up, next to two baselines measured the same way in the same run (``/healthz``, one
query; the signed-in profile page, a template and the session user), so the ratios say what our queries
add whatever the machine. Peak memory is measured in a separate pass under tracemalloc (which slows
Python down), and the process's maximum resident size is printed at the end.
"""

from __future__ import annotations

import argparse
import gc
import resource
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event

from bench.datasets import PASSWORD, Scale, World, build, open_app

TARGET_MS = 100


@dataclass
class Measure:
    name: str
    path: str
    account: str | None
    times: list[float]
    #: CPU seconds of this process per request: what the page costs, whatever else shares the machine
    cpu: list[float] = field(default_factory=list)
    queries: int = 0
    peak_kib: float = 0.0
    size: int = 0

    def percentile(self, p: float, cpu: bool = False) -> float:
        ordered = sorted(self.cpu if cpu else self.times)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def _client(app, account: str | None):
    client = app.test_client()
    if account:
        response = client.post("/auth/login", data={"email": account, "password": PASSWORD})
        if response.status_code != 302:
            raise SystemExit(f"cannot sign in as {account}")
    return client


def _measure(app, measure: Measure, requests: int, warmup: int = 5) -> None:
    client = _client(app, measure.account)
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    counted: list[str] = []

    def count(conn, cursor, statement, *args):
        counted.append(statement)

    def fetch() -> bytes:
        # Read the whole body (CSV is streamed) and close it, as a server would.
        response = client.get(measure.path)
        assert response.status_code == 200, (measure.path, response.status_code)
        body = response.get_data()
        response.close()
        return body

    for _ in range(warmup):
        fetch()
    event.listen(engine, "before_cursor_execute", count)
    measure.size = len(fetch())
    event.remove(engine, "before_cursor_execute", count)
    measure.queries = len(counted)
    for _ in range(requests):
        start, cpu = time.perf_counter(), time.process_time()
        fetch()
        measure.times.append(time.perf_counter() - start)
        measure.cpu.append(time.process_time() - cpu)
    tracemalloc.start()
    for _ in range(3):
        fetch()
    measure.peak_kib = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()


def run(world: World, requests: int, freeze: bool) -> list[Measure]:
    app = open_app(world.database)
    if freeze:
        # What a production server should do after start-up (gunicorn post_fork): the ~125k objects of
        # Flask, SQLAlchemy and Babel leave the collector's scans, so a full collection no longer costs
        # tens of milliseconds in the middle of a request.
        gc.collect()
        gc.freeze()
    measures = [
        Measure("baseline: /healthz", "/healthz", None, []),
        Measure("baseline: profile page", "/account/profile", world.teacher, []),
        Measure("class dashboard (40 × 30)", f"/classes/{world.class_id}", world.teacher, []),
        Measure("class CSV (40 × 30)", f"/classes/{world.class_id}/progress.csv", world.teacher, []),
        Measure(f"region report ({world.region_code})", "/reports/", world.manager, []),
        Measure("national report (SIC)", "/reports/?programme=sic", world.admin, []),
        Measure("programme CSV (SIC, national)", "/reports/places.csv?programme=sic", world.admin, []),
        Measure(
            "programme CSV (SIC, schools)",
            "/reports/places.csv?programme=sic&province=BP-06-0",
            world.admin,
            [],
        ),
    ]
    for measure in measures:
        _measure(app, measure, requests)
    return measures


def report(world: World, measures: list[Measure], freeze: bool) -> str:
    base = measures[1].percentile(50)
    lines = [
        f"gc.freeze() after start-up: {'yes' if freeze else 'no'}",
        f"dataset: {world.database} — "
        + ", ".join(
            f"{k} {v:,}"
            for k, v in world.counts.items()
            if k in ("users", "enrolments", "item_progress", "attempts", "participants")
        ),
        f"{'page':<34}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'cpu p95':>9}{'× profile':>10}{'queries':>9}"
        f"{'peak KiB':>10}{'bytes':>9}",
    ]
    for m in measures:
        flag = "" if m.name.startswith("baseline") or m.percentile(95) < TARGET_MS else "  over target"
        if flag and m.percentile(95, cpu=True) < TARGET_MS:
            flag = "  over target in wall time only (the machine is shared: see cpu p95)"
        lines.append(
            f"{m.name:<34}{m.percentile(50):>8.1f}{m.percentile(95):>8.1f}{m.percentile(99):>8.1f}"
            f"{m.percentile(95, cpu=True):>9.1f}"
            f"{m.percentile(50) / base:>10.1f}{m.queries:>9}{m.peak_kib:>10.0f}{m.size:>9}{flag}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"max resident size of the process: {rss:.0f} MiB (target p95 < {TARGET_MS} ms)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench reports", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, help="an existing dataset (from bench.datasets); else one is built"
    )
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--no-freeze", dest="freeze", action="store_false", help="leave the start-up heap to the GC"
    )
    args = parser.parse_args(argv)
    if args.db:
        from bench.datasets import existing_world

        world = existing_world(args.db)
    else:
        database = Path(tempfile.gettempdir()) / f"maharat-bench-{args.learners}.sqlite3"
        started = time.perf_counter()
        print(f"building {args.learners:,} learners in {args.schools:,} schools…")
        world = build(database, Scale(learners=args.learners, schools=args.schools))
        print(f"built in {time.perf_counter() - started:.1f}s")
    print(report(world, run(world, args.requests, args.freeze), args.freeze))


if __name__ == "__main__":
    main()
