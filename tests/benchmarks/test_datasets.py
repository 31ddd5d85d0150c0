"""The national dataset's streamed build (bench/datasets.py) on both engines, at a tiny scale.

The 1,000,000-learner figures of docs/performance.md come from this same code path: accounts written a
chunk at a time, the big tables' indexes and foreign keys dropped and made again, the rollups rebuilt in
batches of users. Here the chunks are a few accounts, so every boundary is crossed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bench import datasets
from lms.reports.rebuild import active_day_problems, compare, expected_rollups, stored_rollups
from tests.conftest import _postgres_admin

SCALE = datasets.Scale(learners=60, schools=12, provinces_per_region=1, class_size=5, class_units=3)


def _schema(uri: str) -> dict[str, tuple]:
    """The indexes and foreign keys of the tables the bulk load writes into."""
    engine = create_engine(uri)
    try:
        inspector = inspect(engine)
        return {
            table: (
                sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in inspector.get_indexes(table)
                ),
                sorted(
                    (tuple(f["constrained_columns"]), f["referred_table"])
                    for f in inspector.get_foreign_keys(table)
                ),
            )
            for table in datasets.BULK_TABLES
        }
    finally:
        engine.dispose()


def _check(world: datasets.World, migrated_uri: str) -> None:
    uri = datasets.database_uri(world.database)
    engine = create_engine(uri)
    try:
        with engine.connect() as connection:
            for table, written in world.counts.items():
                name = "report_participants" if table == "participants" else table
                assert connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one() == written, table  # noqa: S608
            members = dict(
                connection.execute(
                    text("SELECT class_id, count(*) FROM class_members GROUP BY class_id")
                ).all()
            )
    finally:
        engine.dispose()
    accounts = max(1, SCALE.learners // 25) + SCALE.learners + 3 + SCALE.class_size
    assert world.counts["users"] == accounts
    teachers = max(1, SCALE.learners // 25)
    assert members.pop(world.class_id) == SCALE.class_size
    assert members.pop(world.big_class_id) == min(datasets.BIG_CLASS, SCALE.learners)
    assert sorted(members) == list(
        range(1, teachers + 1)
    )  # a class per generated teacher, every pupil in one
    assert sum(members.values()) == SCALE.learners
    assert world.counts["item_progress"] > 0 and world.counts["attempts"] > 0
    # Every index and foreign key dropped for the load is back, as the migrations made them.
    assert _schema(uri) == _schema(migrated_uri)
    # The rollups rebuilt in batches are those a recomputation in one piece gives.
    app = datasets.open_app(world.database)
    with app.app_context():
        assert compare(expected_rollups(), stored_rollups()) == []
        assert active_day_problems() == []  # and the 30-day buckets are those the participants imply
        assert datasets.existing_world(world.database).big_class_id == world.big_class_id
        app.extensions["sqlalchemy"].session.remove()
        app.extensions["sqlalchemy"].engine.dispose()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(datasets, "USERS_PER_CHUNK", 7)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))


def test_the_sqlite_build_is_complete_and_deterministic(
    small_chunks, tmp_path: Path, migrated_database: Path
):
    world = datasets.build(tmp_path / "a.sqlite3", SCALE, log=lambda _: None)
    _check(world, f"sqlite:///{migrated_database}")
    again = datasets.build(tmp_path / "b.sqlite3", SCALE, log=lambda _: None)
    assert again.counts == world.counts
    assert again.learner == world.learner


def test_the_postgresql_build_copies_the_same_dataset(small_chunks, tmp_path: Path, migrated_postgres: str):
    name = f"bench_dataset_{os.getpid()}"
    admin = _postgres_admin(migrated_postgres)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        world = datasets.build(f"{migrated_postgres}/{name}", SCALE, log=lambda _: None)
        _check(world, f"{migrated_postgres}/maharat_template")
        sqlite = datasets.build(tmp_path / "same.sqlite3", SCALE, log=lambda _: None)
        # The same seed gives the same rows on both engines (and from one run to the next).
        assert (sqlite.counts, sqlite.learner) == (world.counts, world.learner)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
