"""A national-scale dataset for benchmarks, streamed into SQLite or PostgreSQL with bulk inserts.

    .venv/bin/python -m bench.datasets --learners 100000 --out /tmp/maharat-national.sqlite3
    .venv/bin/python -m bench.datasets --learners 100000 --url postgresql+psycopg://…/empty_database
    .venv/bin/python -m bench growth --learners 1000000 --engine postgresql   # builds, then measures

What it builds (deterministic for a given ``--seed``): the 12 regions (from the migrations), provinces
and ``--schools`` schools spread over them, ``--learners`` pupils plus one teacher for 25 pupils, the
three shipped courses synced by :mod:`lms.packages` and :mod:`lms.courses.sync`, enrolments, item and
unit progress (about 30 item rows per learner, so ~30M at 1,000,000) and attempts, one class of 40 pupils
on a 30-unit course and one of 200 on the Python course for the teacher the benches sign in as, a class
per other teacher with its share of the pupils, then the report rollups rebuilt from scratch.

Memory is bounded: accounts are generated, simulated and written 10,000 at a time (SQLite: executemany
and a commit per chunk; PostgreSQL: ``COPY … FROM STDIN``), the big tables' secondary indexes are built
once after the load, and the rollups are rebuilt a range of users at a time. Other benches reuse
:func:`build` and :func:`open_app`.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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
    #: The class of :data:`BIG_CLASS` pupils on the Python course, and one of its pupils.
    big_class_id: int = 0
    learner: str = ""
    #: Seconds per phase of the build.
    phases: dict[str, float] = field(default_factory=dict)


def database_uri(database: Path | str) -> str:
    """A SQLite file's URL, or the URL given (PostgreSQL)."""
    return f"sqlite:///{database}" if isinstance(database, Path) else database


def open_app(database: Path | str, instance: Path | None = None) -> Flask:
    """The app on ``database`` (a SQLite file or a database URL), configured like the tests (no CSRF, no
    rate limits)."""
    import os

    from lms import create_app

    folder = database.parent if isinstance(database, Path) else Path(tempfile.gettempdir())
    os.environ.setdefault("MAHARAT_INSTANCE", str(instance or folder / "instance"))
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": database_uri(database),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "maharat.bench",
        }
    )


def _stamp(moment: datetime) -> str:
    """A UTC datetime as SQLAlchemy stores it in SQLite (PostgreSQL reads it as UTC in our session).

    ``isoformat`` rather than ``strftime``: ten times cheaper, and called ~100 times per learner."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(" ", "microseconds")


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


class SQLiteLoader:
    """Bulk inserts into SQLite through the DB-API: executemany in chunks, a commit per chunk, no ORM.

    For the load: no fsync, the rollback journal in memory (each transaction only appends, so it stays
    small), foreign keys unchecked (the generator writes only ids it made), and the secondary indexes of
    the big tables dropped first and built once at the end (one sort each instead of 30M random inserts).
    The UNIQUE constraints stay: rows arrive in (user, item) order, so their B-trees only grow on the right.
    """

    engine = "sqlite"

    def __init__(self, connection, tables: tuple[str, ...] = ()) -> None:
        self.connection = connection
        self.cursor = connection.cursor()
        self.counts: dict[str, int] = {}
        for pragma in (
            "foreign_keys = OFF",
            "synchronous = OFF",
            "journal_mode = MEMORY",
            "cache_size = -131072",  # 128 MiB of page cache, whatever the size of the load
            "locking_mode = EXCLUSIVE",
        ):
            self.cursor.execute(f"PRAGMA {pragma}")
        marks = ", ".join("?" * len(tables))
        self.indexes = self.cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
            f"AND tbl_name IN ({marks})",
            tables,
        ).fetchall()
        for name, _sql in self.indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')
        connection.commit()

    def insert(self, table: str, columns: tuple[str, ...], rows, chunk: int = 50_000) -> None:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                self._flush(table, sql, batch)
        if batch:
            self._flush(table, sql, batch)

    def _flush(self, table: str, sql: str, batch: list[tuple]) -> None:
        self.cursor.executemany(sql, batch)
        self.connection.commit()
        self.counts[table] = self.counts.get(table, 0) + len(batch)
        batch.clear()

    def scalar(self, sql: str, *params):
        return self.cursor.execute(sql.replace("%s", "?"), params).fetchone()[0]

    def next_id(self, table: str) -> int:
        return self.scalar(f"SELECT coalesce(max(id), 0) FROM {table}") + 1  # noqa: S608

    def finish(self) -> None:
        """Build the dropped indexes again, then let the app's connections back in (WAL, foreign keys)."""
        for _name, sql in self.indexes:
            self.cursor.execute(sql)
        self.connection.commit()
        self.cursor.execute("PRAGMA locking_mode = NORMAL")
        self.cursor.execute("PRAGMA foreign_keys = ON")
        self.connection.commit()


