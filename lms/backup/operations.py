"""Create and restore a backup archive (``.tar.gz``) of everything a Maharat node cannot rebuild.

Inside the archive:

- ``manifest.json``: format, date, database kind, schema revision;
- ``database.sqlite3`` (SQLite, copied with the online backup API, so a running site is copied
  consistently without stopping it) or ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``,
  restored with ``pg_restore``; both must be installed, in a version matching the server);
- ``instance/``: the instance folder (uploads, authored assets, keys when kept there), without the
  SQLite database file, which is already in the archive;
- ``keys/``: the certificate signing keys when ``CERTIFICATE_KEYS_DIR`` is outside the instance
  folder. Without them no new certificate can be signed with the same key, so the archive holds
  secrets: store it as such (encrypted, access-controlled).

Course packages (``COURSES_DIR``) are content kept in git and synced with ``flask courses sync``; they
are not in the archive. Restoring is meant for an *empty* node: it refuses to overwrite a database
that already has tables unless told to.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess  # pg_dump/pg_restore only, with argument lists, never a shell
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from lms.certificates.keys import keys_dir
from lms.dbtypes import utcnow
from lms.extensions import db

FORMAT = 1
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message says why."""


@dataclass(frozen=True)
class Manifest:
    format: int
    created_at: str
    database: str
    revision: str | None

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_path() -> Path | None:
    url = _url()
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database).resolve()


def _libpq_url() -> str:
    """The URL without SQLAlchemy's driver suffix (``postgresql+psycopg`` → ``postgresql``)."""
    return _url().set(drivername="postgresql").render_as_string(hide_password=False)


def _revision() -> str | None:
    if "alembic_version" not in inspect(db.engine).get_table_names():
        return None
    return db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar()


def _keys_outside_instance() -> Path | None:
    folder = keys_dir().resolve()
    instance = Path(current_app.instance_path).resolve()
    return None if folder.is_relative_to(instance) else folder


def _dump_database(into: Path) -> str:
    sqlite_path = _sqlite_path()
    if sqlite_path is not None:
        with db.engine.connect() as connection:
            source = connection.connection.driver_connection
            target = sqlite3.connect(into / "database.sqlite3")
            try:
                source.backup(target)
            finally:
                target.close()
        return "sqlite"
    if _url().get_backend_name() != "postgresql":
        raise BackupError(f"no backup method for the {_url().get_backend_name()} database")
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump is not installed (apt-get install postgresql-client)")
    subprocess.run(  # noqa: S603 (fixed program, argument list)
        [pg_dump, "--format=custom", "--no-owner", "--file", str(into / "database.dump"), _libpq_url()],
        check=True,
    )
    return "postgresql"


def create_backup(path: Path) -> Manifest:
    """Write the archive at ``path`` (``.tar.gz``) and return its manifest."""
    instance = Path(current_app.instance_path)
    sqlite_path = _sqlite_path()
    created_at, revision = utcnow().isoformat(), _revision()
    with tempfile.TemporaryDirectory() as scratch:
        staging = Path(scratch)
        manifest = Manifest(FORMAT, created_at, _dump_database(staging), revision)
        (staging / "manifest.json").write_text(json.dumps(manifest.as_dict(), indent=2))
        skipped = set()
        if sqlite_path is not None:
            skipped = {sqlite_path, *(Path(f"{sqlite_path}{s}") for s in _SQLITE_SIDE_FILES)}
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w:gz") as archive:
            for name in ("manifest.json", "database.sqlite3", "database.dump"):
                if (staging / name).exists():
                    archive.add(staging / name, arcname=name)
            if instance.is_dir():
                for file in sorted(instance.rglob("*")):
                    if file.is_file() and not file.is_symlink() and file.resolve() not in skipped:
                        archive.add(file, arcname=f"instance/{file.relative_to(instance).as_posix()}")
            outside = _keys_outside_instance()
            if outside is not None and outside.is_dir():
                archive.add(outside, arcname="keys")
    os.chmod(path, 0o600)
    return manifest


def _database_is_empty() -> bool:
    return not inspect(db.engine).get_table_names()


def restore_backup(path: Path, *, force: bool = False) -> Manifest:
    """Restore the archive at ``path`` into this node's database, instance folder and key folder."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    with tempfile.TemporaryDirectory() as scratch:
        staging = Path(scratch)
        with tarfile.open(path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
            archive.extractall(staging, filter="data")
        try:
            manifest = Manifest(**json.loads((staging / "manifest.json").read_text()))
        except (OSError, ValueError, TypeError) as error:
            raise BackupError(f"{path} is not a Maharat backup: {error}") from None
        if manifest.format != FORMAT:
            raise BackupError(f"unknown backup format {manifest.format}")
        if not force and not _database_is_empty():
            raise BackupError("the database is not empty: restore into an empty one, or pass --force")
        _restore_database(staging, manifest)
        _copy_tree(staging / "instance", Path(current_app.instance_path))
        _copy_tree(staging / "keys", keys_dir(), private=True)
    return manifest


def _restore_database(staging: Path, manifest: Manifest) -> None:
    sqlite_path = _sqlite_path()
    if manifest.database == "sqlite":
        if sqlite_path is None:
            raise BackupError("this backup holds a SQLite database; this node is configured for PostgreSQL")
        db.session.remove()
        db.engine.dispose()
        for suffix in _SQLITE_SIDE_FILES:
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(staging / "database.sqlite3")
        target = sqlite3.connect(sqlite_path)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    if manifest.database != "postgresql" or sqlite_path is not None:
        raise BackupError(f"this backup holds a {manifest.database} database; this node cannot take it")
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise BackupError("pg_restore is not installed (apt-get install postgresql-client)")
    db.session.remove()
    db.engine.dispose()
    subprocess.run(  # noqa: S603 (fixed program, argument list)
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            _libpq_url(),
            str(staging / "database.dump"),
        ],
        check=True,
    )


def _copy_tree(source: Path, target: Path, private: bool = False) -> None:
    if not source.is_dir():
        return
    for file in sorted(source.rglob("*")):
        destination = target / file.relative_to(source)
        if file.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, destination)
        if private:
            os.chmod(destination, 0o600)
