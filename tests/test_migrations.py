"""Migrations: they build the schema from nothing, match the models, and keep data across upgrades."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from lms import create_app
from lms.extensions import db as _db


def _app(tmp_path, monkeypatch, name="m.sqlite3"):
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}"})


def test_upgrade_from_empty_builds_every_table(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)
    with app.app_context():
        upgrade()
        tables = set(inspect(_db.engine).get_table_names())
        assert set(_db.metadata.tables) <= tables


def test_models_and_migrations_agree(app, db):
    """A schema change without its migration fails here."""
    with db.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata
        )
    assert diff == []


def test_downgrade_then_upgrade_round_trips(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert "users" not in inspect(_db.engine).get_table_names()
        upgrade()
        assert _db.session.scalar(select(text("count(*)")).select_from(text("regions"))) == 12
