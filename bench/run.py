"""The Run button's latency next to a graded submission's, server side and in the browser (issue 18).

One fresh instance (SQLite), the real app under gunicorn with the default grading setup
(``GRADING_QUEUE=process``: supervised ``grading worker`` processes, one per slot) and one pupil
enrolled in ``sic-python-fundamentals``. Then, interleaved so that load affects both alike:

- **server side**: an HTTP client on the loopback (no network) times ``POST …/run`` until its answer
  (which carries the output), and ``POST …/submit`` until the attempt's status says graded (polled
  every 20 ms, as the page's script would, only faster);
- **browser**: Debian's headless Chromium (Playwright) times a click on "Run" until the output is on
  the page, and a click on "Test my code" until the graded result is on the page.

Figures only; nothing is asserted. ``python -m bench run [--runs N] [--no-browser]``.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.harness import gunicorn

ROOT = Path(__file__).resolve().parent.parent
COURSE, ITEM = "sic-python-fundamentals", "valeurs-prix-ttc"
EMAIL, PASSWORD = "run-bench@bench.ma", "bench-password-123"
PROGRAM = 'nom = input()\nprint("Bonjour", nom)\n'
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _prepare(env: dict[str, str]) -> str:
    """Migrate, sync the course, create and enrol the pupil, in a child process on the bench's instance."""
    command = [sys.executable, "-m", "bench.run", "--prepare"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=600)
    return (ROOT / "courses" / COURSE / "units/valeurs-et-types" / ITEM / "solution.py").read_text()


def _prepare_here() -> None:
    from flask_migrate import upgrade
    from sqlalchemy import select

    from lms import create_app
    from lms.courses.models import Course
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.learning import operations
    from lms.packages.loader import load_package
    from lms.users.models import Role, User

    app = create_app({"GRADING_QUEUE": "external"})
    with app.app_context():
        upgrade(revision="heads")
        package, problems = load_package(ROOT / "courses" / COURSE, app.extensions["exercise_types"])
        assert not problems, problems
        sync_package(package)
        user = User(email=EMAIL, display_name="Bench", role=Role.STUDENT, language="en")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        operations.enrol(user, db.session.scalar(select(Course).where(Course.slug == COURSE)))
        db.session.commit()


class Client:
    """A signed-in pupil over HTTP, with the session cookie and a CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        token = self._token("/auth/login")
        self.post("/auth/login", {"email": EMAIL, "password": PASSWORD, "csrf_token": token})
        self.token = self._token(f"/courses/{COURSE}/items/{ITEM}")

    def _token(self, path: str) -> str:
        page = self.opener.open(self.base + path).read().decode()
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def post(self, path: str, data: dict, accept: str = "text/html"):
        body = urllib.parse.urlencode(data).encode()
        url = self.base + path  # always http://127.0.0.1:<port>/…
        request = urllib.request.Request(url, data=body, headers={"Accept": accept})  # noqa: S310
        try:
            return self.opener.open(request)
        except urllib.error.HTTPError as error:  # a redirect (not followed) or a refusal
            return error

    def run(self) -> float:
        started = time.perf_counter()
        answer = self.post(
            f"/courses/{COURSE}/items/{ITEM}/run",
            {"code": PROGRAM, "stdin": "Amina\n", "csrf_token": self.token},
            accept="application/json",
        )
        data = json.loads(answer.read())
        while data["state"] == "pending":  # only while the workers start: follow it as the page does
            time.sleep(0.05)
            url = self.base + data["status_url"]
            poll = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
            data = json.loads(self.opener.open(poll).read())
        elapsed = time.perf_counter() - started
        assert data["state"] == "done" and "Bonjour Amina" in data["html"], data
        return elapsed

    def submit(self, code: str) -> float:
        started = time.perf_counter()
        answer = self.post(f"/courses/{COURSE}/items/{ITEM}/submit", {"code": code, "csrf_token": self.token})
        attempt = re.search(r"attempt=(\d+)", answer.headers["Location"]).group(1)
        status = f"{self.base}/courses/{COURSE}/items/{ITEM}/attempts/{attempt}"
        while True:
            data = json.loads(self.opener.open(status).read())
            if data["status"] in ("graded", "error"):
                assert data["status"] == "graded", data
                return time.perf_counter() - started
            time.sleep(0.02)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _browser_times(base: str, runs: int, solution: str) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    run_times, submit_times = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(base_url=base)
            page.set_default_timeout(120_000)
            page.goto("/auth/login")
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("form:not(.language-switcher) button[type=submit]")
            page.goto(f"/courses/{COURSE}/items/{ITEM}")
            for number in range(runs):
                if not page.locator("#run-stdin").is_visible():
                    page.locator("details.run-input summary").click()
                page.fill("#run-stdin", "Amina\n")
                code = PROGRAM + f"# {number}\n"
                page.evaluate(
                    "(c) => { const t = document.getElementById('code'); t.value = c; t.dispatchEvent(new Event('input')); }",
                    code,
                )
                page.evaluate("document.querySelector('.run-result-slot').replaceChildren()")
                started = time.perf_counter()
                page.click("[data-run]")
                page.locator("#run-output .run-stdout").wait_for()
                run_times.append(time.perf_counter() - started)
                page.evaluate(
                    "(c) => { const t = document.getElementById('code'); t.value = c; t.dispatchEvent(new Event('input')); }",
                    solution,
                )
                started = time.perf_counter()
                page.click(".code-form button.primary")
                page.locator("#feedback").wait_for()
                submit_times.append(time.perf_counter() - started)
        finally:
            browser.close()
    return run_times, submit_times


def _figures(label: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"  {label:<38} p50 {statistics.median(ms):7.0f} ms   p95 {p95:7.0f} ms   (n={len(ms)})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench run", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs and submissions of each kind")
    parser.add_argument("--no-browser", action="store_true", help="server side only")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        _prepare_here()
        return
    with tempfile.TemporaryDirectory(prefix="maharat-bench-run-") as folder:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "MAHARAT_INSTANCE": folder,
            "SECRET_KEY": "bench-run-secret-key-long-enough-1234567890",
            "GRADING_QUEUE": "process",
            "GRADING_SLOTS": "0,1",
            "RATELIMIT_ENABLED": "false",
            "RUN_RATE_LIMIT": "1000000 per minute",
            "SUBMIT_RATE_LIMIT": "1000000 per minute",
            "LOGIN_RATE_LIMIT": "1000000 per minute",
        }
        env.pop("DATABASE_URL", None)
        solution = _prepare(env)
        with gunicorn("wsgi:app", env) as (base, _pid):
            client = Client(base)
            client.run()  # warm-up: the workers have started and run once
            client.submit(solution)
            runs, submissions = [], []
            for _ in range(args.runs):
                runs.append(client.run())
                submissions.append(client.submit(solution))
            print(f"\n[run] {COURSE}/{ITEM}, gunicorn 2×4, GRADING_QUEUE=process, slots 0,1, SQLite")
            print("server side (loopback HTTP client):")
            print(_figures("Run: POST → output in the answer", runs))
            print(_figures("graded submission: POST → graded", submissions))
            if not args.no_browser:
                browser_runs, browser_submissions = _browser_times(base, args.runs, solution)
                print("in the browser (headless Chromium):")
                print(_figures("Run: click → output shown", browser_runs))
                print(_figures("graded submission: click → result shown", browser_submissions))


if __name__ == "__main__":
    main(sys.argv[1:])