class PostgresLoader:
    """Bulk inserts into PostgreSQL with psycopg 3's ``COPY … FROM STDIN``, one COPY per chunk.

    The big tables' foreign keys and secondary indexes are dropped first and made again at the end (an
    index built from a sort, a foreign key checked by one join, instead of a trigger and an index insert
    per row); primary keys and UNIQUE constraints stay (rows arrive in key order). Timestamps are written
    as UTC text, so the session's time zone is set to UTC. Afterwards the sequences follow the ids we
    chose, and VACUUM ANALYZE gives the planner statistics and the visibility map index-only scans need.
    """

    engine = "postgresql"

    def __init__(self, connection, tables: tuple[str, ...] = ()) -> None:
        self.connection = connection
        self.cursor = connection.cursor()
        self.counts: dict[str, int] = {}
        self.tables = tables
        self.cursor.execute("SET TIME ZONE 'UTC'")
        self.cursor.execute("SET synchronous_commit = off")
        self.cursor.execute("SET maintenance_work_mem = '256MB'")
        names = list(tables)
        self.foreign_keys = self.cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
            (names,),
        ).fetchall()
        self.indexes = self.cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY 1",
            (names,),
        ).fetchall()
        for table, name, _definition in self.foreign_keys:
            self.cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in self.indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')
        connection.commit()

    def insert(self, table: str, columns: tuple[str, ...], rows, chunk: int = 50_000) -> None:
        count = 0
        with self.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        self.connection.commit()
        self.counts[table] = self.counts.get(table, 0) + count

    def scalar(self, sql: str, *params):
        return self.cursor.execute(sql, params).fetchone()[0]

    def next_id(self, table: str) -> int:
        return self.scalar(f"SELECT coalesce(max(id), 0) FROM {table}") + 1  # noqa: S608

    def finish(self) -> None:
        for _name, definition in self.indexes:
            self.cursor.execute(definition)
        for table, name, definition in self.foreign_keys:
            self.cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for table in (*self.tables, "provinces", "schools", "classes"):
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) "  # noqa: S608
                f"FROM {table} WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL"
            )
        self.connection.commit()


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
    #: slug → {unit id: index in ``items`` of its last required item, -1 if none}
    last_required: dict[str, dict[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for slug, items in self.items.items():
            marks = self.last_required.setdefault(slug, {})
            for index, (_item, unit, _exercise, required) in enumerate(items):
                marks[unit] = index if required else marks.get(unit, -1)

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
    """One enrolment: the first items in course order done, the next one started, scores and attempts.

    Runs ~1.5 million times for a million learners: each timestamp is formatted once."""
    course = catalogue.course_ids[slug]
    items = catalogue.items[slug]
    created = now - timedelta(days=rng.uniform(1, 180))
    created_text = _stamp(created)
    # Most learners are early in a course (a quarter of it on average): ~30 progress rows per learner.
    done = int(min(1.0, rng.random() ** 3.5 * 1.1) * len(items))
    touched = min(done + 1, len(items)) if done or rng.random() < 0.6 else 0
    step = (now - created) * rng.uniform(0.2, 1.0) / max(1, touched)
    units: dict[int, list] = {}
    last_text = None
    item_rows, attempt_rows = out["item_progress"], out["attempts"]
    for index, (item, unit, exercise, _required) in enumerate(items[:touched]):
        last_text = _stamp(created + step * (index + 1))
        completed = index < done
        score = (rng.uniform(0.6, 1.0) if completed else rng.uniform(0.0, 0.4)) if exercise else None
        tries = (2 if rng.random() < 0.2 else 1) if completed else rng.randint(1, 3)
        tries = tries if exercise else 0
        item_rows.append(
            (uid, item, course, "completed" if completed else "in_progress", score, tries, created_text,
             last_text, last_text if completed else None)
        )  # fmt: skip
        for number in range(1, tries + 1):
            passed = completed and number == tries
            attempt_rows.append(
                (uid, item, course, number, "graded", '{"answers": {"q1": "b"}}', score if passed else 0.2,
                 int(passed), "[]", "{}", 1, last_text, last_text, 1)
            )  # fmt: skip
        units.setdefault(unit, []).append((score, last_text))
    # A unit is finished when its last required item is done.
    required_left = {
        unit for unit, last_required in catalogue.last_required[slug].items() if last_required >= done
    }
    for unit, rows in units.items():
        scores = [s for s, _ in rows if s is not None]
        out["unit_progress"].append(
            (uid, unit, course, sum(scores) / len(scores) if scores else None,
             rows[-1][1] if unit not in required_left else None)
        )  # fmt: skip
    completed_at = last_text if last_text and not required_left else None
    source = "class" if slug == BENCH_COURSE else "self"
    out["enrolments"].append((uid, course, source, created_text, last_text, completed_at))


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


def analyze(raw, tables: tuple[str, ...] = ()) -> None:
    """Planner statistics after the load, of ``tables`` or of everything. SQLite: a sample of each index
    is enough (a full ANALYZE would read 60M rows again). PostgreSQL: VACUUM ANALYZE, which also sets the
    visibility map that index-only scans need (it cannot run inside a transaction)."""
    driver = raw.driver_connection
    if isinstance(driver, sqlite3.Connection):
        driver.execute("PRAGMA analysis_limit = 2000")
        for table in tables or ("",):
            driver.execute(f"ANALYZE {table}")
        driver.commit()
        return
    driver.autocommit = True
    try:
        driver.execute(f"VACUUM ANALYZE {', '.join(tables)}")
    finally:
        driver.autocommit = False


#: The tables the bulk load writes millions of rows into: their secondary indexes and foreign keys are
#: dropped during the load and made again after it.
BULK_TABLES = ("users", "enrolments", "item_progress", "unit_progress", "attempts", "class_members")
#: Accounts generated, simulated and written at a time: what bounds the memory of the load.
USERS_PER_CHUNK = 10_000
BIG_CLASS = 200


def peak_rss_mib() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(database: Path | str, scale: Scale, log: Callable[[str], None] = print) -> World:
    """Create the dataset from nothing and fill it; return the accounts and ids benches use.

    ``database`` is a SQLite file (a :class:`~pathlib.Path`, replaced) or the SQLAlchemy URL of an empty
    PostgreSQL database. Accounts are generated, simulated and written :data:`USERS_PER_CHUNK` at a time,
    so memory does not grow with ``scale.learners``; each phase's duration is logged, then the peak RSS.
    """
    from flask_migrate import upgrade
    from werkzeug.security import generate_password_hash

    from lms.extensions import db
    from lms.reports.rebuild import rebuild_in_batches

    if isinstance(database, Path):
        for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            leftover.unlink(missing_ok=True)
    app = open_app(database)
    rng = random.Random(scale.seed)
    phases: dict[str, float] = {}
    mark = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        log(f"  {name}: {now - mark:.1f}s (peak RSS {peak_rss_mib():.0f} MiB)")
        mark = now

    with app.app_context():
        upgrade(revision="heads")
        _sync_courses(scale.class_units)
        catalogue = Catalogue.load()
        phase("schema and courses")
        # Leaving WAL needs the only connection to the file: close the session's and the pool's first.
        db.session.close()
        db.engine.dispose()
        raw = db.engine.raw_connection()
        if db.engine.dialect.name == "sqlite":
            loader = SQLiteLoader(raw, BULK_TABLES)
        else:
            loader = PostgresLoader(raw.driver_connection, BULK_TABLES)
        regions = [r for (r,) in loader.cursor.execute("SELECT id FROM regions ORDER BY code").fetchall()]
        programmes = dict(loader.cursor.execute("SELECT code, id FROM programmes").fetchall())
        provinces = []
        for region in regions:
            for n in range(scale.provinces_per_region):
                provinces.append(
                    (len(provinces) + 1, f"BP-{region:02d}-{n}", f"Province {region}-{n}", "", region)
                )
        loader.insert("provinces", ("id", "code", "name_fr", "name_ar", "region_id"), iter(provinces))
        region_of = {p[0]: p[4] for p in provinces}
        schools = [
            (n + 1, f"BS-{n + 1:05d}", f"Lycée {n + 1}", f"ثانوية {n + 1}", provinces[n % len(provinces)][0])
            for n in range(scale.schools)
        ]
        loader.insert("schools", ("id", "code", "name_fr", "name_ar", "province_id"), iter(schools))
        programme_of_school = {s[0]: "sic" if s[0] % 5 < 3 else "digischool" for s in schools}
        hashed = generate_password_hash(PASSWORD, method="scrypt")
        teachers = max(1, scale.learners // 25)
        first = loader.next_id("users")
        population = teachers + scale.learners
        class_columns = ("id", "name", "teacher_id", "school_id", "school_year", "join_code", "created_at")
        opened = _stamp(NOW - timedelta(days=90))
        python_course = catalogue.course_ids["sic-python-fundamentals"]
        for chunk in range(0, population, USERS_PER_CHUNK):
            users, enrolments, classes, members = [], [], [], []
            for n in range(chunk, min(population, chunk + USERS_PER_CHUNK)):
                uid = first + n
                role = "teacher" if n < teachers else "student"
                school = schools[rng.randrange(len(schools))][0]
                code = programme_of_school[school]
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                massar = f"B{uid:09d}" if role == "student" else None
                users.append(
                    _user(uid, f"{role}{uid}@bench.maharat.ma", name, hashed, role, massar=massar, school=school,
                          programme=programmes[code])
                )  # fmt: skip
                enrolments += [(uid, slug) for slug in catalogue.courses_for(role, code, rng)]
                # Every teacher has a class (id n + 1) on the Python course; pupils are dealt out to them.
                if role == "teacher":
                    classes.append(
                        (n + 1, f"Classe {n + 1}", uid, school, "2026-2027", f"T{n + 1:07d}", opened)
                    )
                else:
                    members.append(((n - teachers) % teachers + 1, uid, "import", opened))
            loader.insert("users", USER_COLUMNS, iter(users))
            if classes:
                loader.insert("classes", class_columns, iter(classes))
                loader.insert("class_courses", ("class_id", "course_id", "assigned_at"),
                              ((c[0], python_course, opened) for c in classes))  # fmt: skip
            loader.insert("class_members", ("class_id", "user_id", "source", "joined_at"), iter(members))
            learner_rows(loader, catalogue, enrolments, rng, NOW.replace(tzinfo=None))
            if chunk // USERS_PER_CHUNK % 10 == 9:
                log(f"    {chunk + USERS_PER_CHUNK:,} accounts written (peak RSS {peak_rss_mib():.0f} MiB)")
        uid = first + population
        admin, manager, teacher = uid, uid + 1, uid + 2
        region_code = "MA-06"
        region_id = loader.scalar("SELECT id FROM regions WHERE code = %s", region_code)
        class_school = next(s[0] for s in schools if region_of[s[4]] == region_id)
        users = [
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
        loader.insert("users", USER_COLUMNS, iter(users))
        learner_rows(loader, catalogue, [(p, BENCH_COURSE) for p in pupils], rng, NOW.replace(tzinfo=None))
        # The big class: the first generated pupils, who all follow the Python course.
        big_pupils = list(range(first + teachers, first + teachers + min(BIG_CLASS, scale.learners)))
        class_id = loader.next_id("classes")
        big_class_id = class_id + 1
        assigned = _stamp(NOW - timedelta(days=60))
        loader.insert(
            "classes",
            class_columns,
            iter(
                [
                    (
                        class_id,
                        "Classe de charge",
                        teacher,
                        class_school,
                        "2026-2027",
                        "BENCH234",
                        _stamp(NOW),
                    ),
                    (
                        big_class_id,
                        "Grande classe",
                        teacher,
                        class_school,
                        "2026-2027",
                        "BENCH256",
                        _stamp(NOW),
                    ),
                ]
            ),
        )
        loader.insert(
            "class_members",
            ("class_id", "user_id", "source", "joined_at"),
            (
                *((class_id, p, "import", assigned) for p in pupils),
                *((big_class_id, p, "import", assigned) for p in big_pupils),
            ),
        )
        loader.insert(
            "class_courses",
            ("class_id", "course_id", "assigned_at"),
            iter(
                [
                    (class_id, catalogue.course_ids[BENCH_COURSE], assigned),
                    (big_class_id, catalogue.course_ids["sic-python-fundamentals"], assigned),
                ]
            ),
        )
        log(f"  rows: {', '.join(f'{t} {n:,}' for t, n in loader.counts.items())}")
        phase("generate and load")
        loader.finish()
        phase("indexes and constraints")
        # Statistics before the rebuild: without them each batch's grouped queries may scan whole tables.
        analyze(raw)
        raw.close()
        phase("analyze")
        db.engine.dispose()  # the app's own connections again (WAL, foreign keys on)
        rebuilt = rebuild_in_batches()
        db.session.commit()
        phase(f"rollups rebuilt ({rebuilt.participants:,} participants)")
        db.session.close()
        raw = db.engine.raw_connection()
        analyze(raw, ("report_participants", "report_totals", "report_weeks", "report_active_days"))
        raw.close()
        phase("analyze the rollups")
        counts = dict(loader.counts, participants=rebuilt.participants)
        assert db.session.scalar(select(text("count(*)")).select_from(text("classes"))) == 2 + teachers
        db.session.close()
        db.engine.dispose()
    log(f"  total {sum(phases.values()):.1f}s, peak RSS {peak_rss_mib():.0f} MiB")
    return World(
        database,
        "admin@bench.maharat.ma",
        "pilotage@bench.maharat.ma",
        "prof@bench.maharat.ma",
        class_id,
        region_code,
        counts,
        big_class_id=big_class_id,
        learner=f"student{big_pupils[0]}@bench.maharat.ma",
        phases=phases,
    )


def existing_world(database: Path | str) -> World:
    """The :class:`World` of a dataset built earlier (accounts and ids are fixed by :func:`build`)."""
    from sqlalchemy import create_engine

    engine = create_engine(database_uri(database))
    try:
        with engine.connect() as con:
            classes = dict(con.execute(text("SELECT join_code, id FROM classes")).all())
            tables = (
                "users",
                "enrolments",
                "item_progress",
                "unit_progress",
                "attempts",
                "report_participants",
            )
            counts = {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}  # noqa: S608
            learner = con.execute(
                text("SELECT u.email FROM class_members m JOIN users u ON u.id = m.user_id WHERE m.class_id = :c "
                     "ORDER BY u.id LIMIT 1"),
                {"c": classes.get("BENCH256", 0)},
            ).scalar()  # fmt: skip
    finally:
        engine.dispose()
    counts["participants"] = counts.pop("report_participants")
    return World(
        database,
        "admin@bench.maharat.ma",
        "pilotage@bench.maharat.ma",
        "prof@bench.maharat.ma",
        classes["BENCH234"],
        "MA-06",
        counts,
        big_class_id=classes.get("BENCH256", 0),
        learner=learner or "",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=Scale.learners, help="pupils (teachers: one per 25)")
    parser.add_argument("--schools", type=int, default=Scale.schools)
    parser.add_argument("--seed", type=int, default=Scale.seed)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "maharat-bench.sqlite3")
    parser.add_argument(
        "--url", help="an empty PostgreSQL database (postgresql+psycopg://…) instead of --out"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    world = build(args.url or args.out, Scale(learners=args.learners, schools=args.schools, seed=args.seed))
    print(f"{world.database} ready in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
