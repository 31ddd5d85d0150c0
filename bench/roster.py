"""A teacher imports a roster of 2,000 pupils while someone else keeps writing: does anyone fail?

    .venv/bin/python -m bench roster                      # 2,000 pupils, a class following a course
    .venv/bin/python -m bench roster --pupils 500 --batch 100

On a fresh SQLite database (WAL, the app's 10 s busy timeout), in-process like the other benches:

1. the import of ``--pupils`` new pupils (no email for half of them: Massar codes and generated
   usernames), split into its steps: check, hashing of the one-time passwords (no transaction open),
   writing (one short transaction per batch), with the SQL statements each step ran; the same import
   of a tenth as many pupils shows that statements grow with batches, not with rows;
2. another user's write latency (a separate process, its own connection, one small UPDATE and a
   commit every 20 ms, as a page that records something would): first alone for a few seconds (the
   same-run baseline), then during the import; failures ("database is locked") are counted.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, select

WRITE_EVERY = 0.02


def _writer(database: str, user_id: int, stop, results) -> None:
    """Another user's small writes, timed: (wall-clock start, seconds, ok)."""
    conn = sqlite3.connect(database, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=10000")
    samples = []
    while not stop.is_set():
        started = time.time()
        began = time.perf_counter()
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?", (user_id,))
            conn.execute("COMMIT")
            ok = True
        except sqlite3.OperationalError:
            conn.execute("ROLLBACK") if conn.in_transaction else None
            ok = False
        samples.append((started, time.perf_counter() - began, ok))
        time.sleep(WRITE_EVERY)
    conn.close()
    results.put(samples)


def _stats(samples: list[tuple[float, float, bool]]) -> tuple[int, float, float, float, int]:
    times = sorted(s[1] * 1000 for s in samples)
    if not times:
        return 0, 0.0, 0.0, 0.0, 0
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return len(times), statistics.median(times), p99, times[-1], sum(1 for s in samples if not s[2])


def _roster(pupils: int, offset: int) -> str:
    first = ["Amina", "Youssef", "Salma", "Omar", "أمينة", "يوسف", "سلمى", "Nour", "Badr", "Élodie"]
    last = ["El Idrissi", "Benali", "Ouazzani", "الإدريسي", "بنعلي", "Tazi", "Amrani", "الفاسي"]
    lines = ["Nom;Prénom;Code Massar;E-mail"]
    for n in range(offset, offset + pupils):
        massar = f"J{n:09d}" if n % 4 == 0 else ""
        email = f"eleve{n}@bench.ma" if n % 2 else ""
        lines.append(f"{last[n % len(last)]};{first[n % len(first)]};{massar};{email}")
    return "\n".join(lines) + "\n"


def build(folder: Path):
    """A migrated database with one school, its teacher, a class following a shipped course, and a writer."""
    os.environ["MAHARAT_INSTANCE"] = str(folder / "instance")
    from flask_migrate import upgrade

    from lms import create_app
    from lms.classes import operations
    from lms.classes.models import ClassCourse
    from lms.courses.models import Course
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.geo.models import Province, Region, School
    from lms.packages.loader import load_package
    from lms.programmes.models import Programme
    from lms.users.models import Role
    from lms.users.operations import create_user

    database = folder / "roster.sqlite3"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "GRADING_QUEUE": "external",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "maharat.bench",
        }
    )
    with app.app_context():
        upgrade(revision="heads")
        package, problems = load_package(
            Path(app.config["COURSES_DIR"]) / "sic-python-fundamentals", app.extensions["exercise_types"]
        )
        assert not problems, problems
        sync_package(package)
        region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
        province = Province(
            code="B-CASA", name_fr="Préfecture de Casablanca", name_ar="عمالة الدار البيضاء", region=region
        )
        school = School(
            code="B-L001", name_fr="Lycée Ibn Battouta", name_ar="ثانوية ابن بطوطة", province=province
        )
        db.session.add_all([province, school])
        db.session.flush()
        sic = db.session.scalar(select(Programme.id).where(Programme.code == "sic"))
        teacher = create_user(
            email="prof@bench.ma",
            display_name="Prof",
            password="bench-password-2030",
            role=Role.TEACHER,
            school_id=school.id,
            programme_id=sic,
        )
        writer = create_user(email="writer@bench.ma", display_name="Writer", password="bench-password-2030")
        klass = operations.create_class(teacher, "Tronc commun", school, "2026-2027")
        db.session.flush()
        course_id = db.session.scalar(select(Course.id).where(Course.slug == package.slug))
        db.session.add(ClassCourse(class_id=klass.id, course_id=course_id))
        db.session.commit()
        ids = (teacher.id, writer.id, klass.id)
    return app, database, ids


