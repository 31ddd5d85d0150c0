"""A national-scale dataset for benchmarks, built in seconds with bulk inserts.

    .venv/bin/python -m bench.datasets --learners 100000 --out /tmp/maharat-national.sqlite3

What it builds (deterministic for a given ``--seed``): the 12 regions (from the migrations), provinces
and ``--schools`` schools spread over them, ``--learners`` pupils plus one teacher for 25 pupils, the
three shipped courses synced by :mod:`lms.packages` and :mod:`lms.courses.sync`, enrolments, item and
unit progress (about 30 item rows per learner, so ~3M at 100,000) and attempts, one class of 40 pupils
on a 30-unit course for the class dashboard, then the report rollups rebuilt from scratch.

Other benches reuse :func:`build` and :func:`open_app`. Only SQLite files are produced here: the point
is to measure our queries, not a server.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select, text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("sic-python-fundamentals", "sic-ai-foundations", "digischool-emerging-tech-for-teachers")
BENCH_COURSE = "bench-trente-unites"
PASSWORD = "bench-password-2030"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FIRST_NAMES = ["Amina", "Youssef", "Salma", "Omar", "أمينة", "يوسف", "سلمى", "ⵜⵉⵍⵉⵍⴰ", "Nour", "Badr"]
LAST_NAMES = ["El Idrissi", "Benali", "Ouazzani", "الإدريسي", "بنعلي", "Tazi", "Amrani", "الفاسي"]


@dataclass(frozen=True)
class Scale:
    learners: int = 5000
    schools: int = 1000
    provinces_per_region: int = 6
    class_size: int = 40
    class_units: int = 30
    seed: int = 7


@dataclass(frozen=True)
class World:
    """What a bench needs to sign in and find the pages to measure."""

    database: Path
    admin: str
    manager: str
    teacher: str
    class_id: int
    region_code: str
    counts: dict[str, int]


def open_app(database: Path, instance: Path | None = None) -> Flask:
    """The app on ``database``, configured like the tests (no CSRF, no rate limits)."""
    import os

    from lms import create_app

    os.environ.setdefault("MAHARAT_INSTANCE", str(instance or database.parent / "instance"))
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "maharat.bench",
        }
    )


def _stamp(moment: datetime) -> str:
    """A UTC datetime as SQLAlchemy stores it in SQLite."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _write_bench_course(root: Path, units: int) -> Path:
    """A course package of ``units`` units, each a lesson then a two-question quiz."""
    course = root / BENCH_COURSE
    slugs = [f"unite-{n:02d}" for n in range(1, units + 1)]
    course.mkdir(parents=True)
    (course / "course.toml").write_text(
        f'schema = 1\nslug = "{BENCH_COURSE}"\nversion = 1\ntitle = "Cours de charge"\n'
        'summary = "Trente unités pour mesurer le tableau de bord."\nlanguage = "fr"\nprogramme = "sic"\n'
        'audience = ["teacher", "student"]\nlevel = "beginner"\nhours = 30\nself_enrol = false\n'
        f"units = {slugs!r}\n\n[requires]\nquiz = 1\n".replace("'", '"'),
        encoding="utf-8",
    )
    for slug in slugs:
        unit = course / "units" / slug
        (unit / f"quiz-{slug}").mkdir(parents=True)
        (unit / "unit.toml").write_text(
            f'title = "Unité {slug[-2:]}"\n\n[[items]]\nlesson = "lecon-{slug}"\ntitle = "Leçon"\n\n'
            f'[[items]]\nexercise = "quiz-{slug}"\n',
            encoding="utf-8",
        )
        (unit / f"lecon-{slug}.md").write_text("Une leçon.\n", encoding="utf-8")
        (unit / f"quiz-{slug}" / "exercise.toml").write_text(
            'type = "quiz"\ntype_version = 1\ntitle = "Quiz"\npass_mark = 0.5\nmax_attempts = 0\n\n'
            '[[questions]]\nid = "q1"\nkind = "single"\ntext = "2 + 2 ?"\n'
            '[[questions.choices]]\nid = "a"\ntext = "3"\n[[questions.choices]]\nid = "b"\ntext = "4"\n'
            "correct = true\n",
            encoding="utf-8",
        )
    return course


