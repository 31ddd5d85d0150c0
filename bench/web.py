"""The key pages of every role under gunicorn, on SQLite and on PostgreSQL, next to hello-world (issue 10).

For each engine: build a dataset at the chosen scale (bench.learning's bulk inserts, plus a school in
region MA-06 with a teacher's class of 40 learners, a region manager and an issued certificate; report
rollups rebuilt), count the SQL queries of each page in-process, then serve the app under gunicorn on a
loopback port and drive each page from a separate process. Every table starts with a minimal Flask
hello-world app served and driven the same way in the same run: the ratio is the figure that counts.

    python -m bench web --learners 2000 --seconds 5                 # both engines
    python -m bench web --engines sqlite --learners 200 --seconds 2  # quick

PostgreSQL is a private server started from Debian's package on loopback (tests/services.py).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bench.harness import ROOT, Result, Scenario, drive_wrk, gunicorn
from bench.learning import PASSWORD, build_dataset

LESSON = "/courses/sic-python-fundamentals/items/valeurs-afficher-et-calculer"
CLASS_SIZE = 200
#: Learners signed in at once, each on its own keep-alive connection in turn (wrk -c).
SIGNED_IN = 16


@contextlib.contextmanager
def engine(name: str) -> Iterator[str | None]:
    """Yield the DATABASE_URL for ``name`` (None: the instance's SQLite file)."""
    if name == "sqlite":
        yield None
        return
    from sqlalchemy import create_engine, text

    from tests.services import postgres_server

    with postgres_server() as base:
        admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        yield f"{base}/bench"


def add_roles(learners: int) -> dict:
    """A school in MA-06 with a teacher's class, a region manager and a certificate; rollups rebuilt."""
    from sqlalchemy import select, update
    from werkzeug.security import generate_password_hash

    from lms import create_app
    from lms.certificates.operations import issue_manually
    from lms.classes import operations as classes
    from lms.courses.models import Course
    from lms.extensions import db
    from lms.geo.models import Province, Region, School
    from lms.programmes.models import Programme
    from lms.reports.rebuild import rebuild
    from lms.users.models import Role, User

    app = create_app({"GRADING_QUEUE": "external"})
    with app.app_context():
        region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
        province = Province(code="BENCH-PROV", name_fr="Province banc", name_ar="إقليم", region=region)
        school = School(code="BENCH-SCH", name_fr="Lycée banc", name_ar="ثانوية", province=province)
        db.session.add_all([province, school])
        db.session.flush()
        db.session.execute(update(User).values(school_id=school.id))
        hashed = generate_password_hash(PASSWORD, method="scrypt")
        sic = db.session.scalar(select(Programme).where(Programme.code == "sic"))

        def person(email: str, role: Role, **fields) -> User:
            user = User(email=email, display_name=email, password_hash=hashed, role=role, **fields)
            db.session.add(user)
            db.session.flush()
            return user

        teacher = person("teacher@bench.ma", Role.TEACHER, school_id=school.id)
        person("manager@bench.ma", Role.MANAGER, programme_id=sic.id, region_id=region.id)
        admin = person("admin@bench.ma", Role.ADMIN)
        klass = classes.create_class(teacher, "Tronc commun 1", school, "2026-2027")
        course = db.session.scalar(select(Course).where(Course.slug == "sic-python-fundamentals"))
        classes.assign_course(klass, course)
        members = db.session.scalars(select(User).where(User.role == Role.STUDENT).limit(CLASS_SIZE)).all()
        for user in members:
            classes.add_member(klass, user, "bench")
        certificate = issue_manually(members[0], course, admin, "bench")
        db.session.commit()
        rebuild()
        db.session.commit()
        return {"class_id": klass.id, "certificate": certificate.code}


def count_queries(paths: dict[str, tuple]) -> dict[str, int]:
    """SQL statements issued by each page, in-process (a signed-in test client per account)."""
    from flask.testing import FlaskClient
    from sqlalchemy import event

    from lms import create_app
    from lms.extensions import db

    app = create_app({"GRADING_QUEUE": "external", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    counts: dict[str, int] = {}
    statements: list[str] = []
    with app.app_context():
        database = db.engine  # each request below runs in its own app context, as in production

    def count(*_args, **_kwargs) -> None:
        statements.append("q")

    event.listen(database, "before_cursor_execute", count)
    clients: dict[str | None, FlaskClient] = {}
    for name, (account, path, *form) in paths.items():
        if account not in clients:
            clients[account] = client = app.test_client()
            if account:
                client.post("/auth/login", data={"email": account, "password": PASSWORD})
        client = clients[account]

        def send(client=client, path=path, form=form):
            return client.post(path, data=form[0]) if form else client.get(path)

        send()  # warm the caches the way a running server has them
        statements.clear()
        response = send()
        assert response.status_code in ((200, 204, 302) if form else (200,)), (name, response.status_code)
        counts[name] = len(statements)
    event.remove(database, "before_cursor_execute", count)
    database.dispose()
    return counts


def _session(base: str, email: str | None, csrf_from: str) -> tuple[str, str]:
    """Sign in like a browser (or stay anonymous): return (cookie header, a CSRF token for that session)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    token_pattern = r'name="csrf_token"[^>]*value="([^"]+)"'
    if email:
        page = opener.open(f"{base}/auth/login").read().decode()
        token = re.search(token_pattern, page).group(1)
        data = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": token}).encode()
        opener.open(f"{base}/auth/login", data=data).read()
    page = opener.open(f"{base}{csrf_from}").read().decode()
    token = re.search(token_pattern, page).group(1)
    jar = next(h.cookiejar for h in opener.handlers if hasattr(h, "cookiejar"))
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


def run_engine(name: str, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="maharat-web-") as folder, engine(name) as database_url:
        instance = Path(folder)
        if database_url:
            os.environ["DATABASE_URL"] = database_url
        else:
            os.environ.pop("DATABASE_URL", None)
        started = time.monotonic()
        figures = build_dataset(instance, args.learners)
        world = add_roles(args.learners)
        print(
            f"\n[{name}] dataset: {figures['learners']} learners × 3 courses, {figures['progress_rows']} "
            f"progress rows, a class of {CLASS_SIZE}; built in {time.monotonic() - started:.1f} s"
        )
        learner = "learner1@bench.ma"
        pages = {
            "learner dashboard": (learner, "/dashboard/learner"),
            "course outline": (learner, "/courses/sic-python-fundamentals"),
            "lesson": (learner, LESSON),
            "class dashboard": ("teacher@bench.ma", f"/classes/{world['class_id']}"),
            "region report": ("manager@bench.ma", "/reports/"),
            "certificate verification": (None, f"/verify/{world['certificate']}"),
        }
        quiz_answers = {f"q-{q}": "a" for q in figures["quiz_questions"]}
        quiz_path = f"/courses/sic-python-fundamentals/items/{figures['quiz']}/submit"
        draft_path = f"/courses/sic-python-fundamentals/items/{figures['quiz']}/draft"
        # What an open page sends while the pupil works: the minute's time in view, and drafts as they type.
        beacons = {
            "time report (POST)": (learner, f"{LESSON}/time", {"seconds": "60"}),
            "draft save (POST)": (learner, draft_path, quiz_answers),
        }
        queries = count_queries({**pages, "quiz submission": (learner, quiz_path, quiz_answers), **beacons})
        env = {
            "MAHARAT_INSTANCE": str(instance),
            "GRADING_QUEUE": "external",
            "LOGIN_RATE_LIMIT": "1000000 per minute",
            "SUBMIT_RATE_LIMIT": "1000000 per minute",
            "VERIFY_RATE_LIMIT": "1000000 per minute",
            "RATELIMIT_ENABLED": "false",
        }
        if database_url:
            env["DATABASE_URL"] = database_url
        env["PYTHONPATH"] = str(ROOT)  # the shared virtualenv's editable install may point elsewhere
        run = {"seconds": args.seconds, "connections": args.connections}
        load = os.getloadavg()
        with gunicorn("bench.hello:app", {"PYTHONPATH": str(ROOT)}) as (hello_url, hello_pid):
            baseline = drive_wrk(hello_url, hello_pid, Scenario("hello-world", "/"), **run)
        with gunicorn("wsgi:app", env, config=str(ROOT / "deploy" / "gunicorn.conf.py")) as (base, pid):
            learners = [
                _session(base, f"learner{i}@bench.ma", LESSON) for i in range(min(SIGNED_IN, args.learners))
            ]
            cookies = [cookie for cookie, _ in learners]
            tokens = dict(learners)
            anonymous, login_token = _session(base, None, "/auth/login")

            def sign_in_body(_cookie: str) -> str:
                return urllib.parse.urlencode(
                    {"email": learner, "password": PASSWORD, "csrf_token": login_token}
                )

            def quiz_body(cookie: str) -> str:
                return urllib.parse.urlencode({**quiz_answers, "csrf_token": tokens[cookie]})

            scenarios = [
                Scenario("sign-in (scrypt)", "/auth/login", "POST", sign_in_body, [anonymous], (302,)),
                Scenario("learner dashboard", pages["learner dashboard"][1], cookies=cookies),
                Scenario("course outline", pages["course outline"][1], cookies=cookies),
                Scenario("lesson", LESSON, cookies=cookies),
                Scenario(
                    "quiz submission",
                    quiz_path,
                    "POST",
                    quiz_body,
                    cookies,
                    (302,),
                ),
                Scenario(
                    "time report (POST)",
                    f"{LESSON}/time",
                    "POST",
                    lambda cookie: urllib.parse.urlencode({"seconds": "60", "csrf_token": tokens[cookie]}),
                    cookies,
                    (204,),
                ),
                Scenario(
                    "draft save (POST)",
                    draft_path,
                    "POST",
                    quiz_body,
                    cookies,
                    (200,),
                ),
                Scenario(
                    "class dashboard",
                    pages["class dashboard"][1],
                    cookies=[_session(base, "teacher@bench.ma", "/account/profile")[0]],
                ),
                Scenario(
                    "region report",
                    "/reports/",
                    cookies=[_session(base, "manager@bench.ma", "/account/profile")[0]],
                ),
                Scenario("certificate verification", pages["certificate verification"][1]),
            ]
            results = [drive_wrk(base, pid, scenario, **run) for scenario in scenarios]
        load = (load, os.getloadavg())
        print_table(name, baseline, results, queries, args, load)


def print_table(name: str, baseline: Result, results: list[Result], queries: dict, args, load) -> None:
    before, after = load
    print(
        f"[{name}] gunicorn 2 workers × 4 threads (deploy/gunicorn.conf.py), wrk {args.connections} "
        f"connections, {args.seconds:g} s per page; load average {before[0]:.2f} before, {after[0]:.2f} after"
    )
    header = f"{'page':<26}{'req/s':>8}{'× hello':>9}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}{'RSS MiB':>9}{'queries':>9}"
    print(header)
    print("-" * len(header))
    for r in [baseline, *results]:
        ratio = r.rps / baseline.rps if baseline.rps else float("nan")
        print(
            f"{r.name:<26}{r.rps:>8.0f}{ratio:>9.3f}{r.percentile(50):>8.1f}{r.percentile(99):>8.1f}"
            f"{r.errors:>8}{r.peak_rss_kib / 1024:>9.0f}{queries.get(r.name, ''):>9}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench web")
    parser.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql")
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    for name in args.engines.split(","):
        run_engine(name.strip(), args)


if __name__ == "__main__":
    main()
