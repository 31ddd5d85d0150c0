"""Measure the gradebook of a class of 40 pupils × 60 items, next to baselines of the same run (issue 19).

    .venv/bin/python -m bench gradebook                  # 40 pupils × 60 items, 50 requests each
    .venv/bin/python -m bench gradebook --pupils 40 --units 10 --requests 100

Builds its own SQLite dataset in a temporary folder (migrations, two generated course packages, a
teacher, a big class and a small one, every pupil with progress and attempts on every exercise), then
requests each page in-process with Flask's test client after a warm-up. The table gives p50/p95 and
the SQL statements per request: the gradebook's count must be the same for 5 pupils × 6 items as for
40 × 60 (no query per row or per cell). Baselines: ``/healthz`` (one query) and the signed-in profile
page; the class dashboard (heatmap) of the same class is shown for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event

PASSWORD = "bench-gradebook-2030"


def _write_course(root: Path, slug: str, units: int, items_per_unit: int) -> Path:
    """A course of ``units`` units, each one lesson then quizzes up to ``items_per_unit`` items."""
    course = root / slug
    unit_slugs = [f"u{n:02d}" for n in range(1, units + 1)]
    course.mkdir(parents=True)
    (course / "course.toml").write_text(
        f'schema = 1\nslug = "{slug}"\nversion = 1\ntitle = "Cours {slug}"\nsummary = "Banc."\n'
        'language = "fr"\nprogramme = "sic"\naudience = ["teacher", "student"]\nlevel = "beginner"\n'
        f"hours = 10\nself_enrol = false\nunits = {unit_slugs!r}\n\n[requires]\nquiz = 1\n".replace("'", '"'),
        encoding="utf-8",
    )
    for unit_slug in unit_slugs:
        unit = course / "units" / unit_slug
        unit.mkdir(parents=True)
        toml = f'title = "Unité {unit_slug}"\n\n[[items]]\nlesson = "lecon-{unit_slug}"\ntitle = "Leçon"\n\n'
        (unit / f"lecon-{unit_slug}.md").write_text("Une leçon.\n", encoding="utf-8")
        for n in range(1, items_per_unit):
            quiz = f"quiz-{unit_slug}-{n}"
            toml += f'[[items]]\nexercise = "{quiz}"\n\n'
            (unit / quiz).mkdir()
            (unit / quiz / "exercise.toml").write_text(
                f'type = "quiz"\ntype_version = 1\ntitle = "Quiz {n}"\npass_mark = 0.5\nmax_attempts = 0\n\n'
                '[[questions]]\nid = "q1"\nkind = "single"\ntext = "2 + 2 ?"\n'
                '[[questions.choices]]\nid = "a"\ntext = "3"\n[[questions.choices]]\nid = "b"\ntext = "4"\n'
                "correct = true\n",
                encoding="utf-8",
            )
        (unit / "unit.toml").write_text(toml, encoding="utf-8")
    return course


@dataclass
class Dataset:
    teacher: str
    big_class: int
    small_class: int
    counts: dict[str, int] = field(default_factory=dict)


def build(folder: Path, pupils: int, units: int) -> Dataset:
    """Migrate a fresh database and fill it; every pupil has progress on every item of their course."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select
    from werkzeug.security import generate_password_hash

    from bench.datasets import open_app
    from lms.assignments.operations import assign
    from lms.classes import operations as classes
    from lms.courses.models import Course, Item
    from lms.courses.sync import sync_package
    from lms.dbtypes import utcnow
    from lms.extensions import db
    from lms.geo.models import Province, Region, School
    from lms.learning.models import Attempt, AttemptStatus, Enrolment, ItemProgress, ItemStatus
    from lms.packages.loader import load_package
    from lms.users.models import Role, User

    app = open_app(folder / "bench.sqlite3", folder / "instance")
    rng = random.Random(19)
    with app.app_context():
        upgrade(directory=str(Path(__file__).resolve().parents[1] / "lms" / "migrations"))
        registry = app.extensions["exercise_types"]
        for slug, n_units, per_unit in (("banc-60", units, 6), ("banc-6", 1, 6)):
            package, problems = load_package(
                _write_course(folder / "courses", slug, n_units, per_unit), registry
            )
            if problems:
                raise SystemExit(str(problems[0]))
            sync_package(package)
        region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
        province = Province(code="BG-PROV", name_fr="Province banc", name_ar="إقليم", region=region)
        school = School(code="BG-SCH", name_fr="Lycée banc", name_ar="ثانوية", province=province)
        db.session.add_all([province, school])
        db.session.flush()
        hashed = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        teacher = User(
            email="prof@bench.ma",
            display_name="Prof",
            password_hash=hashed,
            role=Role.TEACHER,
            school_id=school.id,
        )
        db.session.add(teacher)
        db.session.flush()
        courses = {c.slug: c for c in db.session.scalars(select(Course))}
        now = utcnow()
        made = {}
        for label, slug, size in (("big", "banc-60", pupils), ("small", "banc-6", 5)):
            klass = classes.create_class(teacher, f"Classe {label}", school, "2026-2027")
            course = courses[slug]
            classes.assign_course(klass, course)
            items = db.session.scalars(select(Item).where(Item.course_id == course.id)).all()
            for n in range(size):
                pupil = User(
                    email=f"{label}{n}@bench.ma",
                    display_name=f"Élève {label} {n:02d}",
                    password_hash=hashed,
                    role=Role.STUDENT,
                    school_id=school.id,
                )
                db.session.add(pupil)
                db.session.flush()
                classes.add_member(klass, pupil, source="teacher")
                for item in items:
                    done = rng.random() < 0.7
                    score = None if item.is_lesson else round(rng.random(), 2)
                    tries = 0 if item.is_lesson else rng.randint(1, 3)
                    db.session.add(
                        ItemProgress(
                            user_id=pupil.id,
                            item_id=item.id,
                            course_id=course.id,
                            status=ItemStatus.COMPLETED if done else ItemStatus.IN_PROGRESS,
                            best_score=score,
                            attempts=tries,
                            completed_at=now if done else None,
                        )
                    )
                    for number in range(1, tries + 1):
                        db.session.add(
                            Attempt(
                                user_id=pupil.id,
                                item_id=item.id,
                                course_id=course.id,
                                number=number,
                                status=AttemptStatus.GRADED,
                                submission={"answers": {"q1": "b"}},
                                score=score,
                                passed=bool(score and score >= 0.5),
                                content_version=1,
                                submitted_at=now - timedelta(days=number),
                            )
                        )
            assign(klass, course, teacher, due_at=now - timedelta(days=2))
            made[label] = klass.id
        db.session.commit()
        counts = {
            "pupils": db.session.scalar(select(func.count(User.id)).where(User.role == Role.STUDENT)),
            "item_progress": db.session.scalar(select(func.count(ItemProgress.id))),
            "attempts": db.session.scalar(select(func.count(Attempt.id))),
            "enrolments": db.session.scalar(select(func.count(Enrolment.id))),
        }
        db.engine.dispose()
    return Dataset("prof@bench.ma", made["big"], made["small"], counts)


