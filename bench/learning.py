"""Learner pages under load: dashboard, course outline, quiz submission (issue 4).

Builds a dataset of N learners × the 3 shipped courses with realistic partial progress (bulk inserts),
serves the app under gunicorn, and drives each page from a separate process next to hello-world.

    python -m bench learning --learners 2000 --seconds 5
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.harness import Scenario, drive, gunicorn, print_table

PASSWORD = "bench-password"


def build_dataset(instance: Path, learners: int, seed: int = 7) -> dict:
    """Migrate a fresh instance, sync the shipped courses, and bulk-insert learners with progress."""
    os.environ["MAHARAT_INSTANCE"] = str(instance)
    from flask_migrate import upgrade
    from sqlalchemy import insert, select
    from werkzeug.security import generate_password_hash

    from lms import create_app
    from lms.courses.models import Course, Item, Unit
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.learning.models import Enrolment, ItemProgress, ItemStatus, UnitProgress
    from lms.packages.loader import discover, load_package
    from lms.users.models import Role, User

    app = create_app({"GRADING_QUEUE": "external"})
    rng = random.Random(seed)
    started = time.monotonic()
    with app.app_context():
        upgrade(revision="heads")
        for path in discover(app.config["COURSES_DIR"]):
            package, problems = load_package(path, app.extensions["exercise_types"])
            assert not problems, problems
            sync_package(package)
        db.session.commit()
        courses = db.session.scalars(select(Course)).all()
        units = {
            c.id: db.session.scalars(select(Unit).where(Unit.course_id == c.id).order_by(Unit.position)).all()
            for c in courses
        }
        items = {
            u.id: db.session.scalars(select(Item).where(Item.unit_id == u.id).order_by(Item.position)).all()
            for c in courses
            for u in units[c.id]
        }
        password_hash = generate_password_hash(PASSWORD, method="scrypt")
        db.session.execute(
            insert(User),
            [
                {
                    "email": f"learner{i}@bench.ma",
                    "display_name": f"Élève {i}",
                    "password_hash": password_hash,
                    "language": "fr",
                    "role": Role.STUDENT,
                    "active": True,
                    "session_token": f"t{i}",
                }
                for i in range(learners)
            ],
        )
        user_ids = db.session.scalars(select(User.id).where(User.email.like("%@bench.ma"))).all()
        enrolments, item_rows, unit_rows = [], [], []
        now = time.time()
        from datetime import UTC, datetime

        stamp = datetime.fromtimestamp(now, UTC)
        for uid in user_ids:
            for course in courses:
                enrolments.append(
                    {"user_id": uid, "course_id": course.id, "source": "self", "created_at": stamp}
                )
                # Realistic partial progress: most learners finish a few units, few finish everything.
                done_units = min(len(units[course.id]), int(rng.expovariate(1 / 2.5)))
                for position, unit in enumerate(units[course.id]):
                    unit_items = items[unit.id]
                    if position < done_units:
                        done = len(unit_items)
                    elif position == done_units:
                        done = rng.randint(0, len(unit_items))
                    else:
                        break
                    for item in unit_items[:done]:
                        item_rows.append(
                            {
                                "user_id": uid,
                                "item_id": item.id,
                                "course_id": course.id,
                                "status": ItemStatus.COMPLETED,
                                "best_score": 1.0 if not item.is_lesson else None,
                                "attempts": 0 if item.is_lesson else 1,
                                "first_activity_at": stamp,
                                "last_activity_at": stamp,
                                "completed_at": stamp,
                            }
                        )
                    if done == len(unit_items):
                        unit_rows.append(
                            {
                                "user_id": uid,
                                "unit_id": unit.id,
                                "course_id": course.id,
                                "score": 1.0,
                                "completed_at": stamp,
                            }
                        )
        db.session.execute(insert(Enrolment), enrolments)
        for chunk in range(0, len(item_rows), 50_000):
            db.session.execute(insert(ItemProgress), item_rows[chunk : chunk + 50_000])
        db.session.execute(insert(UnitProgress), unit_rows)
        db.session.commit()
        quiz = db.session.scalar(
            select(Item)
            .join(Unit)
            .join(Course)
            .where(Course.slug == "sic-python-fundamentals", Item.exercise_type == "quiz", Unit.position == 1)
        )
        figures = {
            "learners": learners,
            "progress_rows": len(item_rows),
            "seconds": time.monotonic() - started,
            "quiz": quiz.slug,
            "quiz_questions": [q["id"] for q in quiz.config["questions"]],
        }
    return figures


def _login(base: str, email: str) -> tuple[str, str]:
    """Sign in like a browser: return (cookie header, CSRF token)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(f"{base}/auth/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": token}).encode()
    opener.open(f"{base}/auth/login", data=data).read()
    cookies = opener.handlers[-1].cookiejar if hasattr(opener.handlers[-1], "cookiejar") else None
    jar = next(h.cookiejar for h in opener.handlers if hasattr(h, "cookiejar"))
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    del cookies
    page = opener.open(f"{base}/courses/sic-python-fundamentals").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return cookie, token


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench learning")
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="maharat-bench-") as folder:
        instance = Path(folder)
        figures = build_dataset(instance, args.learners)
        print(
            f"dataset: {figures['learners']} learners × 3 courses, {figures['progress_rows']} progress rows, "
            f"built in {figures['seconds']:.1f} s ({os.environ.get('DATABASE_URL', 'SQLite')})"
        )
        env = {
            "MAHARAT_INSTANCE": str(instance),
            "GRADING_QUEUE": "external",
            "LOGIN_RATE_LIMIT": "1000000 per minute",
            "SUBMIT_RATE_LIMIT": "1000000 per minute",
        }
        with gunicorn("bench.hello:app", {}) as (hello_url, hello_pid):
            baseline = drive(
                hello_url, hello_pid, Scenario("hello-world", "/"), args.seconds, connections=args.connections
            )
        with gunicorn("wsgi:app", env) as (base, pid):
            sessions = [_login(base, f"learner{i}@bench.ma") for i in range(min(8, args.learners))]
            cookies = [cookie for cookie, _ in sessions]
            tokens = dict(sessions)
            questions = figures["quiz_questions"]

            def quiz_body(cookie: str) -> str:
                answers = {f"q-{q}": "a" for q in questions}
                return urllib.parse.urlencode({**answers, "csrf_token": tokens[cookie]})

            scenarios = [
                Scenario("learner dashboard", "/dashboard/learner", cookies=cookies),
                Scenario("course outline", "/courses/sic-python-fundamentals", cookies=cookies),
                Scenario(
                    "lesson",
                    "/courses/sic-python-fundamentals/items/valeurs-afficher-et-calculer",
                    cookies=cookies,
                ),
                Scenario(
                    "quiz submission",
                    f"/courses/sic-python-fundamentals/items/{figures['quiz']}/submit",
                    method="POST",
                    body=quiz_body,
                    cookies=cookies,
                    expect=(302,),
                ),
            ]
            results = [drive(base, pid, s, args.seconds, connections=args.connections) for s in scenarios]
        print_table(
            results,
            baseline,
            f"Learner pages, gunicorn 2 workers × 4 threads, {args.connections} "
            f"connections, {args.seconds:.0f} s each",
        )


if __name__ == "__main__":
    main()
