"""Backups: what one node backs up, an empty node restores, and certificates still verify there."""

from __future__ import annotations

import os
import tarfile

import pytest
from sqlalchemy import func, select

from lms import create_app
from lms.certificates import operations as certificates
from lms.certificates.documents import signature_valid
from lms.extensions import db
from lms.learning.models import Attempt, ItemProgress
from lms.users.models import User
from tests.conftest import FreshContextClient, _test_config


def snapshot_of_world() -> dict:
    return {
        "users": sorted(db.session.scalars(select(User.email))),
        "progress": db.session.scalar(select(func.count()).select_from(ItemProgress)),
        "attempts": db.session.scalar(select(func.count()).select_from(Attempt)),
    }


@pytest.fixture
def empty_app(tmp_path, monkeypatch, world_template):
    """A brand-new node: no database file, an empty instance folder and no keys."""
    template, _ = world_template
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "new-instance"))
    app = create_app(
        {
            **_test_config(tmp_path / "new-instance" / "restored.sqlite3"),
            "COURSES_DIR": str(template.parent / "courses"),
            "CERTIFICATE_KEYS_DIR": str(tmp_path / "new-keys"),
        }
    )
    app.test_client_class = FreshContextClient
    return app


def test_a_backup_restores_into_an_empty_node(world_app, world, empty_app, tmp_path):
    (tmp_path / "instance" / "uploads").mkdir(parents=True)
    (tmp_path / "instance" / "uploads" / "logo.png").write_bytes(b"png!")
    before = snapshot_of_world()
    code = world.values["code"]
    archive = tmp_path / "backups" / "maharat.tar.gz"

    result = world_app.test_cli_runner().invoke(args=["backup", "create", str(archive)])
    assert result.exit_code == 0, result.output
    assert oct(os.stat(archive).st_mode & 0o777) == "0o600", "the archive holds the signing keys"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.sqlite3", "instance/uploads/logo.png"} <= set(names)
    assert any(name.startswith("keys/sic/") and name.endswith(".pem") for name in names)

    with empty_app.app_context():
        result = empty_app.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
        assert result.exit_code == 0, result.output
        assert snapshot_of_world() == before
        certificate = certificates.find(code)
        assert signature_valid(certificate), "the signing keys came back with the database"
        client = empty_app.test_client()
        assert client.get(f"/verify/{code}").status_code == 200
        assert (
            client.post(
                "/auth/login", data={"email": world.emails["student"], "password": "correct horse battery"}
            ).status_code
            == 302
        )
        assert (tmp_path / "new-instance" / "uploads" / "logo.png").read_bytes() == b"png!"
        key_files = list((tmp_path / "new-keys").rglob("*.pem"))
        assert key_files and all(oct(f.stat().st_mode & 0o777) == "0o600" for f in key_files)
        # A second restore over the now non-empty database is refused.
        again = empty_app.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
        assert again.exit_code != 0 and "not empty" in again.output
        db.session.remove()
        db.engine.dispose()


def test_restore_refuses_what_is_not_a_backup(empty_app, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        (tmp_path / "hello.txt").write_text("hi")
        tar.add(tmp_path / "hello.txt", arcname="hello.txt")
    with empty_app.app_context():
        result = empty_app.test_cli_runner().invoke(args=["backup", "restore", str(bogus)])
        assert result.exit_code != 0 and "not a Maharat backup" in result.output