def _sync_courses(units: int) -> None:
    from flask import current_app

    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.packages.loader import load_package

    registry = current_app.extensions["exercise_types"]
    with tempfile.TemporaryDirectory() as folder:
        paths = [ROOT / "courses" / slug for slug in SHIPPED] + [_write_bench_course(Path(folder), units)]
        for path in paths:
            package, problems = load_package(path, registry)
            if problems:
                raise SystemExit(f"{path.name}: {problems[0]}")
            sync_package(package)
    db.session.commit()


class _Writer:
    """Bulk inserts through the DB-API: executemany in chunks, no ORM in the loop."""

    def __init__(self, connection) -> None:
        self.cursor = connection.cursor()
        self.counts: dict[str, int] = {}

    def insert(
        self, table: str, columns: tuple[str, ...], rows: Iterator[tuple], chunk: int = 50_000
    ) -> None:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                self.cursor.executemany(sql, batch)
                self.counts[table] = self.counts.get(table, 0) + len(batch)
                batch.clear()
        if batch:
            self.cursor.executemany(sql, batch)
            self.counts[table] = self.counts.get(table, 0) + len(batch)

    def next_id(self, table: str) -> int:
        return (self.cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]) + 1  # noqa: S608


USER_COLUMNS = (
    "id", "email", "display_name", "password_hash", "language", "role", "active", "massar_code",
    "school_id", "programme_id", "region_id", "created_at", "session_token",
)  # fmt: skip


def _user(uid: int, email: str, name: str, hashed: str, role: str, **fields) -> tuple:
    return (
        uid, email, name, hashed, fields.get("language", "fr"), role, 1, fields.get("massar"),
        fields.get("school"), fields.get("programme"), fields.get("region"), _stamp(NOW - timedelta(days=200)),
        f"token-{uid}",
    )  # fmt: skip


@dataclass
class Catalogue:
    """The synced courses as plain tuples, for the progress simulation."""

    course_ids: dict[str, int]
    #: slug → [(item id, unit id, is an exercise, required)], in course order.
    items: dict[str, list[tuple[int, int, bool, bool]]]

    @classmethod
    def load(cls) -> Catalogue:
        from lms.courses.models import Course, Item, Unit
        from lms.extensions import db

        courses = dict(db.session.execute(select(Course.slug, Course.id)).all())
        items: dict[str, list] = {slug: [] for slug in courses}
        slugs = {v: k for k, v in courses.items()}
        for item_id, unit_id, course_id, kind, required in db.session.execute(
            select(Item.id, Item.unit_id, Item.course_id, Item.kind, Item.required)
            .join(Unit, Item.unit_id == Unit.id)
            .order_by(Item.course_id, Unit.position, Item.position)
        ):
            items[slugs[course_id]].append((item_id, unit_id, kind == "exercise", bool(required)))
        return cls(courses, items)

    @staticmethod
    def courses_for(role: str, programme: str, rng: random.Random) -> list[str]:
        if role == "teacher" and programme == "digischool":
            return ["digischool-emerging-tech-for-teachers"]
        return ["sic-python-fundamentals"] + (["sic-ai-foundations"] if rng.random() < 0.5 else [])


def _simulate(
    uid: int, slug: str, catalogue: Catalogue, rng: random.Random, now: datetime, out: dict
) -> None:
    """One enrolment: the first items in course order done, the next one started, scores and attempts."""
    course = catalogue.course_ids[slug]
    items = catalogue.items[slug]
    created = now - timedelta(days=rng.uniform(1, 180))
    done = int(min(1.0, rng.random() ** 1.4 * 1.1) * len(items))
    touched = min(done + 1, len(items)) if done or rng.random() < 0.6 else 0
    step = (now - created) * rng.uniform(0.2, 1.0) / max(1, touched)
    units: dict[int, list] = {}
    last = None
    for index, (item, unit, exercise, required) in enumerate(items[:touched]):
        last = created + step * (index + 1)
        completed = index < done
        score = (rng.uniform(0.6, 1.0) if completed else rng.uniform(0.0, 0.4)) if exercise else None
        tries = (2 if rng.random() < 0.2 else 1) if completed else rng.randint(1, 3)
        tries = tries if exercise else 0
        out["item_progress"].append(
            (uid, item, course, "completed" if completed else "in_progress", score, tries, _stamp(created),
             _stamp(last), _stamp(last) if completed else None)
        )  # fmt: skip
        for number in range(1, tries + 1):
            passed = completed and number == tries
            out["attempts"].append(
                (uid, item, course, number, "graded", '{"answers": {"q1": "b"}}', score if passed else 0.2,
                 int(passed), "[]", "{}", 1, _stamp(last), _stamp(last), 1)
            )  # fmt: skip
        units.setdefault(unit, []).append((required, completed, score, last))
    all_units = {unit for _, unit, _, _ in items}
    required_left = {unit for index, (_, unit, _, req) in enumerate(items) if req and index >= done}
    for unit, rows in units.items():
        scores = [s for _, _, s, _ in rows if s is not None]
        finished = unit not in required_left
        out["unit_progress"].append(
            (uid, unit, course, sum(scores) / len(scores) if scores else None, _stamp(rows[-1][3]) if finished else None)
        )  # fmt: skip
    completed_at = _stamp(last) if last and not (all_units & required_left) else None
    source = "class" if slug == BENCH_COURSE else "self"
    out["enrolments"].append((uid, course, source, _stamp(created), last and _stamp(last), completed_at))