def _import(app, ids, pupils: int, offset: int, batch: int) -> dict:
    from lms.classes import importing
    from lms.classes.models import SchoolClass
    from lms.extensions import db
    from lms.users.models import User

    teacher_id, _writer_id, class_id = ids
    figures: dict = {}
    with app.app_context():
        engine = db.engine
        statements: list[str] = []

        def count(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        klass = db.session.get(SchoolClass, class_id)
        teacher = db.session.get(User, teacher_id)
        text = _roster(pupils, offset)
        event.listen(engine, "before_cursor_execute", count)
        started = time.perf_counter()
        plan = importing.check_csv(klass, text, teacher)
        figures["check_s"] = time.perf_counter() - started
        figures["check_queries"] = len(statements)
        assert not plan.problems, plan.problems[:3]
        statements.clear()
        hashing: list[float] = []
        real = importing.hash_one_time_passwords

        def timed_hash(passwords):
            began = time.perf_counter()
            figures["hash_wall_start"] = time.time()
            try:
                return real(passwords)
            finally:
                hashing.append(time.perf_counter() - began)
                figures["hash_wall_end"] = time.time()

        importing.hash_one_time_passwords = timed_hash
        try:
            figures["wall_start"] = time.time()
            began = time.perf_counter()
            slips, failed = importing.apply_plan(klass, plan, teacher, batch_size=batch)
            figures["apply_s"] = time.perf_counter() - began
            figures["wall_end"] = time.time()
        finally:
            importing.hash_one_time_passwords = real
            event.remove(engine, "before_cursor_execute", count)
        figures["hash_s"] = hashing[0] if hashing else 0.0
        figures["apply_queries"] = len(statements)
        figures["created"] = sum(1 for s in slips if s.password)
        figures["failed"] = len(failed)
        db.session.remove()
    return figures


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench roster")
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200, help="rows written per transaction")
    parser.add_argument("--baseline-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-roster-") as folder:
        app, database, ids = build(Path(folder))
        small = _import(app, ids, max(1, args.pupils // 10), 10_000_000, args.batch)

        context = multiprocessing.get_context("spawn")
        stop, results = context.Event(), context.Queue()
        writer = context.Process(target=_writer, args=(str(database), ids[1], stop, results))
        writer.start()
        try:
            time.sleep(0.5)  # the writer's first connection
            baseline_from = time.time()
            time.sleep(args.baseline_seconds)
            baseline_to = time.time()
            big = _import(app, ids, args.pupils, 0, args.batch)
            time.sleep(0.5)
        finally:
            stop.set()
            samples = results.get(timeout=60)
            writer.join(timeout=30)
            if writer.is_alive():
                writer.kill()
                writer.join()

    alone = [s for s in samples if baseline_from <= s[0] < baseline_to]
    hashing = [s for s in samples if big["hash_wall_start"] <= s[0] < big["hash_wall_end"]]
    writing = [s for s in samples if big["hash_wall_end"] <= s[0] < big["wall_end"]]
    print(f"roster import into a class following one course, SQLite (WAL), batches of {args.batch} rows")
    header = (
        f"{'import':<30}{'pupils':>8}{'check s':>9}{'hash s':>8}{'write s':>9}{'statements':>12}{'failed':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, figures, count in (
        ("a tenth as many", small, max(1, args.pupils // 10)),
        ("full roster", big, args.pupils),
    ):
        write_s = figures["apply_s"] - figures["hash_s"]
        print(
            f"{name:<30}{count:>8}{figures['check_s']:>9.2f}{figures['hash_s']:>8.2f}{write_s:>9.2f}"
            f"{figures['check_queries'] + figures['apply_queries']:>12}{figures['failed']:>8}"
        )
    print(
        f"statements: check {big['check_queries']} + apply {big['apply_queries']} for {args.pupils} pupils, "
        f"{small['check_queries']} + {small['apply_queries']} for {max(1, args.pupils // 10)}"
    )
    print("\nanother user's writes (separate process, one UPDATE + COMMIT every 20 ms)")
    header = f"{'while':<30}{'writes':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'failed':>8}"
    print(header)
    print("-" * len(header))
    for name, chosen in (
        ("nothing else (baseline)", alone),
        ("the import hashes passwords", hashing),
        ("the import writes its batches", writing),
    ):
        n, p50, p99, worst, failures = _stats(chosen)
        print(f"{name:<30}{n:>8}{p50:>9.1f}{p99:>9.1f}{worst:>9.1f}{failures:>8}")
