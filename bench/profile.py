"""Where a learner page's milliseconds go, in-process (issue 23, item 1).

Builds a small dataset (bench.learning's bulk inserts), signs a learner in with Flask's test client and
runs each learner page a few hundred times under cProfile. Each function's own time is put in the bucket
of the library it belongs to (SQL driver and engine, ORM hydration, Jinja, Babel, Markdown, session and
cookie, url_for and routing, static fingerprinting); the rest is the application and Flask itself.

    python -m bench profile --learners 200 --requests 300
    python -m bench profile --db postgresql ...    # a private PostgreSQL server (tests/services.py)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

#: (bucket, substrings of the function's file path), first match wins.
BUCKETS: list[tuple[str, tuple[str, ...]]] = [
    (
        "SQL (driver, engine, compile)",
        (
            "sqlite3",
            "psycopg",
            "sqlalchemy/engine",
            "sqlalchemy/sql",
            "sqlalchemy/dialects",
            "sqlalchemy/pool",
        ),
    ),
    ("ORM hydration and session", ("sqlalchemy/orm", "sqlalchemy/util", "sqlalchemy/event", "lms/dbtypes")),
    ("Jinja (templates)", ("jinja2", "markupsafe", "<template>", ".html")),
    ("Babel and formatting", ("babel", "flask_babel", "lms/i18n")),
    ("Markdown", ("markdown", "mdit", "bleach", "nh3", "lms/markdown")),
    (
        "session, cookie, CSRF, login",
        ("itsdangerous", "flask/sessions", "flask_login", "flask_wtf", "wtforms", "hashlib", "hmac"),
    ),
    ("url_for and routing", ("werkzeug/routing", "flask/helpers", "werkzeug/urls", "urllib/parse")),
    ("static fingerprinting", ("lms/core/assets",)),
    ("JSON decoding", ("json/",)),
]
OTHER = "Flask, Werkzeug, application"


def bucket_of(filename: str) -> str:
    for name, needles in BUCKETS:
        if any(needle in filename for needle in needles):
            return name
    return OTHER


def split(profile: cProfile.Profile) -> dict[str, float]:
    """Own time (seconds) per bucket."""
    totals: dict[str, float] = {}
    stats = pstats.Stats(profile)
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        name = bucket_of(filename if filename != "~" else function)
        totals[name] = totals.get(name, 0.0) + tottime
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench profile")
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    args = parser.parse_args(argv)
    from bench.learning import PASSWORD, build_dataset
    from bench.web import LESSON, add_roles, engine

    with tempfile.TemporaryDirectory(prefix="maharat-profile-") as folder, engine(args.db) as url:
        if url:
            os.environ["DATABASE_URL"] = url
        else:
            os.environ.pop("DATABASE_URL", None)
        figures = build_dataset(Path(folder), args.learners)
        world = add_roles(args.learners)
        from sqlalchemy import event

        from lms import create_app
        from lms.extensions import db

        app = create_app({"GRADING_QUEUE": "external", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
        with app.app_context():
            database = db.engine
        statements: list[int] = []
        event.listen(database, "before_cursor_execute", lambda *a, **k: statements.append(1))
        learner = app.test_client()
        learner.post("/auth/login", data={"email": "learner1@bench.ma", "password": PASSWORD})
        teacher = app.test_client()
        teacher.post("/auth/login", data={"email": "teacher@bench.ma", "password": PASSWORD})
        manager = app.test_client()
        manager.post("/auth/login", data={"email": "manager@bench.ma", "password": PASSWORD})
        quiz = f"/courses/sic-python-fundamentals/items/{figures['quiz']}"
        answers = {f"q-{q}": "a" for q in figures["quiz_questions"]}
        pages = {
            "learner dashboard": (learner, "GET", "/dashboard/learner"),
            "course outline": (learner, "GET", "/courses/sic-python-fundamentals"),
            "lesson": (learner, "GET", LESSON),
            "quiz page": (learner, "GET", quiz),
            "quiz submission": (learner, "POST", quiz + "/submit"),
            "class dashboard": (teacher, "GET", f"/classes/{world['class_id']}"),
            "region report": (manager, "GET", "/reports/"),
        }
        names = [name for name, _ in BUCKETS] + [OTHER]
        print(
            f"[{args.db}] {args.requests} requests per page, {args.learners} learners, a class of "
            f"{min(args.learners, 200)}; p50 ms per request (wall, CPU), the CPU split by library; load "
            f"{os.getloadavg()[0]:.2f}"
        )
        header = f"{'page':<20}{'wall':>7}{'CPU':>7}{'SQL n':>6}" + "".join(
            f"{n.split(' ')[0][:9]:>10}" for n in names
        )
        print(header)
        wanted = {p.strip() for p in args.pages.split(",") if p.strip()}
        for name, (client, method, path) in pages.items():
            if wanted and name not in wanted:
                continue
            if method == "POST":
                send = lambda client=client, path=path: client.post(path, data=answers)  # noqa: E731
            else:
                send = lambda client=client, path=path: client.get(path)  # noqa: E731
            for _ in range(20):  # warm-up: caches as a running server has them
                send()
            # CPU time of this thread per request: on a machine shared with other engineers the wall
            # time measures their load as much as ours; the CPU time is what a page costs a server.
            plain, wall = [], []
            for _ in range(args.requests):
                started, cpu = time.perf_counter(), time.thread_time()
                send()
                plain.append((time.thread_time() - cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
            p50 = statistics.median(plain)
            statements.clear()
            send()
            queries = len(statements)
            # CPU time, not wall time: on PostgreSQL the wall clock would put waiting for the server in "SQL".
            profile = cProfile.Profile(time.thread_time)
            profile.enable()
            for _ in range(args.requests):
                response = send()
                assert response.status_code in (200, 302), (name, response.status_code)
            profile.disable()
            totals = split(profile)
            whole = sum(totals.values()) or 1.0
            # cProfile slows every call down: each bucket is given its share of the unprofiled median.
            cells = "".join(f"{p50 * totals.get(n, 0.0) / whole:>10.2f}" for n in names)
            print(f"{name:<20}{statistics.median(wall):>7.1f}{p50:>7.2f}{queries:>6}{cells}")
        print("buckets: " + "; ".join(names))


if __name__ == "__main__":
    main()
