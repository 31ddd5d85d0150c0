"""``courses export``: a course written back to a package loads to exactly the same rows."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from lms import create_app
from lms.extensions import db
from lms.packages import package_files
from tests.authoring.roundtrip import dump_course
from tests.conftest import _test_config

COURSES = Path(__file__).resolve().parents[2] / "courses"
SHIPPED = sorted(p.name for p in COURSES.iterdir() if (p / "course.toml").is_file())
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packages"
#: (courses dir, slug): the shipped courses and the worked example (data files, an Arabic overlay)
PACKAGES = [(COURSES, slug) for slug in SHIPPED] + [(FIXTURES, "demo-minimal")]


@pytest.fixture
def other_app(migrated_database: Path, tmp_path: Path):
    """A second app on its own fresh database, for syncing an export 'elsewhere'."""
    database = tmp_path / "other.sqlite3"
    shutil.copyfile(migrated_database, database)
    app = create_app(_test_config(database))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _same_tree(left: Path, right: Path) -> None:
    assert package_files(left) == package_files(right)
    for name in package_files(left):
        assert filecmp.cmp(left / name, right / name, shallow=False), name


@pytest.mark.parametrize(("source", "slug"), PACKAGES, ids=[slug for _, slug in PACKAGES])
def test_a_course_survives_export_and_resync(app, other_app, runner, tmp_path, source, slug):
    app.config["COURSES_DIR"] = str(source)  # where the player (and the export) find package assets
    result = runner.invoke(args=["courses", "sync", slug])
    assert result.exit_code == 0, result.output
    before = dump_course(slug)

    result = runner.invoke(args=["courses", "export", slug, str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["courses", "validate", slug, "--dir", str(tmp_path / "out"), "--no-sandbox"])
    assert result.exit_code == 0, result.output

    with other_app.app_context():
        other_app.config["COURSES_DIR"] = str(tmp_path / "out")
        other = other_app.test_cli_runner()
        result = other.invoke(args=["courses", "sync", slug])
        assert result.exit_code == 0, result.output
        assert dump_course(slug) == before
        result = other.invoke(args=["courses", "export", slug, str(tmp_path / "again")])
        assert result.exit_code == 0, result.output
    _same_tree(tmp_path / "out" / slug, tmp_path / "again" / slug)


def test_export_refuses_a_folder_in_use(app, runner, tmp_path):
    slug = SHIPPED[0]
    runner.invoke(args=["courses", "sync", slug])
    (tmp_path / "out" / slug).mkdir(parents=True)
    (tmp_path / "out" / slug / "keep.txt").write_text("mine")
    result = runner.invoke(args=["courses", "export", slug, str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "not empty" in result.output
    assert (tmp_path / "out" / slug / "keep.txt").read_text() == "mine"


def test_export_of_an_unknown_course_fails(app, runner, tmp_path):
    result = runner.invoke(args=["courses", "export", "nope", str(tmp_path)])
    assert result.exit_code != 0
    assert "no installed course" in result.output
