"""The floor of a signed-in page, in-process: what any page costs before its own work (issue 23).

Four rows, each the CPU time of the request's thread (p50) through Flask's test client with CSRF and
rate limits on, as the next row adds one layer: ``/healthz`` (no session), a signed-in ``"ok"`` (the
session cookie, Flask-Login's user, the request hooks), a signed-in empty page (``base.html``: the
header fragment, the unread count, the CSRF token), then the learner pages. Ratios are against
``/healthz`` measured in the same run.

    python -m bench floor --learners 20 --requests 400
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

EMPTY_PAGE = '{% extends "base.html" %}{% block content %}<p>.</p>{% endblock %}'


def cpu_p50(client, path: str, requests: int) -> float:
    """Median CPU milliseconds of the request's thread for ``requests`` GETs of ``path``."""
    for _ in range(20):
        assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(requests):
        start = time.thread_time()
        client.get(path)
        samples.append((time.thread_time() - start) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench floor")
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args(argv)
    from bench.learning import PASSWORD, build_dataset
    from bench.web import LESSON, engine

    with tempfile.TemporaryDirectory(prefix="maharat-floor-") as folder, engine("sqlite"):
        os.environ.pop("DATABASE_URL", None)
        build_dataset(Path(folder), args.learners)
        from flask import current_app
        from flask.templating import _render
        from flask_login import login_required

        from lms import create_app

        app = create_app({"GRADING_QUEUE": "external"})
        empty = app.jinja_env.from_string(EMPTY_PAGE)

        @login_required
        def bare() -> str:
            return "ok"

        @login_required
        def shell() -> str:
            return _render(current_app, empty, {})

        app.add_url_rule("/_bench/bare", "bench_bare", bare)
        app.add_url_rule("/_bench/empty", "bench_empty", shell)
        client = app.test_client()
        form = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        signed_in = client.post(
            "/auth/login", data={"email": "learner1@bench.ma", "password": PASSWORD, "csrf_token": token}
        )
        assert signed_in.status_code == 302, signed_in.status_code
        rows = [
            ("/healthz", "/healthz"),
            ('signed-in "ok"', "/_bench/bare"),
            ("signed-in empty page", "/_bench/empty"),
            ("learner dashboard", "/dashboard/learner"),
            ("course outline", "/courses/sic-python-fundamentals"),
            ("lesson", LESSON),
        ]
        print(f"{args.requests} requests per row, {args.learners} learners; load {os.getloadavg()[0]:.2f}")
        print(f"{'row':<24}{'CPU p50 ms':>12}{'× /healthz':>12}")
        baseline = None
        for name, path in rows:
            value = cpu_p50(client, path, args.requests)
            baseline = baseline or value
            print(f"{name:<24}{value:>12.2f}{value / baseline:>12.1f}")