@dataclass
class Measure:
    name: str
    path: str
    signed_in: bool
    times: list[float] = field(default_factory=list)
    queries: int = 0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def measure(app, dataset: Dataset, m: Measure, requests: int) -> None:
    client = app.test_client()
    if m.signed_in:
        response = client.post("/auth/login", data={"email": dataset.teacher, "password": PASSWORD})
        if response.status_code != 302:
            raise SystemExit("cannot sign in")
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    counted: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        counted.append(statement)

    def fetch() -> None:
        response = client.get(m.path)
        assert response.status_code == 200, (m.path, response.status_code)
        response.get_data()
        response.close()

    for _ in range(3):
        fetch()
    event.listen(engine, "before_cursor_execute", count)
    fetch()
    event.remove(engine, "before_cursor_execute", count)
    m.queries = len(counted)
    for _ in range(requests):
        start = time.perf_counter()
        fetch()
        m.times.append(time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench gradebook", description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=40)
    parser.add_argument("--units", type=int, default=10, help="units of six items (10 → 60 items)")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="maharat-bench-gradebook-") as name:
        folder = Path(name)
        os.environ["MAHARAT_INSTANCE"] = str(folder / "instance")
        print(f"building {args.pupils} pupils × {args.units * 6} items …")
        dataset = build(folder, args.pupils, args.units)
        from bench.datasets import open_app

        app = open_app(folder / "bench.sqlite3", folder / "instance")
        big, small = dataset.big_class, dataset.small_class
        size = f"{args.pupils} × {args.units * 6}"
        measures = [
            Measure("baseline: /healthz", "/healthz", False),
            Measure("baseline: profile page", "/account/profile", True),
            Measure(f"class dashboard ({size})", f"/classes/{big}", True),
            Measure("gradebook (5 × 6)", f"/gradebook/classes/{small}", True),
            Measure(f"gradebook ({size})", f"/gradebook/classes/{big}", True),
            Measure(f"gradebook CSV ({size})", f"/gradebook/classes/{big}/gradebook.csv", True),
        ]
        for m in measures:
            measure(app, dataset, m, args.requests)
        base = measures[1].percentile(50)
        print("dataset: " + ", ".join(f"{k} {v:,}" for k, v in dataset.counts.items()))
        print(f"{'page':<30}{'p50 ms':>8}{'p95 ms':>8}{'× profile':>10}{'queries':>9}")
        for m in measures:
            print(
                f"{m.name:<30}{m.percentile(50):>8.1f}{m.percentile(95):>8.1f}{m.percentile(50) / base:>10.1f}{m.queries:>9}"
            )
        if measures[3].queries != measures[4].queries:
            raise SystemExit(
                f"the gradebook's queries grow with the class: {measures[3].queries} → {measures[4].queries}"
            )
        with app.app_context():
            app.extensions["sqlalchemy"].engine.dispose()


if __name__ == "__main__":
    main()