TABLES = {
    "enrolments": ("user_id", "course_id", "source", "created_at", "last_activity_at", "completed_at"),
    "item_progress": (
        "user_id", "item_id", "course_id", "status", "best_score", "attempts", "first_activity_at",
        "last_activity_at", "completed_at",
    ),
    "unit_progress": ("user_id", "unit_id", "course_id", "score", "completed_at"),
    "attempts": (
        "user_id", "item_id", "course_id", "number", "status", "submission", "score", "passed", "feedback",
        "details", "content_version", "submitted_at", "graded_at", "tries",
    ),
}  # fmt: skip


def learner_rows(writer, catalogue: Catalogue, enrolments: list[tuple[int, str]], rng, now: datetime) -> None:
    """Simulate every enrolment and insert its rows, a few thousand enrolments at a time."""
    for start in range(0, len(enrolments), 5000):
        out: dict[str, list] = {table: [] for table in TABLES}
        for uid, slug in enrolments[start : start + 5000]:
            _simulate(uid, slug, catalogue, rng, now, out)
        for table, columns in TABLES.items():
            writer.insert(table, columns, iter(out[table]))


def build(database: Path, scale: Scale, log: Callable[[str], None] = print) -> World:
    """Create ``database`` from nothing and fill it; return the accounts and ids benches use."""
    from flask_migrate import upgrade
    from werkzeug.security import generate_password_hash

    from lms.extensions import db
    from lms.reports.rebuild import rebuild

    database.unlink(missing_ok=True)
    app = open_app(database)
    rng = random.Random(scale.seed)
    started = time.perf_counter()
    with app.app_context():
        upgrade(revision="heads")
        _sync_courses(scale.class_units)
        catalogue = Catalogue.load()
        # Leaving WAL needs the only connection to the file: close the session's and the pool's first.
        db.session.close()
        db.engine.dispose()
        raw = db.engine.raw_connection()
        raw.execute("PRAGMA synchronous = OFF")
        raw.execute("PRAGMA journal_mode = MEMORY")
        writer = _Writer(raw)
        regions = [r for (r,) in raw.execute("SELECT id FROM regions ORDER BY code")]
        programmes = dict(raw.execute("SELECT code, id FROM programmes"))
        provinces = []
        for region in regions:
            for n in range(scale.provinces_per_region):
                provinces.append(
                    (len(provinces) + 1, f"BP-{region:02d}-{n}", f"Province {region}-{n}", "", region)
                )
        writer.insert("provinces", ("id", "code", "name_fr", "name_ar", "region_id"), iter(provinces))
        region_of = {p[0]: p[4] for p in provinces}
        schools = [
            (n + 1, f"BS-{n + 1:05d}", f"Lycée {n + 1}", f"ثانوية {n + 1}", provinces[n % len(provinces)][0])
            for n in range(scale.schools)
        ]
        writer.insert("schools", ("id", "code", "name_fr", "name_ar", "province_id"), iter(schools))
        programme_of_school = {s[0]: "sic" if s[0] % 5 < 3 else "digischool" for s in schools}
        hashed = generate_password_hash(PASSWORD, method="scrypt")
        teachers = max(1, scale.learners // 25)
        people = []  # (uid, role, school, programme code)
        uid = writer.next_id("users")
        users = []
        for n in range(teachers + scale.learners):
            role = "teacher" if n < teachers else "student"
            school = schools[rng.randrange(len(schools))][0]
            code = programme_of_school[school]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            massar = f"B{uid:09d}" if role == "student" else None
            users.append(
                _user(uid, f"{role}{uid}@bench.maharat.ma", name, hashed, role, massar=massar, school=school,
                      programme=programmes[code])
            )  # fmt: skip
            people.append((uid, role, school, code))
            uid += 1
        admin, manager, teacher = uid, uid + 1, uid + 2
        region_code = "MA-06"
        region_id = raw.execute("SELECT id FROM regions WHERE code = ?", (region_code,)).fetchone()[0]
        class_school = next(s[0] for s in schools if region_of[s[4]] == region_id)
        users += [
            _user(admin, "admin@bench.maharat.ma", "Admin Bench", hashed, "admin"),
            _user(manager, "pilotage@bench.maharat.ma", "Pilotage", hashed, "manager",
                  programme=programmes["sic"], region=region_id),
            _user(teacher, "prof@bench.maharat.ma", "Prof Bench", hashed, "teacher", school=class_school,
                  programme=programmes["sic"]),
        ]  # fmt: skip
        pupils = list(range(teacher + 1, teacher + 1 + scale.class_size))
        users += [
            _user(p, f"classe{p}@bench.maharat.ma", f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", hashed,
                  "student", massar=f"C{p:09d}", school=class_school, programme=programmes["sic"])
            for p in pupils
        ]  # fmt: skip
        writer.insert("users", USER_COLUMNS, iter(users))
        log(f"  {len(users):,} accounts, {len(schools):,} schools in {len(provinces)} provinces")

        enrolments = []
        for uid, role, _school, code in people:
            enrolments += [(uid, slug) for slug in catalogue.courses_for(role, code, rng)]
        enrolments += [(p, BENCH_COURSE) for p in pupils]
        learner_rows(writer, catalogue, enrolments, rng, NOW)
        class_id = writer.next_id("classes")
        writer.insert(
            "classes",
            ("id", "name", "teacher_id", "school_id", "school_year", "join_code", "created_at"),
            iter(
                [(class_id, "Classe de charge", teacher, class_school, "2026-2027", "BENCH234", _stamp(NOW))]
            ),
        )
        writer.insert(
            "class_members",
            ("class_id", "user_id", "source", "joined_at"),
            ((class_id, p, "import", _stamp(NOW - timedelta(days=60))) for p in pupils),
        )
        writer.insert(
            "class_courses",
            ("class_id", "course_id", "assigned_at"),
            iter([(class_id, catalogue.course_ids[BENCH_COURSE], _stamp(NOW - timedelta(days=60)))]),
        )
        raw.commit()
        log(f"  rows: {', '.join(f'{t} {n:,}' for t, n in writer.counts.items())}")
        log(f"  bulk load in {time.perf_counter() - started:.1f}s; rebuilding the rollups…")
        mark = time.perf_counter()
        expected = rebuild()
        db.session.commit()
        log(
            f"  rollups rebuilt in {time.perf_counter() - mark:.1f}s: {len(expected.participants):,} participants"
        )
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        counts = dict(writer.counts, participants=len(expected.participants))
        assert db.session.scalar(select(text("count(*)")).select_from(text("classes"))) == 1
        db.engine.dispose()
    return World(
        database,
        "admin@bench.maharat.ma",
        "pilotage@bench.maharat.ma",
        "prof@bench.maharat.ma",
        class_id,
        region_code,
        counts,
    )


def existing_world(database: Path) -> World:
    """The :class:`World` of a dataset built earlier (accounts and ids are fixed by :func:`build`)."""
    import sqlite3

    with sqlite3.connect(database) as con:
        class_id = con.execute("SELECT id FROM classes WHERE join_code = 'BENCH234'").fetchone()[0]
        tables = ("users", "enrolments", "item_progress", "attempts", "report_participants")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608
    counts["participants"] = counts.pop("report_participants")
    return World(
        database,
        "admin@bench.maharat.ma",
        "pilotage@bench.maharat.ma",
        "prof@bench.maharat.ma",
        class_id,
        "MA-06",
        counts,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=Scale.learners, help="pupils (teachers: one per 25)")
    parser.add_argument("--schools", type=int, default=Scale.schools)
    parser.add_argument("--seed", type=int, default=Scale.seed)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "maharat-bench.sqlite3")
    args = parser.parse_args()
    started = time.perf_counter()
    world = build(args.out, Scale(learners=args.learners, schools=args.schools, seed=args.seed))
    print(f"{world.database} ready in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
