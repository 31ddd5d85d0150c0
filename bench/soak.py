"""Soak: N simulated learners on loopback for a bounded time, then every submission is accounted for.

Not a test and not timed in CI: it builds a fresh instance (shipped courses, N enrolled learners),
serves it under gunicorn with one grading worker, and lets each learner loop through what learners
do — dashboard, a lesson, marking it done, a quiz, a code exercise — until the time or the action
budget runs out. Then it waits for grading to drain and checks the database against what the
learners were told: every accepted submission is there exactly once (none lost, none doubled).

    python -m bench soak                      # 100 learners, 10 minutes
    python -m bench soak --learners 20 --seconds 30

Exit status 1 when there were errors or the submissions do not add up.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import ROOT, gunicorn

PASSWORD = "soak-password-2030"
COURSE = "sic-python-fundamentals"
CODE = "def prix_ttc(prix_ht):\n    return prix_ht * 1.2\n"


def build_dataset(instance: Path, learners: int) -> dict:
    """Migrate a fresh instance, sync the shipped courses, enrol ``learners`` pupils in one course."""
    os.environ["MAHARAT_INSTANCE"] = str(instance)
    from flask_migrate import upgrade
    from sqlalchemy import insert, select
    from werkzeug.security import generate_password_hash

    from lms import create_app
    from lms.courses.models import Course, Item, Unit
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.learning.models import Enrolment
    from lms.packages.loader import discover, load_package
    from lms.users.models import Role, User

    app = create_app({"GRADING_QUEUE": "external"})
    with app.app_context():
        upgrade(revision="heads")
        for path in discover(app.config["COURSES_DIR"]):
            package, problems = load_package(path, app.extensions["exercise_types"])
            assert not problems, problems
            sync_package(package)
        db.session.commit()
        password_hash = generate_password_hash(PASSWORD, method="scrypt")
        db.session.execute(
            insert(User),
            [
                {
                    "email": f"soak{i}@bench.ma",
                    "display_name": f"Élève {i}",
                    "password_hash": password_hash,
                    "language": "fr",
                    "role": Role.STUDENT,
                    "active": True,
                    "session_token": f"soak{i}",
                }
                for i in range(learners)
            ],
        )
        course = db.session.scalar(select(Course).where(Course.slug == COURSE))
        user_ids = db.session.scalars(select(User.id).where(User.email.like("soak%@bench.ma"))).all()
        db.session.execute(
            insert(Enrolment),
            [{"user_id": uid, "course_id": course.id, "source": "self"} for uid in user_ids],
        )
        db.session.commit()
        first_unit = db.session.scalar(
            select(Unit).where(Unit.course_id == course.id).order_by(Unit.position)
        )
        items = db.session.scalars(
            select(Item).where(Item.unit_id == first_unit.id).order_by(Item.position)
        ).all()
        quiz = next(i for i in items if i.exercise_type == "quiz")
        return {
            "lesson": next(i.slug for i in items if i.is_lesson),
            "quiz": quiz.slug,
            "questions": [q["id"] for q in quiz.config["questions"]],
            "code": next(i.slug for i in items if i.exercise_type == "python"),
        }


def count_attempts(instance: Path) -> dict:
    """What the database holds for the soak learners: attempt ids, and how many per grading status."""
    os.environ["MAHARAT_INSTANCE"] = str(instance)
    from sqlalchemy import select

    from lms import create_app
    from lms.extensions import db
    from lms.learning.models import Attempt
    from lms.users.models import User

    app = create_app({"GRADING_QUEUE": "external"})
    with app.app_context():
        rows = db.session.execute(
            select(Attempt.id, Attempt.status)
            .join(User, User.id == Attempt.user_id)
            .where(User.email.like("soak%@bench.ma"))
        ).all()
        db.session.remove()
        db.engine.dispose()
    return {"ids": [r[0] for r in rows], "statuses": Counter(r[1].value for r in rows)}


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    accepted: list[int] = field(default_factory=list)
    refused: int = 0
    actions: int = 0

    def add(self, kind: str, ms: float, error: str | None = None, attempt: int | None = None) -> None:
        with self.lock:
            self.actions += 1
            self.latencies[kind].append(ms)
            if error is not None:
                self.errors[kind] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind}: {error}")
            if attempt is not None:
                self.accepted.append(attempt)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    data = sorted(values)
    return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))]


class Learner:
    """One browser: its own cookies, a CSRF token, and a loop of learner actions."""

    def __init__(self, base: str, number: int, plan: dict, tally: Tally, rng: random.Random) -> None:
        self.base, self.plan, self.tally, self.rng = base, plan, tally, rng
        self.email = f"soak{number}@bench.ma"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def _open(self, path: str, data: dict | None = None) -> tuple[str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        # The base is the http://127.0.0.1 address of the server this script started.
        request = urllib.request.Request(self.base + path, data=body, headers={"Accept-Language": "fr"})  # noqa: S310
        with self.opener.open(request, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def _timed(self, kind: str, path: str, data: dict | None = None) -> str | None:
        started = time.perf_counter()
        try:
            url, page = self._open(path, data)
        except (urllib.error.URLError, OSError) as error:
            self.tally.add(kind, (time.perf_counter() - started) * 1000, error=str(error))
            return None
        attempt = None
        if data is not None and kind.startswith("submit"):
            match = re.search(r"[?&]attempt=(\d+)", url)
            if match:
                attempt = int(match.group(1))
            else:
                with self.tally.lock:
                    self.tally.refused += 1
        self.tally.add(kind, (time.perf_counter() - started) * 1000, attempt=attempt)
        return page

    def sign_in(self) -> bool:
        page = self._timed("sign-in page", "/auth/login")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page or "")
        if token is None:
            return False
        page = self._timed(
            "sign in",
            "/auth/login",
            {"email": self.email, "password": PASSWORD, "csrf_token": token.group(1)},
        )
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page or "")
        self.token = token.group(1) if token else ""
        return bool(self.token)

    def step(self) -> None:
        plan, course = self.plan, f"/courses/{COURSE}"
        choice = self.rng.random()
        if choice < 0.25:
            self._timed("dashboard", "/dashboard/learner")
        elif choice < 0.50:
            self._timed("lesson", f"{course}/items/{plan['lesson']}")
        elif choice < 0.60:
            self._timed("mark done", f"{course}/items/{plan['lesson']}/done", {"csrf_token": self.token})
        elif choice < 0.85:
            answers = {f"q-{q}": self.rng.choice("abcd") for q in plan["questions"]}
            self._timed(
                "submit quiz", f"{course}/items/{plan['quiz']}/submit", {**answers, "csrf_token": self.token}
            )
        else:
            self._timed(
                "submit code",
                f"{course}/items/{plan['code']}/submit",
                {"code": CODE, "csrf_token": self.token},
            )

    def run(self, deadline: float, budget: threading.Semaphore) -> None:
        if not self.sign_in():
            self.tally.add("sign in", 0, error="no session after signing in")
            return
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            self.step()
            time.sleep(self.rng.uniform(0.2, 1.0))  # a person reads between clicks


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench soak")
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument(
        "--max-actions", type=int, default=200_000, help="stop after this many actions in all"
    )
    parser.add_argument("--drain", type=float, default=120, help="seconds to wait for grading to finish")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="maharat-soak-") as folder:
        instance = Path(folder)
        plan = build_dataset(instance, args.learners)
        env = {
            "MAHARAT_INSTANCE": str(instance),
            "GRADING_QUEUE": "external",
            "LOGIN_RATE_LIMIT": "1000000 per minute",
            "SUBMIT_RATE_LIMIT": "1000000 per minute",
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "grading", "worker", "--slot", "0"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
        )
        tally = Tally()
        try:
            with gunicorn("wsgi:app", env) as (base, _pid):
                deadline = time.monotonic() + args.seconds
                budget = threading.Semaphore(args.max_actions)
                rng = random.Random(args.seed)
                learners = [
                    Learner(base, i, plan, tally, random.Random(rng.random())) for i in range(args.learners)
                ]
                threads = [threading.Thread(target=lr.run, args=(deadline, budget)) for lr in learners]
                started = time.monotonic()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                elapsed = time.monotonic() - started
            drain_until = time.monotonic() + args.drain
            database = count_attempts(instance)
            while time.monotonic() < drain_until and (
                database["statuses"].get("queued", 0) + database["statuses"].get("running", 0)
            ):
                time.sleep(2)
                database = count_attempts(instance)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()

    everything = [ms for values in tally.latencies.values() for ms in values]
    print(f"\nSoak: {args.learners} learners, {elapsed:.0f} s, {tally.actions} actions")
    header = f"{'action':<16}{'count':>8}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}"
    print(header)
    print("-" * len(header))
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        print(
            f"{kind:<16}{len(values):>8}{tally.errors[kind]:>8}"
            f"{percentile(values, 50):>9.0f}{percentile(values, 99):>9.0f}"
        )
    errors = sum(tally.errors.values())
    print(
        f"{'all':<16}{len(everything):>8}{errors:>8}{percentile(everything, 50):>9.0f}{percentile(everything, 99):>9.0f}"
    )
    for example in tally.examples:
        print(f"  error: {example}")

    accepted, stored = Counter(tally.accepted), Counter(database["ids"])
    lost = sorted(set(accepted) - set(stored))
    unexpected = sorted(set(stored) - set(accepted))
    doubled = sorted(i for i, n in accepted.items() if n > 1)
    print(
        f"\nsubmissions: {len(tally.accepted)} accepted, {tally.refused} refused by the attempts policy; "
        f"{len(database['ids'])} in the database ({dict(database['statuses'])})"
    )
    print(f"lost: {len(lost)}  not reported to a learner: {len(unexpected)}  reported twice: {len(doubled)}")
    still_pending = database["statuses"].get("queued", 0) + database["statuses"].get("running", 0)
    if still_pending:
        print(f"note: {still_pending} attempt(s) still waiting for grading after {args.drain:.0f} s")
    if errors or lost or unexpected or doubled:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
