"""How pages grow with the national dataset: 10,000, 100,000 and 1,000,000 learners, per engine (issue 23).

    .venv/bin/python -m bench growth --learners 100000 --engine sqlite        # builds, then measures
    .venv/bin/python -m bench growth --learners 1000000 --engine sqlite --db /tmp/growth-1000000.sqlite3
    .venv/bin/python -m bench growth --learners 1000000 --engine postgresql   # a private server

Builds the dataset of :mod:`bench.datasets` (or reuses ``--db``, a SQLite file built earlier, or
``--url``, a PostgreSQL database built earlier), then requests each page in-process with Flask's test
client, like :mod:`bench.reports`: the teacher's class dashboards (40 pupils × 30 units, 200 pupils on
the Python course) and gradebooks, the region and national reports, and a learner's dashboard, outline
and lesson. The machine is shared, so CPU time of this process per request is printed beside wall time;
the statements per page must be the same at every size. Without ``--url``, PostgreSQL is a private
server started for the run (tests/services.py) and stopped after it, with its data.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.datasets import Scale, World, build, existing_world, open_app, peak_rss_mib
from bench.reports import TARGET_MS, Measure, _measure

LESSON = "/courses/sic-python-fundamentals/items/valeurs-afficher-et-calculer"


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """An empty database on a private PostgreSQL server, for the length of the run."""
    from sqlalchemy import create_engine, text

    from tests.services import postgres_server

    with postgres_server() as base:
        admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE growth"))
        admin.dispose()
        yield f"{base}/growth"


def pages(world: World) -> list[Measure]:
    """The pages of issue 23, with the account each is requested as."""
    return [
        Measure("baseline: /healthz", "/healthz", None, []),
        Measure("baseline: profile page", "/account/profile", world.teacher, []),
        Measure("class dashboard (40 × 30 units)", f"/classes/{world.class_id}", world.teacher, []),
        Measure("class dashboard (200 pupils)", f"/classes/{world.big_class_id}", world.teacher, []),
        Measure("gradebook (40 × 30 units)", f"/gradebook/classes/{world.class_id}", world.teacher, []),
        Measure("gradebook (200 pupils)", f"/gradebook/classes/{world.big_class_id}", world.teacher, []),
        Measure(f"region report ({world.region_code})", "/reports/", world.manager, []),
        Measure("national report (SIC)", "/reports/?programme=sic", world.admin, []),
        Measure("learner dashboard", "/dashboard/learner", world.learner, []),
        Measure("course outline", "/courses/sic-python-fundamentals", world.learner, []),
        Measure("lesson", LESSON, world.learner, []),
    ]


def size_on_disk(database: Path | str) -> int:
    """Bytes of the dataset: the SQLite file (and its WAL), or pg_database_size."""
    if isinstance(database, Path):
        return sum(p.stat().st_size for p in (database, Path(f"{database}-wal")) if p.exists())
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    finally:
        engine.dispose()


def measure(world: World, requests: int) -> list[Measure]:
    app = open_app(world.database)
    gc.collect()
    gc.freeze()  # as the production entry point does (docs/performance.md, "The garbage collector")
    measures = pages(world)
    for page in measures:
        _measure(app, page, requests)
    with app.app_context():
        app.extensions["sqlalchemy"].engine.dispose()
    return measures


def table(engine: str, world: World, measures: list[Measure], load: str) -> str:
    counts = ", ".join(
        f"{k} {v:,}"
        for k, v in world.counts.items()
        if k in ("users", "item_progress", "attempts", "participants")
    )
    lines = [
        f"engine {engine}; dataset {counts}; {size_on_disk(world.database) / 2**30:.2f} GiB on disk",
        f"load while measuring: {load}",
        f"{'page':<34}{'p50 ms':>8}{'p95 ms':>8}{'cpu p50':>9}{'cpu p95':>9}{'queries':>9}{'bytes':>9}",
    ]
    for m in measures:
        flag = ""
        if m.name.startswith(("class dashboard", "national report")) and m.percentile(95) >= TARGET_MS:
            over_cpu = m.percentile(95, cpu=True) >= TARGET_MS
            flag = "  over target" if over_cpu else "  over target in wall time only (see cpu p95)"
        lines.append(
            f"{m.name:<34}{m.percentile(50):>8.1f}{m.percentile(95):>8.1f}{m.percentile(50, cpu=True):>9.1f}"
            f"{m.percentile(95, cpu=True):>9.1f}{m.queries:>9}{m.size:>9}{flag}"
        )
    lines.append(f"peak RSS of this process: {peak_rss_mib():.0f} MiB (target p95 < {TARGET_MS} ms)")
    return "\n".join(lines)


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def run(database: Path | str | None, fresh: Path | str, args: argparse.Namespace) -> None:
    if database is not None and (not isinstance(database, Path) or database.exists()):
        world = existing_world(database)
        print(f"reusing {database}")
    else:
        print(f"building {args.learners:,} learners on {args.engine} ({_load()})…", flush=True)
        started = time.perf_counter()
        world = build(
            fresh, Scale(learners=args.learners, seed=args.seed), log=lambda m: print(m, flush=True)
        )
        print(f"built in {time.perf_counter() - started:.1f}s", flush=True)
    started_load = _load()
    measures = measure(world, args.requests)
    print(table(args.engine, world, measures, f"{started_load} at the start, {_load()} at the end"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench growth", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--db", type=Path, help="SQLite: the file to reuse if it exists, else to build")
    parser.add_argument("--url", help="PostgreSQL: a database built earlier by bench.datasets (reused)")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=Scale.seed)
    args = parser.parse_args(argv)
    # Stopped with SIGTERM, still stop the private PostgreSQL server and delete its data (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.engine == "sqlite":
        path = args.db or Path(f"/tmp/maharat-growth-{args.learners}.sqlite3")
        run(args.db, path, args)
    elif args.url:
        run(args.url, args.url, args)
    else:
        with postgres_database() as url:
            run(None, url, args)


if __name__ == "__main__":
    main()
